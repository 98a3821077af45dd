import dgram from "node:dgram";

/**
 * A tiny authoritative DNS responder over UDP for tests (node's dgram, packets built by hand): answers
 * from a table the test changes while it runs, NXDOMAIN for unknown names, SERVFAIL or silence on demand.
 */
export type DnsAnswer =
  | { type: "A" | "AAAA" | "CNAME" | "NS"; value: string }
  | { type: "MX"; priority: number; exchange: string }
  | { type: "TXT"; value: string }
  | { type: "SRV"; priority: number; weight: number; port: number; target: string }
  | { type: "CAA"; flags: number; tag: string; value: string };

const TYPES: Record<string, number> = { A: 1, NS: 2, CNAME: 5, MX: 15, TXT: 16, AAAA: 28, SRV: 33, CAA: 257 };

export type DnsZone = Map<string, DnsAnswer[] | "SERVFAIL" | "SILENT">;

function name(n: string): Buffer {
  const parts = n.replace(/\.$/, "").split(".").filter(Boolean);
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p)])), Buffer.from([0])]);
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function v6(ip: string): Buffer {
  const [head, tail = ""] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return Buffer.concat(groups.map((g) => u16(parseInt(g, 16))));
}

function rdata(a: DnsAnswer): Buffer {
  switch (a.type) {
    case "A":
      return Buffer.from(a.value.split(".").map(Number));
    case "AAAA":
      return v6(a.value);
    case "CNAME":
    case "NS":
      return name(a.value);
    case "MX":
      return Buffer.concat([u16(a.priority), name(a.exchange)]);
    case "TXT":
      return Buffer.concat([Buffer.from([Buffer.byteLength(a.value)]), Buffer.from(a.value)]);
    case "SRV":
      return Buffer.concat([u16(a.priority), u16(a.weight), u16(a.port), name(a.target)]);
    case "CAA":
      return Buffer.concat([Buffer.from([a.flags, a.tag.length]), Buffer.from(a.tag), Buffer.from(a.value)]);
  }
}

/** Listens on 127.0.0.1:`port` over UDP (0 = any free port); `npm run up`'s demo target uses it too. */
export async function startDnsResponder(zone: DnsZone, port = 0): Promise<{ port: number; address: string; queries: number; close: () => Promise<void> }> {
  // A large receive buffer: a burst of queries from a worker (hundreds at once) must not be dropped here,
  // or a benchmark or test would read the loss as the checked resolver timing out.
  const socket = dgram.createSocket({ type: "udp4", recvBufferSize: 4 * 1024 * 1024 });
  const state = { port: 0, address: "127.0.0.1", queries: 0, close: () => new Promise<void>((r) => socket.close(() => r())) };
  socket.on("message", (msg, rinfo) => {
    state.queries++;
    // Question: labels from byte 12, then qtype and qclass.
    let off = 12;
    const labels: string[] = [];
    while (msg[off] !== 0) {
      labels.push(msg.subarray(off + 1, off + 1 + msg[off]).toString());
      off += msg[off] + 1;
    }
    const qEnd = off + 5;
    const qtype = msg.readUInt16BE(off + 1);
    const qname = labels.join(".").toLowerCase();
    const typeName = Object.keys(TYPES).find((k) => TYPES[k] === qtype);
    const entry = zone.get(`${qname}|${typeName}`) ?? (([...zone.keys()].some((k) => k.startsWith(`${qname}|`)) ? [] : undefined) as DnsAnswer[] | undefined);
    if (entry === "SILENT") return;
    const rcode = entry === "SERVFAIL" ? 2 : entry === undefined ? 3 : 0;
    const answers = Array.isArray(entry) ? entry : [];
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | rcode, 2); // QR, AA, RD echoed
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const rrs = answers.map((a) => {
      const data = rdata(a);
      return Buffer.concat([u16(0xc00c), u16(TYPES[a.type]), u16(1), Buffer.from([0, 0, 0, 60]), u16(data.length), data]);
    });
    socket.send(Buffer.concat([header, msg.subarray(12, qEnd), ...rrs]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(port, "127.0.0.1", () => resolve()));
  state.port = socket.address().port;
  return state;
}
