import { parseIp, parseMac } from "../inventory/cells.js";
import type { ObservationFormat, ObservationProblem, OverlaySighting, Sighting } from "./types.js";
import { collapseSpaces } from "../text/spaces.js";

/**
 * Text from an observation file is untrusted (a DHCP client chooses its own host name): control
 * characters are dropped, whitespace collapsed and the length capped before it is kept.
 */
export function cleanText(value: unknown, max = 128): string | null {
  if (typeof value !== "string") return null;
  // The common case, printable ASCII with single spaces, needs no rewriting (a 65,536-host scan
  // passes here twice per host).
  if (value.length <= max && PLAIN.test(value)) return value;
  // eslint-disable-next-line no-control-regex
  const text = collapseSpaces(value.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, " "));
  if (text === "") return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const PLAIN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;
const COLON_MAC = /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$/;

/** A MAC as tools print it: `aa:bb:…`, `AA-BB-…`, `aabb.ccdd.eeff`, or BSD's `0:b:…` without leading zeros. */
export function observedMac(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (text.length > 32) return null;
  if (COLON_MAC.test(text)) {
    const mac = text.toLowerCase();
    return mac === "00:00:00:00:00:00" || (Number.parseInt(mac.slice(0, 2), 16) & 1) === 1 ? null : mac;
  }
  const short = /^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i.test(text) ? text.split(":").map((o) => o.padStart(2, "0")).join(":") : text;
  const mac = parseMac(short);
  if (mac === null) return null;
  // Broadcast, multicast and all-zero addresses are no device.
  if (mac === "00:00:00:00:00:00" || (Number.parseInt(mac.slice(0, 2), 16) & 1) === 1) return null;
  return mac;
}

/** An IP as tools print it, optionally with a prefix length (`10.147.17.5/24`); null for anything else. */
export function observedIp(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 64) return null;
  const text = value.trim().replace(/\/\d{1,3}$/, "").replace(/%[\w.-]+$/, "");
  return parseIp(text);
}

/** Epoch seconds or milliseconds from a number-like value, when plausible (after 1990, before 2200). */
export function epochMs(value: unknown, unit: "s" | "ms"): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d{1,16}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  const ms = unit === "s" ? n * 1000 : n;
  return ms >= 631_152_000_000 && ms <= 7_258_118_400_000 ? Math.floor(ms) : null;
}

/** What every reader fills: sightings and problems for one file. */
export class Collector {
  readonly sightings: Sighting[] = [];
  readonly problems: ObservationProblem[] = [];
  constructor(
    readonly file: string,
    readonly source: ObservationFormat,
    /** The time for entries that carry none: the file's own time. */
    readonly fileTime: number,
  ) {}

  add(at: { line: number; column?: number }, seen: { time?: number | null; ip?: string | null; mac?: string | null; name?: string | null; vendor?: string | null; overlay?: OverlaySighting | null; ports?: string[] }): void {
    const sighting: Sighting = {
      time: seen.time ?? this.fileTime,
      source: this.source,
      file: this.file,
      line: at.line,
      column: at.column ?? 1,
      ip: seen.ip ?? null,
      mac: seen.mac ?? null,
      name: seen.name ?? null,
      vendor: seen.vendor ?? null,
      overlay: seen.overlay ?? null,
      ports: seen.ports ?? [],
    };
    if (sighting.ip === null && sighting.mac === null && (sighting.overlay === null || (sighting.overlay.node === null && sighting.overlay.addresses.length === 0))) return;
    this.sightings.push(sighting);
  }

  problem(at: { line: number; column?: number }, message: string, severity: "error" | "warn" = "warn"): void {
    // A file full of damage is named a few times, not ten thousand.
    if (this.problems.length === MAX_PROBLEMS_PER_FILE) {
      this.problems.push({ file: this.file, line: at.line, column: at.column ?? 1, severity: "warn", message: "more damaged entries follow; not listed" });
      return;
    }
    if (this.problems.length > MAX_PROBLEMS_PER_FILE) return;
    this.problems.push({ file: this.file, line: at.line, column: at.column ?? 1, severity, message });
  }
}

export const MAX_PROBLEMS_PER_FILE = 20;
