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
    ["192.0.0.170", "IETF protocol assignment"],
    // IANA IPv4 Special-Purpose Address Registry entries that are not globally reachable
    ["192.0.2.1", "documentation"],
    ["198.51.100.1", "documentation"],
    ["203.0.113.5", "documentation"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["192.88.99.1", "reserved"],
    ["192.31.196.1", "infrastructure"],
    ["192.52.193.1", "infrastructure"],
    ["192.175.48.1", "infrastructure"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["0000:0000:0000:0000:0000:0000:0000:0001", "loopback"],
    ["[::1]", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["[fe80::1%25eth0]", "link-local"],
    ["FEBF::1", "link-local"],
    ["fc00::1", "unique-local"],
    ["fd12:3456:789a::1", "unique-local"],
    ["fd00:ec2::254", "cloud metadata"],
    ["FD00:EC2:0:0:0:0:0:254", "cloud metadata"],
    ["fec0::1", "site-local"],
    ["ff02::1", "multicast"],
    ["64:ff9b:1::a", "local NAT64"],
    ["100::1", "discard-only"],
    // IANA IPv6 Special-Purpose Address Registry entries that are not globally reachable
    ["100:0:0:1::1", "reserved"],
    ["2001:db8::1", "documentation"],
    ["2001:DB8:FFFF::1", "documentation"],
    ["3fff::1", "documentation"],
    ["3fff:fff::1", "documentation"],
    ["5f00::1", "reserved"],
    ["2001::1", "IETF protocol assignment"], // Teredo
    ["2001:2::1", "IETF protocol assignment"], // benchmarking
    ["2001:10::1", "IETF protocol assignment"], // deprecated ORCHID
    ["2001:1ff::1", "IETF protocol assignment"],
    ["2620:4f:8000::1", "infrastructure"],
    // IPv4 inside IPv6, in every spelling: mapped, translated, compatible, NAT64 well-known prefix, 6to4
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::FFFF:7F00:1", "loopback"],
    ["0:0:0:0:0:ffff:7f00:0001", "loopback"],
    ["0000:0000:0000:0000:0000:FFFF:7F00:0001", "loopback"],
    ["[::ffff:127.0.0.1]", "loopback"],
    ["::ffff:127.0.0.1%lo", "loopback"],
    ["::FFFF:10.1.2.3", "private"],
    ["::ffff:192.168.0.1", "private"],
    ["::ffff:169.254.169.254", "cloud metadata"],
    ["[::ffff:169.254.169.254]", "cloud metadata"],
    ["::ffff:a9fe:a9fe", "cloud metadata"],
    ["::ffff:0.0.0.0", "unspecified"],
    ["::ffff:0:127.0.0.1", "loopback"], // IPv4-translated (RFC 2765)
    ["::ffff:0:7f00:1", "loopback"],
    ["::ffff:0:a9fe:a9fe", "cloud metadata"],
    ["::10.0.0.1", "private"],
    ["::7f00:1", "loopback"],
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
    "198.17.255.255", // just below 198.18/15
    "198.20.0.0", // just above
    "192.0.1.255", // between 192.0.0/24 and 192.0.2/24
    "203.0.114.1",
    "2606:4700:4700::1111",
    "2001:4860:4860::8888",
    "2001:200::1", // just above 2001::/23
    "2001:dc8::1", // just below 2001:db8::/32
    "3fff:1000::1", // just above 3fff::/20
    "::ffff:8.8.8.8",
    "::ffff:808:808",
    "::ffff:0:8.8.8.8",
    "64:ff9b::808:808", // NAT64 of 8.8.8.8
    "2002:0808:0808::1", // 6to4 of 8.8.8.8
    "fbff:ffff::1", // just below fc00::/7
    "fe00::1", // between fc00::/7 and fe80::/10
  ])("allows %s", (ip) => {
    expect(isBlockedAddress(ip)).toEqual({ blocked: false, reason: null });
  });

  // What reaches the guard is a resolver's answer or a URL's normalized host: anything else fails closed.
  it.each(["localhost", "", "256.1.1.1", "1.2.3", "127.1", "2130706433", "0x7f.0.0.1", "::g", "example.com"])("blocks %j, which is not an IP address", (s) => {
    expect(isBlockedAddress(s)).toEqual({ blocked: true, reason: "not an IP address" });
  });
});

