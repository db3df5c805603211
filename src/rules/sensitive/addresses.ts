import ipaddr from "ipaddr.js";
import { ipv4Number, parseMac } from "../../inventory/cells.js";
import { asciiSet, runEnd } from "../../text/runs.js";

export type AddressKind = "IPv4 address" | "IPv6 address" | "MAC address" | "overlay network id" | "e-mail address";

/** An address found in a text, by offsets into it. */
export interface AddressMatch {
  kind: AddressKind;
  start: number;
  end: number;
  value: string;
}

/** Documentation ranges (RFC 5737, RFC 3849): examples, never a real network. */
const DOCUMENTATION = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"].map((c) => ipaddr.parseCIDR(c));
/** Ranges that name no machine of a site: loopback, "any", broadcast, multicast, netmasks (240/4). */
const NOT_A_MACHINE = new Set(["unspecified", "loopback", "broadcast", "multicast"]);
/** Reserved domains (RFC 2606, RFC 6761), as the documentation ranges are for IPs. */
const EXAMPLE_DOMAIN = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;

/**
 * A dotted quad wherever it is glued (`ip_10.0.0.38`, `host10.0.0.39`), with leading zeros
 * (`010.000.000.034`) or with its dots escaped for Markdown or HTML (`10\.0\.0\.17`, `10&#46;0&#46;0&#46;18`).
 */
const DOT = String.raw`(?:\.|\\\.|&#46;|&#x2[eE];|&period;)`;
/*
 * The "not after" checks sit after the first character (`\d(?<![\d.\\;]\d)`), not before it: the
 * same matches, but the regex engine can then skip ahead to the next possible first character
 * instead of trying every offset of the text (2–3× faster on a device table; the lookbehind-first
 * forms are the reference in test/rules/fast-paths.test.ts).
 */
const IPV4 = new RegExp(String.raw`(\d(?<![\d.\\;]\d)\d{0,2}(?:${DOT}\d{1,3}){3})(?!\d|${DOT}\d)`, "g");
// The first group's first character is a hex digit (then up to three more and its colon) or its colon.
const IPV6 = /([0-9a-f:](?<![\w:.][0-9a-f:])(?:(?<=[0-9a-f])[0-9a-f]{0,3}:|(?<=:))(?:[0-9a-f]{0,4}:){1,6}(?:[0-9a-f]{0,4}|\d{1,3}(?:\.\d{1,3}){3}))(?![\w:])/gi;
const MAC = /([0-9a-f](?<![\w:.-][0-9a-f])(?:[0-9a-f]([-:])[0-9a-f]{2}(?:\2[0-9a-f]{2}){4}|[0-9a-f]{3}\.[0-9a-f]{4}\.[0-9a-f]{4}))(?![\w]|[-:.][0-9a-f])/gi;
/** `0:11:32:99:aa:25`: a MAC whose leading zeros were dropped. */
const MAC_SHORT_GROUPS = /([0-9a-f](?<![\w:.-][0-9a-f])[0-9a-f]?:(?:[0-9a-f]{1,2}:){4}[0-9a-f]{1,2})(?![\w:]|[-.][0-9a-f])/gi;
/**
 * `00113299aa21`: twelve hex digits standing alone (only when redacting: a container id looks the
 * same), with a digit and a letter among them (`hexMix`).
 */
const MAC_BARE = /([0-9a-f](?<![0-9a-z][0-9a-f])[0-9a-f]{11})(?![0-9a-z])/gi;
/**
 * A ZeroTier network id: 16 hex digits not inside a longer hex run, `zt_…` included, with a digit
 * and a letter among them (`hexMix`).
 */
const NETWORK_ID = /([0-9a-f](?<![0-9a-f][0-9a-f])[0-9a-f]{15})(?![0-9a-f])/gi;

