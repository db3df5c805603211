// The hand-written fast paths of the hot rules and cell readers against the slower forms they
// replaced (kept here as the reference): every diagnostic must stay the same.
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { ipv4Octets, isAbsentText, isPlaceholderText, parseIp, parseMac } from "../../src/inventory/cells.js";
import { parseRecordIp } from "../../src/rules/parse-ip.js";
import { FAST_PATTERNS, findAddresses } from "../../src/rules/sensitive/addresses.js";
import { mayHoldToken } from "../../src/rules/sensitive/known-tokens.js";

const RUNS = { numRuns: 3000 };

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
        expect(ipv4Octets(q) !== null).toBe(ipaddr.IPv4.isValidFourPartDecimal(q));
        if (ipaddr.IPv4.isValidFourPartDecimal(q)) expect(parseIp(q)).toBe(ipaddr.IPv4.parse(q).toString());
      }),
      RUNS,
    );
    expect(["1.2.3", "1.2.3.4.5", "1..2.3", "", ".1.2.3", "1.2.3.4."].map(ipv4Octets)).toEqual([null, null, null, null, null, null]);
  });

  it("a dotted quad in prose is reported exactly when ipaddr calls it a public machine address", () => {
    fc.assert(
      fc.property(quad, (q) => {
        expect(findAddresses(`at ${q} here`).some((a) => a.kind === "IPv4 address")).toBe(referencePublicIp(q));
      }),
      RUNS,
    );
  });

  it("the first-character forms of the IPv4, short-MAC and e-mail regexes match what the lookbehind-first forms match", () => {
    const DOT = String.raw`(?:\.|\\\.|&#46;|&#x2[eE];|&period;)`;
    const pairs: Array<[RegExp, RegExp]> = [
      [new RegExp(String.raw`(?<![\d.\\;])(\d{1,3}(?:${DOT}\d{1,3}){3})(?!\d|${DOT}\d)`, "g"), FAST_PATTERNS.IPV4],
      [/(?<![\w:.-])((?:[0-9a-f]{1,2}:){5}[0-9a-f]{1,2})(?![\w:]|[-.][0-9a-f])/gi, FAST_PATTERNS.MAC_SHORT_GROUPS],
      [/(?<![\w.+-]|(?<!mailto):)([a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?![\w:-])/gi, FAST_PATTERNS.EMAIL],
    ];
    const matches = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => [m.index! + m[0].indexOf(m[1]!), m[1]]);
    const piece = fc.oneof(quad, fc.constantFrom("0:11:32:99:aa:25", "a:b:c:d:e:f", "ops@example.org", "a.b@c.io", "mailto:", "x:", "10\\.0\\.0\\.17", "10&#46;0.0.1", ";", "\\", ".", "-", ":", "@", "+", " ", "x", "9", "f", "é"), textOf("09aF.:;@-+ xmo\\", 8));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join("")), (text) => {
        for (const [reference, fast] of pairs) expect({ text, got: matches(fast, text) }).toEqual({ text, got: matches(reference, text) });
      }),
      { numRuns: 5000 },
    );
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
    const word = fc.constantFrom("AKIA", "ghp_", "-----BEGIN", "://u:p@h", "://u@h", "sk-", "aws", "xaws", "a".repeat(31), "b".repeat(32), " ", "=", "+");
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }).map((w) => w.join("")), (text) => {
        expect(mayHoldToken(text)).toBe(REFERENCE_TOKEN.test(text));
      }),
      RUNS,
    );
  });
});
