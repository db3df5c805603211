// The hand-written fast paths of the hot rules and cell readers against the slower forms they
// replaced (kept here as the reference): every diagnostic must stay the same.
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { ipv4Number, ipv4Octets, isAbsentText, isPlaceholderText, parseIp, parseMac } from "../../src/inventory/cells.js";
import { parseRecordIp } from "../../src/rules/parse-ip.js";
import { FAST_PATTERNS, FAST_SCANS, findAddresses, isWholeAddress, mayHoldAddress, type AddressMatch } from "../../src/rules/sensitive/addresses.js";
import { REDACTED, redactByScan, redactText } from "../../src/emit/redact.js";
import { mayHoldToken } from "../../src/rules/sensitive/known-tokens.js";
import { collapseSpaces } from "../../src/text/spaces.js";
import { bareCandidates, namesAccount, type Candidate } from "../../src/sensitive/detector.js";
import { ACCOUNTS } from "../../src/sensitive/vocabulary.js";
import { charClasses, hasPasswordSymbol } from "../../src/sensitive/shape.js";

const RUNS = { numRuns: 3000 };

/** The detector's trimming of a word (a copy: the reference below must not move with it). */
function referenceTrim(value: string): string {
  let out = value.replace(/^[*_~]+/, "").replace(/[*_~]+$/, "");
  out = out.replace(/[.,;:]+$/, "");
  while (/[)\]}]$/.test(out) && !/[([{]/.test(out)) out = out.slice(0, -1).replace(/[.,;:]+$/, "");
  if (/^[([{]/.test(out) && !/[)\]}]/.test(out)) out = out.slice(1);
  return out;
}

/** Password-shaped words as first written: every word of the line, split and trimmed. */
function referenceBareCandidates(line: string, offset: number, code: boolean): Candidate[] {
  const out: Candidate[] = [];
  let from = 0;
  let previous = "";
  for (const raw of line.split(/[\s|()[\]<>"'`,;{}]+/)) {
    const at = line.indexOf(raw, from);
    from = at + raw.length;
    const word = referenceTrim(raw);
    const prev = previous;
    previous = word;
    if (word.length < 8 || word.length > 64 || !hasPasswordSymbol(word)) continue;
    if (/[/\\]|:\/\/|^[$%&#@]|=|&#?\w+;|^\*|@\d+(?:\.\d+)?\s?[GMk]?Hz/i.test(word)) continue;
    if (code && /\$[\w{(#@?]|\(\(|\)\)/.test(word)) continue;
    const classes = charClasses(word);
    if (!classes.digit || !(classes.lower || classes.upper)) continue;
    const start = at + raw.indexOf(word);
    out.push({ start: offset + start, value: word, weight: /^[a-z][a-z0-9._-]{1,31}$/.test(prev) || prev === "-" ? 0.1 : 0, strong: false, what: "password-like value", bare: true });
  }
  return out;
}

/** Octet-ish strings: in range, out of range, leading zeros, the special first octets. */
const octet = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map(String),
  fc.integer({ min: 256, max: 999 }).map(String),
  fc.integer({ min: 0, max: 99 }).map((n) => `0${n}`),
  fc.constantFrom("0", "127", "255", "224", "239", "240", "192", "198", "203", "2", "51", "100", "113", "00"),
);
const quad = fc.tuple(octet, octet, octet, octet).map((o) => o.join("."));

const DOCUMENTATION = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"].map((c) => ipaddr.parseCIDR(c));
const NOT_A_MACHINE = new Set(["unspecified", "loopback", "broadcast", "multicast"]);
function referencePublicIp(written: string): boolean {
  // Zero-padded octets (`010.000.000.034`) are read as decimal, as people who pad them mean.
  const text = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(written) ? written.split(".").map((o) => String(Number(o))).join(".") : written;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(text);
  } catch {
    return false;
  }
  if (addr.kind() === "ipv4" && !ipaddr.IPv4.isValidFourPartDecimal(text)) return false;
  if (NOT_A_MACHINE.has(addr.range())) return false;
  if (addr.kind() === "ipv4" && (addr as ipaddr.IPv4).octets[0] === 255) return false;
  return !DOCUMENTATION.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

function referenceMac(text: string): string | null {
  const t = text.trim();
  let hex: string | null = null;
  const separated = /^([0-9a-f]{2})[-:]([0-9a-f]{2})[-:]([0-9a-f]{2})[-:]([0-9a-f]{2})[-:]([0-9a-f]{2})[-:]([0-9a-f]{2})$/i.exec(t);
  if (separated) {
    if (new Set(t.replace(/[0-9a-f]/gi, "")).size === 1) hex = separated.slice(1).join("");
  } else if (/^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i.test(t)) hex = t.replace(/\./g, "");
  else if (/^[0-9a-f]{12}$/i.test(t)) hex = t;
  return hex ? hex.toLowerCase().match(/../g)!.join(":") : null;
}

const ABSENT = new Set(["", "na", "n/a", "-", "—", "–", "none", "tbd", "xx", "?"]);
const referenceAbsent = (text: string) => ABSENT.has(text.trim().toLowerCase()) || /^[-—–:\s]+$/.test(text.trim());
function referencePlaceholder(text: string): boolean {
  const t = text.trim();
  if (t.includes("?")) return true;
  if (t.split(/[\s.:\-_/]+/).some((s) => /^x+$/i.test(s))) return true;
  return /^[0-9a-fx]{2}([-:][0-9a-fx]{2}){5}$/i.test(t) && /x/i.test(t);
}

const REFERENCE_TOKEN =
  /(?<![A-Za-z])(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|[Aa][Ww][Ss]|secret_|gh[pousr]_|github_pat_|glpat-|glc_|glsa_|xox[a-z]-|xapp-|sk-|gsk_|hf_|npm_|dapi|SG\.|shp(?:at|ca|pa|ss)_|figd_|lin_api_|ntn_|ops_ey|dckr_pat_|hv[sbr]\.|vc[pikar]_|_authToken|"auth"|private_key)|-----BEGIN|:\/\/[^\s/@]*:[^\s/@]*@|[A-Za-z0-9_+=]{32,}/;

const textOf = (chars: string, maxLength = 12) => fc.array(fc.constantFrom(...chars), { maxLength }).map((a) => a.join(""));

describe("fast paths keep the answers of the forms they replaced", () => {
  it("ipv4Octets accepts exactly ipaddr's four-part decimals, and parseIp keeps their canonical form", () => {
    fc.assert(
      fc.property(quad, (q) => {
        const valid = ipaddr.IPv4.isValidFourPartDecimal(q);
        expect(ipv4Octets(q)).toEqual(valid ? ipaddr.IPv4.parse(q).octets : null);
        expect(ipv4Number(q)).toBe(valid ? ipaddr.IPv4.parse(q).toByteArray().reduce((n, o) => n * 256 + o, 0) : -1);
        if (valid) expect(parseIp(q)).toBe(ipaddr.IPv4.parse(q).toString());
      }),
      RUNS,
    );
    expect(["1.2.3", "1.2.3.4.5", "1..2.3", "", ".1.2.3", "1.2.3.4.", "1.2.3.0004"].map(ipv4Octets)).toEqual([null, null, null, null, null, null, null]);
    expect(ipv4Number("255.255.255.255")).toBe(4294967295);
    expect(ipv4Octets("203.0.113.9")).toEqual([203, 0, 113, 9]);
  });

  it("a dotted quad in prose is reported exactly when ipaddr calls it a public machine address", () => {
    fc.assert(
      fc.property(quad, (q) => {
        expect(findAddresses(`at ${q} here`).some((a) => a.kind === "IPv4 address")).toBe(referencePublicIp(q));
      }),
      RUNS,
    );
  });

  it("the first-character forms of the address regexes match what the lookbehind-first forms match", () => {
    const DOT = String.raw`(?:\.|\\\.|&#46;|&#x2[eE];|&period;)`;
    // The hex runs' digit-and-letter lookaheads moved to a test of the match.
    const mixed = (re: RegExp) => ({ [Symbol.matchAll]: (text: string) => [...text.matchAll(re)].filter((m) => /\d/.test(m[1]!) && /[a-f]/i.test(m[1]!)).values() }) as unknown as RegExp;
    const pairs: Array<[RegExp, RegExp]> = [
      [new RegExp(String.raw`(?<![\d.\\;])(\d{1,3}(?:${DOT}\d{1,3}){3})(?!\d|${DOT}\d)`, "g"), FAST_PATTERNS.IPV4],
      [/(?<![\w:.])((?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{0,4}|\d{1,3}(?:\.\d{1,3}){3}))(?![\w:])/gi, FAST_PATTERNS.IPV6],
      [/(?<![\w:.-])((?:[0-9a-f]{2}([-:])[0-9a-f]{2}(?:\2[0-9a-f]{2}){4})|(?:[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}))(?![\w]|[-:.][0-9a-f])/gi, FAST_PATTERNS.MAC],
      [/(?<![0-9a-z])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])([0-9a-f]{12})(?![0-9a-z])/gi, mixed(FAST_PATTERNS.MAC_BARE)],
      [/(?<![0-9a-f])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])([0-9a-f]{16})(?![0-9a-f])/gi, mixed(FAST_PATTERNS.NETWORK_ID)],
      [/(?<![\w:.-])((?:[0-9a-f]{1,2}:){5}[0-9a-f]{1,2})(?![\w:]|[-.][0-9a-f])/gi, FAST_PATTERNS.MAC_SHORT_GROUPS],
      [/(?<![\w.+-]|(?<!mailto):)([a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?![\w:-])/gi, FAST_PATTERNS.EMAIL],
    ];
    const matches = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => [m.index! + m[0].indexOf(m[1]!), m[1]]);
    const piece = fc.oneof(
      quad,
      fc.constantFrom("0:11:32:99:aa:25", "02-00-5e-10-00-01", "0200.5e10.0001", "00113299aa21", "8056c2e21c000001", "deadbeefcafebabe", "fe80::1", "::", "2001:db8::ff00:42:8329", "::ffff:1.2.3.4", ":1:2:3:4:5:6:7:8", "a:b:c:d:e:f", "ops@example.org", "a.b@c.io", "mailto:", "x:", "10\\.0\\.0\\.17", "10&#46;0.0.1", ";", "\\", ".", "-", ":", "@", "+", " ", "x", "9", "f", "é"),
      textOf("09aF.:;@-+ xmo\\", 8),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join("")), (text) => {
        for (const [reference, fast] of pairs) expect({ text, got: matches(fast, text) }).toEqual({ text, got: matches(reference, text) });
      }),
      { numRuns: 5000 },
    );
  });

  it("the e-mail and network id scans find what their regexes' global searches find", () => {
    const reference = (re: RegExp, kind: AddressMatch["kind"], keep: (v: string) => boolean, text: string) =>
      [...text.matchAll(re)].map((m) => ({ kind, start: m.index!, end: m.index! + m[1]!.length, value: m[1]! })).filter((m) => keep(m.value));
    const mixed = (v: string) => /\d/.test(v) && /[a-f]/i.test(v);
    const notExample = (v: string) => !/(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i.test(v.slice(v.indexOf("@") + 1));
    const piece = fc.oneof(
      fc.constantFrom("8056c2e21c000001", "8056C2E21C00000", "8056c2e21c0000012", "deadbeefcafebabe", "0123456789abcdef0123456789abcdef", "ops@example.org", "ops@site.io", "a%b@c.de", "x.y+z@h-1.co", "mailto:", "mailto:me@h.io", "user:pw@host.net", "@", "@@", "a@b", ".", "%", "-", "_", ":", " ", "|", "é", "K"),
      textOf("09aFx.%+-_@: |", 10),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }).map((p) => p.join("")), (text) => {
        const ids: AddressMatch[] = [];
        FAST_SCANS.collectNetworkIds(text, ids);
        expect({ text, ids }).toEqual({ text, ids: reference(FAST_PATTERNS.NETWORK_ID, "overlay network id", mixed, text) });
        const emails: AddressMatch[] = [];
        FAST_SCANS.collectEmails(text, emails);
        expect({ text, emails }).toEqual({ text, emails: reference(FAST_PATTERNS.EMAIL, "e-mail address", notExample, text) });
      }),
      { numRuns: 5000 },
    );
    const found: AddressMatch[] = [];
    FAST_SCANS.collectEmails("mail ops@site.io, a%b@c.de or me@example.org", found);
    expect(found.map((m) => m.value)).toEqual(["ops@site.io", "a%b@c.de"]);
  });
  it("parseRecordIp builds the same address as ipaddr.parse", () => {
    fc.assert(
      fc.property(quad.filter((q) => ipaddr.isValid(q)), (q) => {
        expect(parseRecordIp(q).toNormalizedString()).toBe(ipaddr.parse(q).toNormalizedString());
      }),
      RUNS,
    );
    expect(parseRecordIp("fd00::1").toNormalizedString()).toBe("fd00:0:0:0:0:0:0:1");
  });

  it("parseMac normalizes as before, mixed separators still rejected", () => {
    const pair = fc.tuple(fc.constantFrom(..."0123456789abcdefABCDEFxg"), fc.constantFrom(..."0123456789abcdefABCDEF")).map((p) => p.join(""));
    const mac = fc
      .tuple(fc.array(pair, { minLength: 6, maxLength: 6 }), fc.array(fc.constantFrom("-", ":", "."), { minLength: 5, maxLength: 5 }))
      .map(([pairs, seps]) => pairs.reduce((out, p, i) => (i === 0 ? p : out + seps[i - 1] + p), ""));
    fc.assert(fc.property(fc.oneof(mac, textOf("0aF:-. x9", 18)), (text) => {
      expect(parseMac(text)).toBe(referenceMac(text));
    }), RUNS);
    expect(parseMac(" 02-00-00-00-00-0A ")).toBe("02:00:00:00:00:0a");
  });

  it("every MAC address findAddresses reports is one parseMac accepts (the scan no longer asks it)", () => {
    const group = (n: number) => fc.array(fc.constantFrom(..."0123456789abcdefABCDEFg"), { minLength: n, maxLength: n }).map((c) => c.join(""));
    const macLike = fc.oneof(
      fc.tuple(fc.array(group(2), { minLength: 6, maxLength: 6 }), fc.array(fc.constantFrom("-", ":", "."), { minLength: 5, maxLength: 5 })).map(([g, s]) => g.reduce((out, p, i) => (i === 0 ? p : out + s[i - 1] + p), "")),
      fc.tuple(group(4), group(4), group(4), fc.constantFrom(".", "-", ":")).map(([a, b, c, sep]) => [a, b, c].join(sep)),
    );
    const around = fc.constantFrom("", " ", "|", "-", ":", ".", "x", "0", "(", "`");
    fc.assert(
      fc.property(fc.array(fc.tuple(around, macLike, around).map((p) => p.join("")), { maxLength: 4 }), (parts) => {
        const text = parts.join(" ");
        for (const a of findAddresses(text)) if (a.kind === "MAC address") expect(parseMac(a.value)).not.toBeNull();
      }),
      RUNS,
    );
    expect(findAddresses("02-00-00-00-00-0A and 0200.0000.000a").map((a) => a.value)).toEqual(["02-00-00-00-00-0A", "0200.0000.000a"]);
  });

  it("collapseSpaces answers as the replace and trim it stands for", () => {
    fc.assert(
      fc.property(textOf(" \t\n\r\u00a0\u2003\u2028\ufeffab.-", 16), (text) => {
        expect(collapseSpaces(text)).toBe(text.replace(/\s+/g, " ").trim());
      }),
      RUNS,
    );
    expect(["a b", " a  b ", "a\tb", "a \u00a0b"].map(collapseSpaces)).toEqual(["a b", "a b", "a b", "a b"]);
  });

  it("isAbsentText and isPlaceholderText answer as the regex forms", () => {
    fc.assert(
      fc.property(textOf("-—–: \txX?naN/ANtbdoeİ0._", 8), (text) => {
        expect(isAbsentText(text)).toBe(referenceAbsent(text));
        expect(isPlaceholderText(text)).toBe(referencePlaceholder(text));
      }),
      RUNS,
    );
  });

  it("mayHoldToken answers as the single combined regex", () => {
    const word = fc.constantFrom("AKIA", "ghp_", "-----BEGIN", "://u:p@h", "://u@h", "sk-", "aws", "xaws", "a".repeat(31), "b".repeat(32), "0123456789abcdef", "Zz9", "_", "é", "|", " ", "=", "+");
    fc.assert(
      fc.property(fc.array(word, { maxLength: 10 }).map((w) => w.join("")), (text) => {
        expect(mayHoldToken(text)).toBe(REFERENCE_TOKEN.test(text));
      }),
      RUNS,
    );
  });
  it("a text mayHoldAddress turns away holds no address, loose or not", () => {
    const piece = fc.oneof(
      quad,
      fc.constantFrom("0:11:32:99:aa:25", "fe80::1", "::", "a:b", "0011.3299.aa21", "00113299aa21", "0123456789abcdef", "ops@example.org", "10\\.0\\.0\\.17", "10&#46;0&#46;0&#46;1", "10&#x2E;0", "&period;"),
      textOf("09aFgx.:;@-&#\\ ", 10),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }).map((p) => p.join("")), (text) => {
        if (!mayHoldAddress(text)) expect(findAddresses(text, { loose: true })).toEqual([]);
      }),
      { numRuns: 5000 },
    );
    expect([mayHoldAddress("sw1-1"), mayHoldAddress("docs/devices.md"), mayHoldAddress("s000gw"), mayHoldAddress("10.0.0.5")]).toEqual([true, false, false, true]);
  });

  it("a whole IP or MAC is redacted as the scans redact it", () => {
    const pair = fc.tuple(fc.constantFrom(..."0123456789abcdefABCDEF"), fc.constantFrom(..."0123456789abcdefABCDEF")).map((p) => p.join(""));
    const mac = fc.array(pair, { minLength: 6, maxLength: 6 }).map((p) => p.join(":"));
    fc.assert(
      fc.property(fc.oneof(quad, mac, fc.constantFrom("ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", "127.0.0.1", "192.0.2.1")), (text) => {
        expect(redactText(text)).toBe(redactByScan(text));
        expect(isWholeAddress(text) === true).toBe(redactByScan(text) === REDACTED);
      }),
      RUNS,
    );
    expect([isWholeAddress("10.1.2.3"), isWholeAddress("127.0.0.1"), isWholeAddress("10.1.2.3/24")]).toEqual([true, false, undefined]);
  });
  it("password-shaped words are found as by splitting the whole line", () => {
    const piece = fc.oneof(
      fc.constantFrom("Blu3Heron!42", "**Quartz!Otter88**", "(Fjord#Lantern7)", "admin", "labadmin", "-", " - ", " | ", "|", " ", "  ", "\t", "\u00a0", "\u3000", "é", "`", "'", "(", ")", "[x]", "{", ",", ";", "${x}", "10#$c", "x@1.5GHz", "a=b", "http://h/p"),
      textOf("aZ9!#*_~.,:;()[]{}|- $@=", 14),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join("")), fc.boolean(), (line, code) => {
        const out: Candidate[] = [];
        bareCandidates(line, 7, { code }, out);
        expect(out).toEqual(referenceBareCandidates(line, 7, code));
      }),
      { numRuns: 5000 },
    );
  });
  it("namesAccount answers as the Unicode case-insensitive search it stands for", () => {
    const unicodeForm = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...ACCOUNTS].sort((a, b) => b.length - a.length).join("|")})(?![\\p{L}\\p{N}])`, "iu");
    // Account names, their upper case, letters Unicode folds onto ASCII (ſ, K), letters and digits around them.
    const piece = fc.oneof(fc.constantFrom(...ACCOUNTS), fc.constantFrom(...ACCOUNTS).map((a) => a.toUpperCase()), fc.constantFrom("ſa", "ſudo", "\u212a", "é", "x", "9", "_", " ", "/", ":", "-", "|", "ü", "Ⅻ"));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }).map((p) => p.join("")), (text) => {
        expect(namesAccount(text)).toBe(unicodeForm.test(text));
      }),
      { numRuns: 5000 },
    );
    expect(["login admin / x", "Admin", "sysadmins", "ſa", "root_dir", "pi:raspberry"].map(namesAccount)).toEqual([true, true, false, true, true, true]);
  });
});
