import ipaddr from "ipaddr.js";
import type { Cell } from "../markdown/types.js";
import { collapseSpaces } from "../text/spaces.js";

/** Cell contents that mean "no value". */
const ABSENT = new Set(["", "na", "n/a", "-", "—", "–", "none", "tbd", "xx", "?"]);
const DASHES = /^[-—–:\s]+$/;

/** Longest ABSENT word: longer text is absent only when it is all dashes. */
const ABSENT_MAX = [...ABSENT].reduce((w, word) => Math.max(w, word.length), 0);

export function isAbsentText(text: string): boolean {
  const t = text.trim();
  if (t.length <= ABSENT_MAX && ABSENT.has(t.toLowerCase())) return true;
  // Only dash-like characters can start a run of dashes (cells are checked by the thousand).
  const first = t.charCodeAt(0);
  return (first === 45 || first === 0x2014 || first === 0x2013 || first === 58) && DASHES.test(t);
}

const X_SEGMENT = /(?:^|[\s.:\-_/])x+(?=$|[\s.:\-_/])/i;

/**
 * A value with `?` or `x` placeholders: `sw1p?`, `00-11-D9-xx-xx-xx`, `x.x.x.1`, `TIVO-xxx`.
 * A segment made only of x's counts; so does an x inside a segment that should be hex digits.
 */
export function isPlaceholderText(text: string): boolean {
  const t = text.trim();
  if (t.includes("?")) return true;
  // Both remaining forms need an x.
  if (!t.includes("x") && !t.includes("X")) return false;
  // A segment (between `.:-_/` and spaces) of x's only; a search, not a split into segments.
  if (X_SEGMENT.test(t)) return true;
  // MAC-like values with x digits: 84-EA-ED-A8-64-9x
  return /^[0-9a-fx]{2}([-:][0-9a-fx]{2}){5}$/i.test(t) && /x/i.test(t);
}

export type CellState = "value" | "absent" | "placeholder";

export function cellState(cell: Cell | undefined): CellState {
  if (!cell) return "absent";
  if (isAbsentText(cell.text)) return "absent";
  if (isPlaceholderText(cell.text)) return "placeholder";
  return "value";
}

/** Columns of prose: a `?` there is punctuation, not a placeholder. */
export const FREE_TEXT_COLUMNS: ReadonlySet<string> = new Set(["notes", "purpose", "schedule"]);

/** The text of a prose cell, or null when absent; placeholders are not looked for. */
export function textValue(cell: Cell | undefined): string | null {
  return !cell || isAbsentText(cell.text) ? null : collapseSpaces(cell.text);
}

/** The plain value of a cell, or null when absent or a placeholder. */
export function cellValue(cell: Cell | undefined): string | null {
  return cellState(cell) === "value" ? collapseSpaces(cell!.text) : null;
}

const IPV4_TOKEN = /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?:\/\d{1,2})?(?![\d.])/;
const IPV6_TOKEN = /(?<![0-9a-f:])((?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:%[\w.]+)?)(?:\/\d{1,3})?(?![0-9a-f:])/i;

/**
 * A dotted quad in plain decimal (no leading zeros, each 0–255) as its 32-bit number, else -1:
 * what ipaddr's isValidFourPartDecimal accepts, without its parse and regex, and without an array,
 * for every cell of every device table.
 */
export function ipv4Number(text: string): number {
  let number = 0;
  let octets = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 46;
    if (code === 46) {
      if (digits === 0 || value > 255 || octets === 4) return -1;
      number = number * 256 + value;
      octets++;
      value = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      if (digits === 1 && value === 0) return -1;
      value = value * 10 + (code - 48);
      // More digits than an octet has: not a quad (and the value stays small).
      if (++digits > 3) return -1;
    } else return -1;
  }
  return octets === 4 ? number : -1;
}

/** The octets of a dotted quad in plain decimal (see ipv4Number), else null. */
export function ipv4Octets(text: string): [number, number, number, number] | null {
  const n = ipv4Number(text);
  return n < 0 ? null : [Math.floor(n / 16777216), Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256];
}

/** Parses one IP address (v4 in dotted-quad form, or v6) into its canonical string. */
export function parseIp(text: string): string | null {
  const t = text.trim();
  // A plain-decimal quad is its own canonical form.
  if (ipv4Number(t) >= 0) return t;
  try {
    if (ipaddr.IPv6.isValid(t)) return ipaddr.IPv6.parse(t).toString();
  } catch {
    return null;
  }
  return null;
}

/** Finds an IP address anywhere in a text (cells often say `192.168.0.9 (vm)`). */
export function findIp(text: string): string | null {
  const v4 = IPV4_TOKEN.exec(text);
  if (v4) {
    const ip = parseIp(v4[1]!);
    if (ip) return ip;
  }
  const v6 = IPV6_TOKEN.exec(text);
  return v6 ? parseIp(v6[1]!) : null;
}

/**
 * The IP a cell names: the cell text as a whole, else an IP inside its text or link targets.
 * Returns undefined when the cell has a value but names no IP (an invalid-ip finding).
 */
export function cellIp(cell: Cell | undefined): string | null | undefined {
  const value = cellValue(cell);
  if (value === null) return null;
  const whole = parseIp(value.replace(/\/\d{1,3}$/, ""));
  if (whole) return whole;
  const inside = findIp(value) ?? cell!.links.map((l) => findIp(l.url)).find((ip) => ip) ?? null;
  return inside ?? undefined;
}

const MAC_SEPARATED = /^([0-9a-f]{2})[-:]([0-9a-f]{2})[-:]([0-9a-f]{2})[-:]([0-9a-f]{2})[-:]([0-9a-f]{2})[-:]([0-9a-f]{2})$/i;
const MAC_DOTTED = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i;
const MAC_BARE = /^[0-9a-f]{12}$/i;

/** Normalizes a MAC to lowercase colon form, or null when the text is not a MAC. */
export function parseMac(text: string): string | null {
  const t = text.trim();
  let hex: string | null = null;
  if (MAC_SEPARATED.test(t)) {
    // One separator throughout (at 2, 5, 8, 11, 14); the common case, so no splitting and joining.
    const sep = t[2]!;
    if (t[5] !== sep || t[8] !== sep || t[11] !== sep || t[14] !== sep) return null;
    const lower = t.toLowerCase();
    return sep === ":" ? lower : lower.replaceAll(sep, ":");
  } else if (MAC_DOTTED.test(t)) hex = t.replace(/\./g, "");
  else if (MAC_BARE.test(t)) hex = t;
  if (!hex) return null;
  return hex.toLowerCase().match(/../g)!.join(":");
}

/** A cell that is one URL and nothing else: its `?` starts a query, it is no placeholder. */
const WHOLE_URL = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;

/** The URL a cell names: a link target, else a URL written as text. */
export function cellUrl(cell: Cell | undefined): string | null {
  if (cell && cell.links.length === 0 && WHOLE_URL.test(cell.text.trim())) return cell.text.trim();
  if (cellState(cell) !== "value") return null;
  const link = cell!.links[0];
  if (link) return link.url;
  const bare = /\bhttps?:\/\/\S+/i.exec(cell!.text);
  return bare ? bare[0] : null;
}

/** A port 1–65535, null when absent, undefined when present but not a port. */
export function cellPort(cell: Cell | undefined): number | null | undefined {
  const value = cellValue(cell);
  if (value === null) return null;
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port >= 1 && port <= 65535 ? port : undefined;
}
