import { describe, expect, it } from "vitest";
import { blockedMessage, embeddedIPv4, ipv6Bytes, isBlockedAddress } from "./ssrf";

describe("isBlockedAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.5", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.1.1", "link-local"],
    ["169.254.169.254", "cloud metadata"],
    ["100.100.100.200", "cloud metadata"],
    ["168.63.129.16", "cloud metadata"],
    ["192.0.0.192", "cloud metadata"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.0.8", "IETF protocol assignment"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["FEBF::1", "link-local"],
    ["fc00::1", "unique-local"],
    ["fd12:3456:789a::1", "unique-local"],
    ["fd00:ec2::254", "cloud metadata"],
    ["fec0::1", "site-local"],
    ["ff02::1", "multicast"],
    ["64:ff9b:1::a", "local NAT64"],
    ["100::1", "discard-only"],
    // IPv4 inside IPv6: mapped, compatible, NAT64 well-known prefix, 6to4
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::FFFF:10.1.2.3", "private"],
    ["::ffff:169.254.169.254", "cloud metadata"],
    ["::10.0.0.1", "private"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b::192.168.0.1", "private"],
    ["64:ff9b::a9fe:a9fe", "cloud metadata"],
    ["2002:0a00:0001::1", "private"],
    ["2002:7f00:1::", "loopback"],
  ])("blocks %s (%s)", (ip, reason) => {
    expect(isBlockedAddress(ip)).toEqual({ blocked: true, reason });
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "172.15.255.255", // just below 172.16/12
    "172.32.0.0", // just above
    "100.63.255.255", // just below 100.64/10
    "100.128.0.0", // just above
    "169.253.255.255",
    "11.0.0.1",
    "192.167.255.255",
    "192.169.0.0",
    "223.255.255.255",
    "203.0.113.5",
    "2606:4700:4700::1111",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808", // NAT64 of 8.8.8.8
    "2002:0808:0808::1", // 6to4 of 8.8.8.8
    "fbff:ffff::1", // just below fc00::/7
    "fe00::1", // between fc00::/7 and fe80::/10
  ])("allows %s", (ip) => {
    expect(isBlockedAddress(ip)).toEqual({ blocked: false, reason: null });
  });

  it.each(["localhost", "", "256.1.1.1", "1.2.3", "::g", "example.com"])("blocks %j, which is not an IP address", (s) => {
    expect(isBlockedAddress(s)).toEqual({ blocked: true, reason: "not an IP address" });
  });
});

describe("IPv6 helpers", () => {
  it("expands compressed forms and embedded dotted quads", () => {
    expect(Array.from(ipv6Bytes("::1")!)).toEqual([...Array(15).fill(0), 1]);
    expect(Array.from(ipv6Bytes("1::")!)).toEqual([0, 1, ...Array(14).fill(0)]);
    expect(Array.from(ipv6Bytes("::ffff:1.2.3.4")!).slice(10)).toEqual([0xff, 0xff, 1, 2, 3, 4]);
    expect(ipv6Bytes("1.2.3.4")).toBeNull();
  });

  it("finds the IPv4 address an IPv6 address carries", () => {
    expect(embeddedIPv4("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(embeddedIPv4("64:ff9b::a00:1")).toBe("10.0.0.1");
    expect(embeddedIPv4("2002:a00:1::")).toBe("10.0.0.1");
    expect(embeddedIPv4("2606:4700::1")).toBeNull();
    expect(embeddedIPv4("::")).toBeNull();
  });
});

describe("blockedMessage", () => {
  it("names the host, the address and the way out", () => {
    expect(blockedMessage("example.com", "10.0.0.5", "private")).toBe(
      "Blocked: example.com resolves to a private address (10.0.0.5); set CHECKS_ALLOW_PRIVATE=true to allow",
    );
    expect(blockedMessage("169.254.169.254", "169.254.169.254", "cloud metadata")).toBe(
      "Blocked: 169.254.169.254 is a cloud metadata address; set CHECKS_ALLOW_PRIVATE=true to allow",
    );
    expect(blockedMessage("x.test", "::1", "unspecified")).toContain("an unspecified address (::1)");
  });
});
