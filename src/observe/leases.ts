import { cleanText, Collector, epochMs, observedIp, observedMac } from "./text.js";

/**
 * dnsmasq's lease file: one lease a line, `<expiry> <MAC> <IP> <hostname|*> <client-id|*>` for
 * DHCPv4 (the MAC may carry an ARP type prefix, `01-aa:bb:…`; ethernet's is usually left out),
 * `<expiry> <IAID> <IPv6> <hostname|*> <DUID|*>` for DHCPv6, and one `duid <server DUID>` line.
 * Leases carry an expiry, not a time seen: they are dated by the file, which dnsmasq rewrites on
 * every change.
 */
export function readDnsmasq(text: string, out: Collector): void {
  text.split(/\r?\n|\r/).forEach((raw, index) => {
    const line = index + 1;
    const fields = raw.trim().split(/\s+/);
    if (raw.trim() === "" || (fields[0] === "duid" && fields.length === 2)) return;
    if (fields.length !== 5 || !/^\d+$/.test(fields[0]!)) {
      out.problem({ line }, "not a dnsmasq lease line (expiry, MAC or IAID, IP, host name, client id); skipped");
      return;
    }
    const [, link, address, host] = fields as [string, string, string, string, string];
    const ip = observedIp(address);
    if (ip === null) {
      out.problem({ line }, `"${cleanText(address, 40)}" is not an IP address; skipped`);
      return;
    }
    // `01-aa:bb:cc:dd:ee:ff` is ethernet with its ARP type; other hardware types are not MACs.
    const typed = /^([0-9a-f]{1,2})-(.*)$/i.exec(link);
    const mac = typed ? (Number.parseInt(typed[1]!, 16) === 1 ? observedMac(typed[2]) : null) : observedMac(link);
    out.add({ line }, { ip, mac, name: host === "*" ? null : cleanText(host, 253) });
  });
}

interface IscLease {
  line: number;
  column: number;
  ip: string;
  active: boolean | null;
  mac: string | null;
  name: string | null;
  time: number | null;
}

/**
 * ISC dhcpd's `dhcpd.leases` (dhcpd.leases(5)): `lease <ip> { starts …; ends …; cltt …;
 * binding state active; hardware ethernet …; client-hostname "…"; }`, appended on every change,
 * so the last declaration of an address is the current one. Times are `<weekday> YYYY/MM/DD
 * HH:MM:SS` in UTC, or `epoch <seconds>;`. Only active bindings are sightings, dated by `cltt`
 * (the client's last transaction), else `starts`.
 */
export function readIscLeases(text: string, out: Collector): void {
  const leases = new Map<string, IscLease>();
  const tokens = tokenize(text);
  let depth = 0;
  let current: IscLease | null = null;
  let statement: { text: string; line: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.text === "{") {
      if (depth === 0 && statement[0]?.text === "lease" && statement.length === 2) {
        const ip = observedIp(statement[1]!.text);
        if (ip === null) out.problem({ line: statement[0].line }, `lease "${cleanText(statement[1]!.text, 40)}" does not name an IP address; skipped`);
        else current = { line: statement[0].line, column: 1, ip, active: null, mac: null, name: null, time: null };
      }
      depth++;
      statement = [];
      continue;
    }
    if (token.text === "}") {
      if (depth === 0) {
        out.problem({ line: token.line }, "a } without its {; the rest of the file is not read", "error");
        return;
      }
      depth--;
      if (depth === 0 && current) {
        leases.delete(current.ip);
        leases.set(current.ip, current);
        current = null;
      }
      statement = [];
      continue;
    }
    if (token.text === ";") {
      if (depth === 1 && current) applyStatement(current, statement);
      statement = [];
      continue;
    }
    statement.push(token);
  }
  if (depth !== 0) out.problem({ line: current?.line ?? tokens[tokens.length - 1]?.line ?? 1 }, "the file ends inside a declaration (a missing })", "error");
  for (const lease of leases.values()) {
    if (lease.active === false) continue;
    out.add(lease, { ip: lease.ip, mac: lease.mac, name: lease.name, time: lease.time });
  }
}

function applyStatement(lease: IscLease, words: { text: string }[]): void {
  const w = words.map((t) => t.text);
  if (w[0] === "binding" && w[1] === "state") lease.active = w[2] === "active";
  else if (w[0] === "hardware" && w[1] === "ethernet") lease.mac = observedMac(w[2]);
  else if (w[0] === "client-hostname") lease.name = cleanText(unquote(w[1]), 253);
  else if (w[0] === "cltt") lease.time = leaseTime(w.slice(1)) ?? lease.time;
  else if (w[0] === "starts" && lease.time === null) lease.time = leaseTime(w.slice(1));
}

