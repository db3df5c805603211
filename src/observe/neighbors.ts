import { cleanText, Collector, observedIp, observedMac } from "./text.js";
import type { JsonItem } from "./json.js";

/**
 * `ip -j neigh`: an array of `{dst, dev, lladdr, state: [...]}` (iproute2). Entries without a
 * link-layer address (FAILED, INCOMPLETE) are no sighting: nothing answered.
 */
export function readIpNeigh(items: JsonItem[], out: Collector): void {
  for (const { value, at } of items) {
    if (!isObject(value) || typeof value.dst !== "string") {
      out.problem(at, "not a neighbour entry (no dst); skipped");
      continue;
    }
    const ip = observedIp(value.dst);
    if (ip === null) {
      out.problem(at, `dst "${cleanText(value.dst, 40)}" is not an IP address; skipped`);
      continue;
    }
    const states = Array.isArray(value.state) ? value.state.filter((s): s is string => typeof s === "string") : [];
    if (states.includes("FAILED") || states.includes("INCOMPLETE") || value.lladdr === undefined) continue;
    const mac = observedMac(value.lladdr);
    if (mac === null) continue;
    out.add(at, { ip, mac });
  }
}

// Linux net-tools: `host (192.168.1.1) at aa:bb:cc:dd:ee:ff [ether] on eth0`, `… at <incomplete> on eth0`.
// BSD and macOS: `? (192.168.1.1) at 0:11:22:33:44:55 on en0 ifscope [ethernet]`, `… at (incomplete) on en0 …`.
const UNIX_LINE = /^(\S+) \(([0-9a-fA-F.:%\w-]+)\) at (\S+)(?:\s.*)?$/;
// Windows: `  192.168.1.1           00-11-22-33-44-55     dynamic` under `Interface: 192.168.1.10 --- 0xb`.
const WINDOWS_LINE = /^\s+(\d{1,3}(?:\.\d{1,3}){3})\s+([0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){5})\s+(\S+)\s*$/;
const WINDOWS_OTHER = /^(Interface:\s|\s+Internet Address\s|\s*$)/;

/** `arp -a` text, in the shapes of Linux net-tools, BSD/macOS and Windows. */
export function readArp(text: string, out: Collector): void {
  const lines = text.split(/\r?\n|\r/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "" || WINDOWS_OTHER.test(raw) && !WINDOWS_LINE.test(raw)) return;
    const windows = WINDOWS_LINE.exec(raw);
    if (windows) {
      const ip = observedIp(windows[1]);
      const mac = observedMac(windows[2]);
      if (ip !== null && mac !== null) out.add({ line, column: raw.indexOf(windows[1]!) + 1 }, { ip, mac });
      return;
    }
    const unix = UNIX_LINE.exec(raw.trimEnd());
    if (!unix) {
      out.problem({ line }, "not an arp -a entry; skipped");
      return;
    }
    const [, host, address, link] = unix;
    if (/^[<(]incomplete[>)]$/.test(link!)) return;
    const ip = observedIp(address);
    const mac = observedMac(link);
    if (ip === null || mac === null) {
      if (ip === null) out.problem({ line }, `"${cleanText(address, 40)}" is not an IP address; skipped`);
      return;
    }
    out.add({ line }, { ip, mac, name: host === "?" ? null : cleanText(host, 253) });
  });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

