import { BlockList, isIP, isIPv4, isIPv6 } from "node:net";

// SSRF guard: which resolved addresses a check may not connect to (unless CHECKS_ALLOW_PRIVATE, or the
// host is named in CHECKS_ALLOW_HOSTS). Applied at connect time on the resolved IP (lib/checks/connector.ts),
// so DNS rebinding and redirects to such addresses are refused too.
//
// The list is the IANA IPv4 and IPv6 Special-Purpose Address Registries
// (https://www.iana.org/assignments/iana-ipv4-special-registry, …/iana-ipv6-special-registry): every
// entry whose "Globally Reachable" is False, plus multicast, the cloud metadata endpoints, and a few
// anycast/infrastructure blocks no web site lives on (named "infrastructure" below, blocked as a
// precaution although the registry marks them globally reachable). Addresses that carry an IPv4
// address (IPv4-mapped, -translated, -compatible, NAT64, 6to4) are judged by the address they carry.

export type BlockVerdict = { blocked: boolean; reason: string | null };

// Most specific first: the first matching rule names the reason.
const V4_RULES: [string, number, string][] = [
  ["169.254.169.254", 32, "cloud metadata"], // AWS, GCP, Azure, OpenStack…
  ["100.100.100.200", 32, "cloud metadata"], // Alibaba Cloud
  ["168.63.129.16", 32, "cloud metadata"], // Azure WireServer (a public address)
  ["192.0.0.192", 32, "cloud metadata"], // Oracle Cloud
  ["255.255.255.255", 32, "broadcast"], // registry: Limited Broadcast
  ["0.0.0.0", 8, "unspecified"], // registry: "This network"; 0.0.0.0 reaches the local host on Linux
  ["127.0.0.0", 8, "loopback"], // registry: Loopback
  ["10.0.0.0", 8, "private"], // registry: Private-Use
  ["172.16.0.0", 12, "private"], // registry: Private-Use
  ["192.168.0.0", 16, "private"], // registry: Private-Use
  ["169.254.0.0", 16, "link-local"], // registry: Link Local
  ["100.64.0.0", 10, "carrier-grade NAT"], // registry: Shared Address Space
  // registry: IETF Protocol Assignments (with its service-continuity, dummy and NAT64-discovery entries);
  // blocked whole: its two globally reachable /32s (PCP, TURN anycast) serve no web site.
  ["192.0.0.0", 24, "IETF protocol assignment"],
  ["192.0.2.0", 24, "documentation"], // registry: Documentation (TEST-NET-1)
  ["198.51.100.0", 24, "documentation"], // registry: Documentation (TEST-NET-2)
  ["203.0.113.0", 24, "documentation"], // registry: Documentation (TEST-NET-3)
  ["198.18.0.0", 15, "benchmarking"], // registry: Benchmarking
  ["192.88.99.0", 24, "reserved"], // registry: Deprecated (6to4 Relay Anycast)
  ["192.31.196.0", 24, "infrastructure"], // registry: AS112-v4 (DNS sink anycast)
  ["192.52.193.0", 24, "infrastructure"], // registry: AMT (multicast relay anycast)
  ["192.175.48.0", 24, "infrastructure"], // registry: Direct Delegation AS112 Service
  ["224.0.0.0", 4, "multicast"], // IPv4 Multicast Address Space Registry
  ["240.0.0.0", 4, "reserved"], // registry: Reserved
];