/** `4 2021/01/14 10:00:00` (UTC) or `epoch 1610618400`. */
function leaseTime(words: string[]): number | null {
  if (words[0] === "epoch") return epochMs(words[1], "s");
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(words[1] ?? "");
  const t = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(words[2] ?? "");
  if (!m || !t) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]), Number(t[3]));
  return Number.isFinite(ms) ? ms : null;
}

function unquote(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  if (!word.startsWith('"')) return word;
  return word.slice(1, word.endsWith('"') && word.length > 1 ? -1 : undefined).replace(/\\(.)/g, "$1");
}

/** Words, quoted strings, `{`, `}` and `;`, with their lines; `#` comments dropped. */
function tokenize(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let line = 1;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === "\n") {
      line++;
      i++;
    } else if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "{" || c === "}" || c === ";") {
      out.push({ text: c, line });
      i++;
    } else if (c === '"') {
      const start = i;
      const startLine = line;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === "\\") i++;
        if (text[i] === "\n") line++;
      }
      i++;
      out.push({ text: text.slice(start, i), line: startLine });
    } else {
      const start = i;
      while (i < text.length && !/[\s{};"#]/.test(text[i]!)) i++;
      out.push({ text: text.slice(start, i), line });
    }
  }
  return out;
}

const DURATION_PART = /(\d+)(w|d|h|ms|m|s)/g;
const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** RouterOS durations: `1w2d3h4m5s`, `5m2s`, `00:05:02`. */
function routerOsDuration(value: string | undefined): number | null {
  if (!value) return null;
  const clock = /^(\d+):(\d{2}):(\d{2})$/.exec(value);
  if (clock) return (Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3])) * 1000;
  if (!/^(\d+(w|d|h|ms|m|s))+$/.test(value)) return null;
  let ms = 0;
  for (const m of value.matchAll(DURATION_PART)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  return ms;
}

const ENTRY_START = /^\s*(\d+)\s+(?:([A-Z](?:\s?[A-Z])*)\s+)?(?=[a-z][a-z0-9-]*=|;;;)/;
const PAIR = /([a-z][a-z0-9-]*)=("(?:[^"\\]|\\.)*"|\S*)/g;

/**
 * MikroTik RouterOS `/ip dhcp-server lease print detail`: a `Flags:` legend, then one entry per
 * number (` 0 D address=… mac-address=… status=bound last-seen=5s active-address=…`) wrapped onto
 * indented lines; `;;;` lines are comments. Bound leases are sightings: the active address and
 * MAC, `host-name`, dated by the file less `last-seen`. Disabled (X) entries are skipped.
 */
export function readMikrotik(text: string, out: Collector): void {
  const entries: { line: number; flags: string; body: string }[] = [];
  text.split(/\r?\n|\r/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith(";;;") || /^Flags:/.test(trimmed) || /^Columns:/.test(trimmed) || /^\[.*\]\s*>/.test(trimmed)) return;
    const start = ENTRY_START.exec(raw);
    if (start) {
      // A comment (`;;; text`) on the entry's first line runs to its end; the properties follow.
      const body = raw.slice(start[0].length);
      entries.push({ line, flags: (start[2] ?? "").replace(/\s/g, ""), body: body.startsWith(";;;") ? "" : body });
      return;
    }
    const last = entries[entries.length - 1];
    if (last && /^\s/.test(raw) && /[a-z][a-z0-9-]*=/.test(trimmed)) last.body += ` ${trimmed}`;
    else out.problem({ line }, "not part of a lease print detail entry; skipped");
  });
  for (const entry of entries) {
    if (entry.flags.includes("X")) continue;
    const pairs = new Map<string, string>();
    for (const m of entry.body.matchAll(PAIR)) pairs.set(m[1]!, unquote(m[2]) ?? "");
    const status = pairs.get("status");
    if (status !== undefined && status !== "bound") continue;
    const ip = observedIp(pairs.get("active-address") ?? pairs.get("address"));
    if (ip === null) {
      out.problem({ line: entry.line }, "a lease without an IP address; skipped");
      continue;
    }
    const lastSeen = routerOsDuration(pairs.get("last-seen"));
    out.add(
      { line: entry.line },
      {
        ip,
        mac: observedMac(pairs.get("active-mac-address") ?? pairs.get("mac-address")),
        name: cleanText(pairs.get("host-name"), 253),
        time: lastSeen === null ? null : out.fileTime - lastSeen,
      },
    );
  }
}