/** A run of hex digits holding both a digit and a letter (`deadbeefcafe` is a word, `000000000000` a number). */
function hexMix(value: string): boolean {
  return /\d/.test(value) && /[a-f]/i.test(value);
}
/** Not after `user:` (a credential, sensitive/secret's) unless after `mailto:`; not before `:` (an ssh remote). */
const EMAIL = /([a-z0-9](?<!(?:[\w.+-]|(?<!mailto):)[a-z0-9])[a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?![\w:-])/gi;

/** The regexes rewritten for speed, for the test that holds them to their reference forms. */
export const FAST_PATTERNS = { IPV4, IPV6, MAC, MAC_SHORT_GROUPS, MAC_BARE, NETWORK_ID, EMAIL } as const;

/** An escaped dot, or an octet with a leading zero. */
const PADDED_OR_ESCAPED = /[\\&]|(?:^|\.)0\d/;

/** `010\.000&#46;0.34` → `10.0.0.34`: the quad as ipaddr reads it. */
function plainQuad(text: string): string {
  // Most quads are written plainly: no escaped dot, no leading zero.
  if (!PADDED_OR_ESCAPED.test(text)) return text;
  return text
    .replace(/\\\.|&#46;|&#x2[eE];|&period;/g, ".")
    .split(".")
    .map((o) => String(Number(o)))
    .join(".");
}

/** Public IPv4 test by octets: the same answer as `publicIp`, without building address objects. */
function publicIpv4(text: string): boolean {
  const n = ipv4Number(text);
  if (n < 0) return false;
  const a = Math.floor(n / 16777216);
  const b = Math.floor(n / 65536) % 256;
  const c = Math.floor(n / 256) % 256;
  // unspecified (0/8), loopback (127/8), multicast (224/4); 255.x.x.x are netmasks (and broadcast).
  if (a === 0 || a === 127 || (a >= 224 && a <= 239) || a === 255) return false;
  // Documentation ranges (RFC 5737).
  return !((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113));
}

function publicIp(text: string): boolean {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(text);
  } catch {
    return false;
  }
  if (addr.kind() === "ipv4" && !ipaddr.IPv4.isValidFourPartDecimal(text)) return false;
  if (NOT_A_MACHINE.has(addr.range())) return false;
  // 255.255.255.0 and friends are netmasks, not machines.
  if (addr.kind() === "ipv4" && (addr as ipaddr.IPv4).octets[0] === 255) return false;
  return !DOCUMENTATION.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

/**
 * Cheap necessary condition for ipaddr's IPv6 syntax: without `::` it takes eight groups
 * (seven colons) or six and a dotted quad (six colons). Spares colon MACs a parse attempt.
 */
function mayBeIpv6(text: string): boolean {
  if (text.includes("::")) return true;
  let colons = 0;
  for (let i = text.indexOf(":"); i >= 0; i = text.indexOf(":", i + 1)) colons++;
  return colons >= 6;
}

const always = (): boolean => true;

/**
 * Every match of the global regex `re`, by `exec` from offset 0 rather than `matchAll`, which
 * copies the regex on each call: a public build redacts tens of thousands of short strings.
 */
function collect(text: string, re: RegExp, kind: AddressKind, keep: (value: string) => boolean, out: AddressMatch[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const value = m[1]!;
    const start = m.index + m[0].indexOf(value);
    if (keep(value)) out.push({ kind, start, end: start + value.length, value });
    // Never stuck on an empty match (none of these regexes has one; kept safe anyway).
    if (m[0].length === 0) re.lastIndex++;
  }
}

const HEX_DIGIT = asciiSet(/[0-9a-f]/i);
/** What an e-mail's local part may hold (EMAIL's `[a-z0-9._%+-]`, either case). */
const LOCAL_PART = asciiSet(/[a-z0-9._%+-]/i);
const isHex = (text: string, at: number): boolean => {
  const c = text.charCodeAt(at);
  return c < 128 && HEX_DIGIT[c] === 1;
};

/**
 * NETWORK_ID's matches (a run of exactly 16 hex digits, none beside it), found without the
 * regex, which tries every hex digit of a text as a start: a skipping run search (runEnd), then
 * the whole run around the one found.
 */
function collectNetworkIds(text: string, out: AddressMatch[]): void {
  const RUN = 16;
  for (let end = runEnd(text, HEX_DIGIT, RUN); end >= 0; ) {
    let start = end - RUN + 1;
    while (start > 0 && isHex(text, start - 1)) start--;
    let stop = end + 1;
    while (stop < text.length && isHex(text, stop)) stop++;
    if (stop - start === RUN) {
      const value = text.slice(start, stop);
      if (hexMix(value)) out.push({ kind: "overlay network id", start, end: stop, value });
    }
    // The next run starts after the character that ended this one.
    end = runEnd(text, HEX_DIGIT, RUN, stop + 1);
  }
}

/** EMAIL tried at one position (the lookbehinds still see the text before it). */
const EMAIL_AT = new RegExp(EMAIL.source, "iy");

/**
 * EMAIL's matches, in the order its global search finds them, tried only before each `@` (an
 * address holds exactly one, after a local part of LOCAL_PART characters): the global search
 * tries every letter of a text as a start, and finds out slowly that most have no `@` after them.
 */
function collectEmails(text: string, out: AddressMatch[]): void {
  // Where the global search would go on from: the end of the last address.
  let from = 0;
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", Math.max(at + 1, from))) {
    let start = at;
    while (start > from) {
      const c = text.charCodeAt(start - 1);
      if (c >= 128 || LOCAL_PART[c] !== 1) break;
      start--;
    }
    for (let p = start; p < at; p++) {
      EMAIL_AT.lastIndex = p;
      const m = EMAIL_AT.exec(text);
      if (m === null) continue;
      const value = m[1]!;
      const matchStart = m.index + m[0].indexOf(value);
      if (!EXAMPLE_DOMAIN.test(value.slice(value.indexOf("@") + 1))) out.push({ kind: "e-mail address", start: matchStart, end: matchStart + value.length, value });
      from = EMAIL_AT.lastIndex;
      break;
    }
  }
}

/** The e-mail addresses and overlay network ids findAddresses reports, for the test that holds them to the regexes. */
export const FAST_SCANS = { collectEmails, collectNetworkIds } as const;

/**
 * What every address `findAddresses` returns holds somewhere: a hex digit, a separator and a hex
 * digit (MACs), a digit before a dot or an escaped dot (IPv4), two colons a group apart (IPv6),
 * an `@` (e-mail), or twelve hex digits in a row (bare MACs, network ids). A text without any of
 * them holds no address: most words of an inventory are answered here. The one-character test
 * goes first, being the cheapest.
 */
const SEPARATOR = /[-:.@\\&]/;
const SEPARATED = /[0-9a-f][-:.][0-9a-f]|\d[.\\&]|:[0-9a-f]{0,4}:|@/i;
const HEX_RUN = /[0-9a-f]{12}/i;

export function mayHoldAddress(text: string): boolean {
  return (SEPARATOR.test(text) && SEPARATED.test(text)) || (text.length >= 12 && HEX_RUN.test(text));
}

/** A text that is one dotted quad, or one colon-separated MAC, and nothing else. */
const WHOLE_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const WHOLE_MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/i;

/**
 * Whether the whole text is one address `findAddresses` returns (loose or not), for the two
 * shapes most inventory fields hold (`10.1.2.3`, `aa:bb:cc:dd:ee:ff`); `undefined` for any other
 * text. Lets a public build skip the scan for the thousands of distinct IPs and MACs it redacts.
 */
export function isWholeAddress(text: string): boolean | undefined {
  if (WHOLE_QUAD.test(text)) return publicIpv4(plainQuad(text));
  if (WHOLE_MAC.test(text)) return parseMac(text) !== null;
  return undefined;
}

/**
 * Every IP (documentation, loopback and netmask addresses excepted), MAC, 16-hex overlay
 * network id and e-mail address in a text, in text order, none overlapping. `loose` (public
 * redaction) also takes twelve hex digits standing alone for a MAC.
 */
export function findAddresses(text: string, options: { loose?: boolean } = {}): AddressMatch[] {
  const found: AddressMatch[] = [];
  // MAC's own shape (one separator throughout, by back-reference, or three dotted groups of four) is
  // one parseMac accepts: nothing to check again on the thousands of a device table.
  collect(text, MAC, "MAC address", always, found);
  if (text.includes(":")) collect(text, MAC_SHORT_GROUPS, "MAC address", (v) => !/^(?:[0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(v), found);
  if (options.loose) collect(text, MAC_BARE, "MAC address", hexMix, found);
  collect(text, IPV4, "IPv4 address", (v) => publicIpv4(plainQuad(v)), found);
  collect(text, IPV6, "IPv6 address", (v) => mayBeIpv6(v) && ipaddr.IPv6.isValid(v) && publicIp(v), found);
  collectNetworkIds(text, found);
  collectEmails(text, found);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: AddressMatch[] = [];
  for (const match of found) if (!out.length || match.start >= out[out.length - 1]!.end) out.push(match);
  return out;
}