describe("URL spellings of internal addresses reach the guard as what they mean", () => {
  // The engine connects to new URL(monitor.url).hostname: WHATWG parsing turns every legacy spelling
  // into the canonical address, and the guard judges that.
  it.each([
    ["http://2130706433/", "127.0.0.1", "loopback"],
    ["http://0x7f.1/", "127.0.0.1", "loopback"],
    ["http://017700000001/", "127.0.0.1", "loopback"],
    ["http://0177.0.0.1/", "127.0.0.1", "loopback"],
    ["http://0x7f000001/", "127.0.0.1", "loopback"],
    ["http://127.1/", "127.0.0.1", "loopback"],
    ["http://127.0.0.1./", "127.0.0.1", "loopback"],
    ["http://%31%32%37.0.0.1/", "127.0.0.1", "loopback"],
    ["http://0/", "0.0.0.0", "unspecified"],
    ["http://0xa9fea9fe/", "169.254.169.254", "cloud metadata"],
    ["http://2852039166/", "169.254.169.254", "cloud metadata"],
    ["http://012.0.0.1/", "10.0.0.1", "private"],
    ["http://[::ffff:127.0.0.1]/", "[::ffff:7f00:1]", "loopback"],
    ["http://[0:0:0:0:0:ffff:7f00:0001]/", "[::ffff:7f00:1]", "loopback"],
    ["http://[::FFFF:7F00:1]/", "[::ffff:7f00:1]", "loopback"],
    ["http://[::ffff:169.254.169.254]/", "[::ffff:a9fe:a9fe]", "cloud metadata"],
    ["http://[::ffff:0:127.0.0.1]/", "[::ffff:0:7f00:1]", "loopback"],
    ["http://[::127.0.0.1]/", "[::7f00:1]", "loopback"],
    ["http://[0::1]/", "[::1]", "loopback"],
  ])("%s → %s (%s)", (url, hostname, reason) => {
    const parsed = new URL(url).hostname;
    expect(parsed).toBe(hostname);
    expect(isBlockedAddress(parsed)).toEqual({ blocked: true, reason });
  });

  it("rejects zone ids in URLs outright (the URL is invalid, so no check is made)", () => {
    expect(() => new URL("http://[fe80::1%25eth0]/")).toThrow();
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
    expect(embeddedIPv4("[::FFFF:A00:1]")).toBe("10.0.0.1");
    expect(embeddedIPv4("::ffff:0:a00:1")).toBe("10.0.0.1");
    expect(embeddedIPv4("64:ff9b::a00:1")).toBe("10.0.0.1");
    expect(embeddedIPv4("2002:a00:1::")).toBe("10.0.0.1");
    expect(embeddedIPv4("2606:4700::1")).toBeNull();
    expect(embeddedIPv4("::")).toBeNull();
  });
});

describe("blockedMessage", () => {
  it("names a typed IP literal and the way out, but never the address a name resolved to", () => {
    expect(blockedMessage("example.com", "10.0.0.5", "private", 8080)).toBe(
      "Blocked: example.com resolves to a private address; the operator can allow it with CHECKS_ALLOW_HOSTS=example.com:8080 or CHECKS_ALLOW_PRIVATE=true",
    );
    expect(blockedMessage("169.254.169.254", "169.254.169.254", "cloud metadata", 80)).toBe(
      "Blocked: 169.254.169.254 is a cloud metadata address; the operator can allow it with CHECKS_ALLOW_HOSTS=169.254.169.254:80 or CHECKS_ALLOW_PRIVATE=true",
    );
    expect(blockedMessage("::1", "::1", "loopback", 443)).toContain("::1 is a loopback address; the operator can allow it with CHECKS_ALLOW_HOSTS=[::1]:443 ");
    const named = blockedMessage("x.test", "::1", "unspecified");
    expect(named).toBe(
      "Blocked: x.test resolves to an unspecified address; the operator can allow it with CHECKS_ALLOW_HOSTS=x.test or CHECKS_ALLOW_PRIVATE=true",
    );
    expect(named).not.toContain("::1");
  });
});
