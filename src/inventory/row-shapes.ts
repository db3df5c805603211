import type { Cell } from "../markdown/types.js";
import { findIp, isAbsentText, isPlaceholderText, parseIp } from "./cells.js";
import { collapseSpaces } from "../text/spaces.js";

/**
 * How real tables write more than a value in one cell: names with a role tag, a rename or a status
 * word, addresses as links, cable runs. Each function looks at one cell (a few dozen characters):
 * the work per row is constant, so a table is read in linear time.
 */

/** Words that say a machine is not in service (any of them makes a record inactive). */
export const INACTIVE_STATUSES: ReadonlySet<string> = new Set([
  "retired",
  "offline",
  "removed",
  "decommissioned",
  "decommissioning",
  "spare",
  "dead",
  "inactive",
  "stopped",
  "disabled",
]);

/** A record counts as active unless its status is one of INACTIVE_STATUSES. */
export function isActiveStatus(status: string): boolean {
  return !INACTIVE_STATUSES.has(status);
}

const STATUS_ALTERNATION = "retired|offline|removed|decommissioned|decommissioning|spare|dead|inactive|stopped|disabled";
const STATUS_FIRST = new RegExp(`^[^a-z]*(${STATUS_ALTERNATION})(?![a-z])`, "i");
const STATUS_LAST = new RegExp(`(?<![a-z])(${STATUS_ALTERNATION})[^a-z]*$`, "i");

/** The first inactive-status word of a text, when it is the text's first or last word (one regex each: this runs for every row). */
export function statusWord(text: string): string | null {
  const first = STATUS_FIRST.exec(text);
  if (first) return first[1]!.toLowerCase();
  const last = STATUS_LAST.exec(text);
  return last ? last[1]!.toLowerCase() : null;
}

/** A status column's value: the inactive word it holds (`stopped, disk only` → stopped), else the cell as written. */
export function statusValue(text: string): string {
  const lower = collapseSpaces(text.toLowerCase());
  if (INACTIVE_STATUSES.has(lower)) return lower;
  return statusWord(lower) ?? lower;
}

/** Role tags of the field (`ng`, `sg2`, `cg`, `ws`, `ns`): network/storage/compute gateway, workstation. */
const ROLE_TAG = /^(ng|sg|cg|ws|ns|mg)\d{0,2}$/i;
export function isRoleTag(word: string): boolean {
  return ROLE_TAG.test(word);
}

/** A gateway tag names the one machine of its kind at a site, so a row may be called by it (`ng`, `sg2`). */
const NAMING_TAG = /^(ng|sg|cg)\d{0,2}$/i;

/** A token that reads as a host name rather than a word: has a digit, `-`, `_` or `.` inside. */
function hostLike(token: string): boolean {
  return token.length >= 3 && /[a-z]/i.test(token) && /[\d_.-]/.test(token.slice(1, -1) || token) && !/^[\d.]+$/.test(token);
}

export interface NameParts {
  name: string | null;
  formerly?: string;
  /** An inactive status written in the cell (`offline ~~x~~`, `~~x~~`). */
  status?: string;
  role?: string;
  /** The rest of the cell once the name is taken (`(Hyper-V VM)`, `Longboat-HV`). */
  notes?: string;
  /** `cf:sg2`: the site the name is qualified with. */
  site?: string;
}

const clean = collapseSpaces;
const NAME_TEXT = /^[\p{L}\p{N}\s._:()\/+-]+$/u;
const PLAIN_NAME = /^\s*[^\s():]+\s*$/;

/**
 * Reads a name cell. Strikethrough: all of it struck is retired; `status ~~x~~ rest` is that status;
 * `~~old~~ new` is a rename. Then `name (note)`, `site:name`, a leading role tag and a host-like
 * first word followed by plain words (`TUNR-4471BE Signalwell`) keep the name and move the rest.
 */