const V6_RULES: [string, number, string][] = [
  ["fd00:ec2::254", 128, "cloud metadata"], // AWS IMDS over IPv6
  ["::", 128, "unspecified"], // registry: Unspecified Address
  ["::1", 128, "loopback"], // registry: Loopback Address
  ["fe80::", 10, "link-local"], // registry: Link-Local Unicast
  ["fec0::", 10, "site-local"], // deprecated (RFC 3879), still routed internally on some networks
  ["fc00::", 7, "unique-local"], // registry: Unique-Local
  ["ff00::", 8, "multicast"], // IPv6 Multicast Address Space Registry
  ["64:ff9b:1::", 48, "local NAT64"], // registry: Local-Use IPv4/IPv6 Translation
  ["100::", 64, "discard-only"], // registry: Discard-Only Address Block
  ["100:0:0:1::", 64, "reserved"], // registry: Dummy IPv6 Prefix
  // registry: IETF Protocol Assignments (Teredo, benchmarking 2001:2::/48, ORCHID 2001:10::/28, …);
  // blocked whole: its globally reachable entries are anycast services and identifiers, not web sites.
  ["2001::", 23, "IETF protocol assignment"],
  ["2001:db8::", 32, "documentation"], // registry: Documentation
  ["3fff::", 20, "documentation"], // registry: Documentation
  ["5f00::", 16, "reserved"], // registry: Segment Routing (SRv6) SIDs
  ["2620:4f:8000::", 48, "infrastructure"], // registry: Direct Delegation AS112 Service
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

/** "[FE80::1%eth0]" → "FE80::1": the address part of a literal, without brackets or zone id. */
const bare = (ip: string) => ip.replace(/^\[|\]$/g, "").split("%")[0]!;

/** Parse an IPv6 literal (optionally bracketed, with a zone id or an embedded dotted quad) into 16 bytes. */
export function ipv6Bytes(ip: string): Uint8Array | null {
  const addr = bare(ip);
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

/**
 * The IPv4 address an IPv6 address carries, if any: IPv4-mapped ::ffff:0:0/96 (registry), IPv4-translated
 * ::ffff:0:0:0/96 (RFC 2765), IPv4-compatible ::/96 (deprecated), NAT64 64:ff9b::/96 (registry), 6to4 2002::/16.
 */
export function embeddedIPv4(ip: string): string | null {
  const b = ipv6Bytes(ip);
  if (!b) return null;
  if (zero(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return v4At(b, 12); // ::ffff:a.b.c.d
  if (zero(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && zero(b, 10, 12)) return v4At(b, 12); // ::ffff:0:a.b.c.d
  if (zero(b, 0, 12) && !zero(b, 12, 16)) return v4At(b, 12); // ::a.b.c.d
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
  const addr = bare(ip);
  const family = isIP(addr);
  if (family === 4) return checkV4(addr);
  if (family !== 6) return { blocked: true, reason: "not an IP address" };
  const hit = v6.find((r) => r.list.check(addr.toLowerCase(), "ipv6"));
  if (hit) return { blocked: true, reason: hit.reason };
  // Otherwise a carried IPv4 address decides: ::ffff:8.8.8.8 is as public as 8.8.8.8, ::ffff:10.0.0.1 as private.
  const inner = embeddedIPv4(addr);
  return inner && isIPv4(inner) ? checkV4(inner) : { blocked: false, reason: null };
}

/**
 * The error a blocked check reports. A name's resolved address is never echoed (it would map the
 * internal network for whoever can create monitors); an IP literal is named, since its author typed it.
 * "Blocked: example.com resolves to a private address; the operator can allow it with CHECKS_ALLOW_HOSTS=example.com:8080 or CHECKS_ALLOW_PRIVATE=true"
 */
export function blockedMessage(host: string, ip: string, reason: string, port?: number): string {
  const what = `${/^([aeio]|un(?!i))/i.test(reason) ? "an" : "a"} ${reason} address`; // "an unspecified", "a unique-local"
  const name = bare(host);
  const literal = isIP(name) !== 0 || name === bare(ip);
  const subject = literal ? `${name} is ${what}` : `${name} resolves to ${what}`;
  const entry = port === undefined ? name : isIPv6(name) ? `[${name}]:${port}` : `${name}:${port}`;
  return `Blocked: ${subject}; the operator can allow it with CHECKS_ALLOW_HOSTS=${entry} or CHECKS_ALLOW_PRIVATE=true`;
}
