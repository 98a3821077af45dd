import { BlockList, isIP, isIPv4, isIPv6 } from "node:net";

// SSRF guard: which resolved addresses a check may not connect to (unless CHECKS_ALLOW_PRIVATE).
// Applied at connect time on the resolved IP (lib/checks/connector.ts), so DNS rebinding and
// redirects to such addresses are refused too.

export type BlockVerdict = { blocked: boolean; reason: string | null };

// Most specific first: the first matching rule names the reason.
const V4_RULES: [string, number, string][] = [
  ["169.254.169.254", 32, "cloud metadata"], // AWS, GCP, Azure, OpenStack…
  ["100.100.100.200", 32, "cloud metadata"], // Alibaba Cloud
  ["168.63.129.16", 32, "cloud metadata"], // Azure WireServer (a public address)
  ["192.0.0.192", 32, "cloud metadata"], // Oracle Cloud
  ["255.255.255.255", 32, "broadcast"],
  ["0.0.0.0", 8, "unspecified"], // "this network": 0.0.0.0 reaches the local host on Linux
  ["127.0.0.0", 8, "loopback"],
  ["10.0.0.0", 8, "private"],
  ["172.16.0.0", 12, "private"],
  ["192.168.0.0", 16, "private"],
  ["169.254.0.0", 16, "link-local"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["192.0.0.0", 24, "IETF protocol assignment"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

const V6_RULES: [string, number, string][] = [
  ["fd00:ec2::254", 128, "cloud metadata"], // AWS IMDS over IPv6
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"], // deprecated, still routed internally on some networks
  ["fc00::", 7, "unique-local"],
  ["ff00::", 8, "multicast"],
  ["64:ff9b:1::", 48, "local NAT64"],
  ["100::", 64, "discard-only"],
];

function buildList(rules: [string, number, string][], family: "ipv4" | "ipv6") {
  return rules.map(([net, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(net, prefix, family);
    return { list, reason };
  });
}

const v4 = buildList(V4_RULES, "ipv4");
const v6 = buildList(V6_RULES, "ipv6");

/** Parse an IPv6 literal (optionally with a zone id or embedded dotted quad) into 16 bytes. */
export function ipv6Bytes(ip: string): Uint8Array | null {
  const addr = ip.split("%")[0]!;
  if (!isIPv6(addr)) return null;
  let text = addr.toLowerCase();
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array(tail === undefined ? 0 : missing).fill("0"), ...tailGroups];
  if (groups.length !== 8) return null;
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    bytes[i * 2] = n >> 8;
    bytes[i * 2 + 1] = n & 0xff;
  });
  return bytes;
}

const v4At = (b: Uint8Array, i: number) => `${b[i]}.${b[i + 1]}.${b[i + 2]}.${b[i + 3]}`;
const zero = (b: Uint8Array, from: number, to: number) => b.slice(from, to).every((x) => x === 0);

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64 well-known prefix, 6to4), if any. */
export function embeddedIPv4(ip: string): string | null {
  const b = ipv6Bytes(ip);
  if (!b) return null;
  if (zero(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return v4At(b, 12); // ::ffff:a.b.c.d
  if (zero(b, 0, 12) && !zero(b, 12, 16)) return v4At(b, 12); // ::a.b.c.d (deprecated "compatible")
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(b, 4, 12)) return v4At(b, 12); // 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return v4At(b, 2); // 2002::/16 6to4
  return null;
}

function checkV4(ip: string): BlockVerdict {
  const hit = v4.find((r) => r.list.check(ip, "ipv4"));
  return hit ? { blocked: true, reason: hit.reason } : { blocked: false, reason: null };
}

/** Pure: is a check to this resolved IP address refused (when private targets are not allowed)? */
export function isBlockedAddress(ip: string): BlockVerdict {
  const family = isIP(ip.split("%")[0]!);
  if (family === 4) return checkV4(ip);
  if (family !== 6) return { blocked: true, reason: "not an IP address" };
  const addr = ip.split("%")[0]!;
  const hit = v6.find((r) => r.list.check(addr, "ipv6"));
  if (hit) return { blocked: true, reason: hit.reason };
  const inner = embeddedIPv4(addr);
  return inner && isIPv4(inner) ? checkV4(inner) : { blocked: false, reason: null };
}

/** "Blocked: example.com resolves to a private address (10.0.0.5); set CHECKS_ALLOW_PRIVATE=true to allow" */
export function blockedMessage(host: string, ip: string, reason: string): string {
  const what = `${/^[aeiou]/i.test(reason) ? "an" : "a"} ${reason} address`;
  const subject = host === ip ? `${ip} is ${what}` : `${host} resolves to ${what} (${ip})`;
  return `Blocked: ${subject}; set CHECKS_ALLOW_PRIVATE=true to allow`;
}