export function nameParts(cell: Cell | undefined, options: { split: boolean } = { split: true }): NameParts {
  if (!cell) return { name: null };
  // Most names are one plain word: no struck span, no space, nothing to take apart.
  if (!cell.strike && cell.struck.length === 0 && PLAIN_NAME.test(cell.text)) {
    const t = cell.text.trim();
    return isAbsentText(t) || isPlaceholderText(t) || t.toLowerCase() === "unknown" ? { name: null } : { name: t };
  }
  const text = clean(cell.text);
  if (cell.strike) return { ...splitName(text, options.split), status: "retired" };
  if (cell.struck.length > 0) {
    const first = clean(cell.struck[0]!);
    const at = text.indexOf(first);
    const before = at >= 0 ? clean(text.slice(0, at)) : "";
    const last = clean(cell.struck[cell.struck.length - 1]!);
    const lastAt = text.lastIndexOf(last);
    const after = lastAt >= 0 ? clean(text.slice(lastAt + last.length)) : "";
    const status = before ? statusWord(before) : null;
    if (status) return { ...splitName(first, options.split), status, ...(after ? { notes: after } : {}) };
    if (!before && after) {
      const renamed = splitName(after, options.split);
      return renamed.name && !isAbsentText(first) ? { ...renamed, formerly: first } : renamed;
    }
    if (!before && !after) return { ...splitName(first, options.split), status: "retired" };
    return { ...splitName(before, options.split), notes: clean([first, after].join(" ")) };
  }
  if (isAbsentText(text) || isPlaceholderText(text)) return { name: null };
  return splitName(text, options.split);
}

/** `mg2 (Hyper-V VM)`, `cf:sg2`, `ng sl Archer_C7 switch 1 sr`, `TUNR-4471BE Signalwell`. */
export function splitName(text: string, split: boolean): NameParts {
  const t = clean(text);
  if (!t || isAbsentText(t) || /^unknown$/i.test(t)) return { name: null };
  // Only names written with name characters are taken apart (`<img src=x onerror=alert(1)>` is kept whole).
  if (!split || !NAME_TEXT.test(t)) return { name: t };
  const paren = /^([^()]+?)\s*\(([^()]*)\)\s*(.*)$/.exec(t);
  if (paren && paren[1]!.trim()) {
    const inner = clean(paren[2]!);
    const rest = clean(`${inner} ${paren[3]!}`);
    const head = splitName(paren[1]!, true);
    if (/^[a-z][\w-]*$/i.test(inner) && !paren[3]!.trim() && !head.role) return { ...head, role: inner };
    return { ...head, notes: clean([head.notes ?? "", rest].join(" ")) };
  }
  const ref = /^([a-z][a-z0-9-]{1,15}):([^\s:]+)$/i.exec(t);
  if (ref) return { name: ref[2]!, site: ref[1]!.toLowerCase() };
  const tokens = t.split(" ");
  if (tokens.length === 1) return { name: t };
  if (isRoleTag(tokens[0]!)) {
    const rest = tokens.slice(1);
    const pick = rest.findIndex(hostLike);
    if (pick >= 0) {
      const notes = clean([...rest.slice(0, pick), ...rest.slice(pick + 1)].join(" "));
      return { name: rest[pick]!, role: tokens[0]!, ...(notes ? { notes } : {}) };
    }
  }
  const on = /^(\S+)\s+(?:vm\s+)?on\s+(.+)$/i.exec(t);
  if (on && hostLike(on[1]!)) return { name: on[1]!, notes: clean(t.slice(on[1]!.length)) };
  if (hostLike(tokens[0]!) && tokens[0]!.length >= 4 && tokens.slice(1).every((w) => /^[a-z]+$/i.test(w))) {
    return { name: tokens[0]!, notes: tokens.slice(1).join(" ") };
  }
  return { name: t };
}

/** `switch 1 to 2` → switch 1, switch 2. */
export function cableEnds(name: string): { from: string; to: string } | null {
  const m = /^(.+?)\s+to\s+(.+)$/i.exec(clean(name));
  if (!m) return null;
  const from = m[1]!;
  let to = m[2]!;
  // "switch 1 to 2": the second end is named like the first.
  const numbered = /^(.*?)(\d+)$/.exec(from);
  if (numbered && /^\d+$/.test(to)) to = `${numbered[1]}${to}`;
  return { from, to };
}

const PORT_ID = "[a-z][a-z0-9]*p\\d+[a-z0-9]*";
const PORT_PAIR = new RegExp(`^(${PORT_ID})\\s*-\\s*(${PORT_ID})$`, "i");
/** `sw1p4-sw2p5` → the two ports of a cable run. */
export function portPair(text: string): { fromPort: string; toPort: string } | null {
  const m = PORT_PAIR.exec(text.trim());
  return m ? { fromPort: m[1]!, toPort: m[2]! } : null;
}

/** `zt-10.147.17.94` (link text or plain): an overlay address written into another column. */
const OVERLAY_TOKEN = /(?:^|[^a-z0-9])(?:zt|zerotier|ts|tailscale|wg)[-_:](\d{1,3}(?:\.\d{1,3}){3})(?![\d.])/i;
export function overlayInText(text: string): string | null {
  if (!text.includes("-") && !text.includes("_") && !text.includes(":")) return null;
  const m = OVERLAY_TOKEN.exec(text);
  return m ? parseIp(m[1]!) : null;
}

/** What an address cell points at: the URL (or `ip : port`) a row starts from. */
export interface Address {
  url: string | null;
  /** The IP the address names (host part), when it is an IP. */
  ip: string | null;
  /** A DNS name in the host part. */
  hostname: string | null;
  port: number | null;
  /** The path after the host, `""` or `/` for none. */
  path: string;
  /** The cell's text without the address (`Longboat----w10os`, `ng-lan`, `gusGram`). */
  label: string;
}

const URL_TEXT = /\bhttps?:\/\/[^\s)\]]+/i;
const IP_PORT_TEXT = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\s*:\s*(\d{1,5}))?(?![\d.])/;
const HOST_PORT_TEXT = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)\s*:\s*(\d{1,5})\b/i;

function parseUrl(raw: string): Omit<Address, "label" | "url"> | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : /^\d{1,3}(\.\d{1,3}){3}/.test(raw) ? `http://${raw}` : null;
  if (!withScheme || !/^https?:/i.test(withScheme)) return null;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const ip = parseIp(host);
  const explicitPort = /^[a-z]+:\/\/[^/]*:(\d+)/i.exec(withScheme);
  return {
    ip,
    hostname: ip ? null : host.toLowerCase(),
    port: explicitPort ? Number(explicitPort[1]) : null,
    path: `${url.pathname}${url.search}${url.hash}`,
  };
}

/** The address a cell leads with: its first web link, a URL in its text, or text starting `ip[ : port]` / `host : port`. */
export function cellAddress(cell: Cell | undefined): Address | null {
  if (!cell) return null;
  const text = clean(cell.text);
  const links = cell.links;
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    const parsed = parseUrl(link.url.trim());
    if (parsed) return { ...parsed, url: link.url.trim(), label: labelWithout(text, [link.text]) };
  }
  const inText = URL_TEXT.exec(text);
  if (inText) {
    const parsed = parseUrl(inText[0]);
    if (parsed) return { ...parsed, url: inText[0], label: labelWithout(text, [inText[0]]) };
  }
  const ipPort = IP_PORT_TEXT.exec(text);
  if (ipPort && parseIp(ipPort[1]!)) {
    return { url: null, ip: ipPort[1]!, hostname: null, port: ipPort[2] ? Number(ipPort[2]) : null, path: "", label: labelWithout(text, [ipPort[0]]) };
  }
  const hostPort = HOST_PORT_TEXT.exec(text);
  if (hostPort) return { url: null, ip: null, hostname: hostPort[1]!.toLowerCase(), port: Number(hostPort[2]), path: "", label: labelWithout(text, [hostPort[0]]) };
  return null;
}

/** Text with the address parts removed, and run-on dashes (`Longboat----w10os`) cut at the first run. */
function labelWithout(text: string, parts: string[]): string {
  let rest = text;
  for (const part of parts) rest = rest.replace(part, " ");
  rest = clean(rest);
  const run = /-{2,}/.exec(rest);
  if (run) rest = rest.slice(0, run.index);
  return clean(rest);
}

/** Every IP a cell names: in its text and in its link targets. */
export function cellIps(cell: Cell | undefined): string[] {
  if (!cell) return [];
  const out: string[] = [];
  const fromText = findIp(cell.text);
  if (fromText) out.push(fromText);
  const links = cell.links;
  for (let i = 0; i < links.length; i++) {
    const ip = findIp(links[i]!.url);
    if (ip && !out.includes(ip)) out.push(ip);
  }
  return out;
}

/**
 * Overlay networks' usual address pools: ZeroTier's 10.x ones (10.147.x, 10.144.x, 10.241–244.x)
 * and Tailscale's 100.64/10. ZeroTier's 172.22–30.x and 192.168.191–196.x pools are left out: LANs
 * use those too, and a LAN table read as overlay members would lose its devices.
 */
export function inOverlayPool(ip: string): boolean {
  const o = ip.split(".").map(Number);
  if (o.length !== 4) return false;
  const [a, b] = o as [number, number, number, number];
  if (a === 10 && (b === 147 || b === 144 || (b >= 241 && b <= 244))) return true;
  if (a === 100 && b >= 64 && b <= 127) return true;
  return false;
}
