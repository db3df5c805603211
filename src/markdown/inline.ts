import { decodeNamedCharacterReference } from "decode-named-character-reference";
import { unicodePunctuation as unicodePunctuationBeyondAscii, unicodeWhitespace as unicodeWhitespaceBeyondAscii } from "micromark-util-character";
import { decodeNumericCharacterReference } from "micromark-util-decode-numeric-character-reference";
import { decodeString } from "micromark-util-decode-string";
import { normalizeIdentifier } from "micromark-util-normalize-identifier";
import type { Link } from "./types.js";
import { appendAll } from "../text/append.js";

/*
 * The inline content of one table cell, scanned the way micromark (CommonMark + GFM, as remark-gfm
 * configures it) tokenizes and resolves text: character escapes and references, code spans,
 * autolinks, inline HTML, links and images (inline, full, collapsed and shortcut references),
 * emphasis and strong (`*`, `_`), strikethrough (`~`, `~~`) and GFM literal autolinks (www.,
 * http(s)://, e-mail), followed by mdast-util-gfm-autolink-literal's own pass over the text nodes.
 * Each construct below names the micromark tokenizer it follows; the differences of a cell from a
 * paragraph (`\|` in code spans; no line endings) are those of micromark-extension-gfm-table.
 * It builds the few mdast nodes a Cell needs (text, inlineCode, html, link, linkReference, image,
 * emphasis, strong, delete, footnoteReference) and nothing else. What it does not decide (`[^…]`
 * where the document defines footnotes but not that one, NUL characters, overlong cells) returns
 * null, and the caller parses that one cell with remark (cellByRemark in remark.ts).
 * test/markdown/differential.test.ts holds every field to remark-gfm's own output.
 */

/** What a document defines that a cell's brackets can refer to. */
export interface Definitions {
  /** Normalized identifiers (mdast `identifier`) of link reference definitions. */
  links: ReadonlySet<string>;
  /** Identifiers of GFM footnote definitions. */
  footnotes: ReadonlySet<string>;
}

export const NO_DEFINITIONS: Definitions = { links: new Set(), footnotes: new Set() };

/** The value of a cell (see Cell). */
export interface InlineValue {
  text: string;
  strike: boolean;
  /** Text of each outermost strikethrough span (see Cell.struck). */
  struck: string[];
  links: Link[];
}

/** Characters and literals the inline parser could turn into more than text. */
const MARKUP_CHARACTERS = String.raw`\\\`*_~[\]<>!&@\0`;
/** Where a GFM literal autolink can start. */
const LITERAL_STARTS = String.raw`www\.|https?:|mailto:|xmpp:`;
export const INLINE_MARKUP = new RegExp(`[${MARKUP_CHARACTERS}]|${LITERAL_STARTS}`, "i");

/** A label as the document's definitions know it (mdast `identifier`). */
function identifierOf(label: string): string {
  return normalizeIdentifier(label).toLowerCase();
}

/** Longer cells are left to remark: micromark's size limits (labels, 999) count tab columns. */
const MAX_SCANNED = 900;

// ---------------------------------------------------------------------------------------------
// mdast-shaped nodes (only what Cell fields read)

export type InlineNode =
  | { type: "text"; value: string }
  | { type: "inlineCode"; value: string }
  | { type: "html"; value: string }
  | { type: "link"; url: string; title: null; children: InlineNode[] }
  | { type: "linkReference"; children: InlineNode[] }
  | { type: "image" | "imageReference" | "footnoteReference" }
  | { type: "emphasis" | "strong" | "delete"; children: InlineNode[] };

// Token kinds of the scan, before resolution.
const TEXT = 0;
const NODE = 1;
const ATTENTION = 2;
const STRIKE = 3;
const LABEL_START = 4;

interface TextTok {
  k: typeof TEXT;
  v: string;
}
interface NodeTok {
  k: typeof NODE;
  n: InlineNode;
}
interface SequenceTok {
  k: typeof ATTENTION | typeof STRIKE;
  /** `*`, `_` or `~`. */
  ch: number;
  len: number;
  open: boolean;
  close: boolean;
}
interface LabelStartTok {
  k: typeof LABEL_START;
  image: boolean;
  /** Offset just past the `[`. */
  at: number;
  inactive: boolean;
  balanced: boolean;
}
type Tok = TextTok | NodeTok | SequenceTok | LabelStartTok;

/** Thrown inside the scan for what it leaves to remark. */
class Undecided extends Error {}

// ---------------------------------------------------------------------------------------------
// character classes as micromark sees them (a tab is micromark's -2 code: space, control).
// micromark-util-character tests each code with a regular expression on a one-character string;
// the ASCII sets are compared here directly (the same sets), the rest is left to it.

type Code = number | null;

function asciiAlpha(c: Code): boolean {
  return c !== null && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122));
}
function asciiDigit(c: Code): boolean {
  return c !== null && c >= 48 && c <= 57;
}
function asciiAlphanumeric(c: Code): boolean {
  return asciiAlpha(c) || asciiDigit(c);
}
function asciiHexDigit(c: Code): boolean {
  return c !== null && ((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102));
}
/** `[!-/:-@[-\`{-~]` */
function asciiPunctuation(c: Code): boolean {
  return c !== null && ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126));
}
/** `[#-'*+\--9=?A-Z^-~]` */
function asciiAtext(c: Code): boolean {
  return c !== null && ((c >= 35 && c <= 39) || c === 42 || c === 43 || (c >= 45 && c <= 57) || c === 61 || c === 63 || (c >= 65 && c <= 90) || (c >= 94 && c <= 126));
}
function asciiControl(c: Code): boolean {
  return c !== null && (c < 32 || c === 127);
}
/** `\p{P}|\p{S}`: in ASCII exactly the ASCII punctuation. */
function unicodePunctuation(c: Code): boolean {
  return c !== null && (c < 128 ? asciiPunctuation(c) : unicodePunctuationBeyondAscii(c));
}
/** `\s` */
function unicodeWhitespace(c: Code): boolean {
  return c !== null && (c < 128 ? c === 32 || (c >= 9 && c <= 13) : unicodeWhitespaceBeyondAscii(c));
}
/** micromark-util-classify-character: 1 whitespace (and the edges), 2 punctuation, else undefined. */
function classifyCharacter(c: Code): 1 | 2 | undefined {
  if (c === null || unicodeWhitespace(c)) return 1;
  if (unicodePunctuation(c)) return 2;
  return undefined;
}

function code(s: string, i: number): number | null {
  return i < s.length ? s.charCodeAt(i) : null;
}
/** markdownLineEndingOrSpace: a cell has no line endings, so space and tab. */
function space(c: number | null): boolean {
  return c === 32 || c === 9;
}
/** markdownLineEndingOrSpace || unicodeWhitespace. */
function whitespace(c: number | null): boolean {
  return c === 32 || c === 9 || unicodeWhitespace(c);
}
function gfmAtext(c: number | null): boolean {
  return c === 43 || c === 45 || c === 46 || c === 95 || asciiAlphanumeric(c);
}

// ---------------------------------------------------------------------------------------------
// GFM literal autolinks (micromark-extension-gfm-autolink-literal)

/** tokenizeTrail as a check: does trailing punctuation end the link at `i`? */
function trailEnds(s: string, i: number): boolean {
  for (;;) {
    const c = code(s, i);
    if (c === 33 || c === 34 || c === 39 || c === 41 || c === 42 || c === 44 || c === 46 || c === 58 || c === 59 || c === 63 || c === 95 || c === 126) {
      i++;
      continue;
    }
    if (c === 38) {
      i++;
      if (!asciiAlpha(code(s, i))) return false;
      for (;;) {
        const r = code(s, i);
        if (r === 59) {
          i++;
          break;
        }
        if (!asciiAlpha(r)) return false;
        i++;
      }
      continue;
    }
    if (c === 93) {
      i++;
      const next = code(s, i);
      if (next === null || next === 40 || next === 91 || whitespace(next)) return true;
      continue;
    }
    return c === 60 || c === null || whitespace(c);
  }
}

/** tokenizeDomain: end of the domain at `i`, or -1. */
function domainEnd(s: string, i: number): number {
  let underscoreInLast = false;
  let underscoreInLastLast = false;
  let seen = false;
  for (;;) {
    const c = code(s, i);
    if (c === 46 || c === 95) {
      if (trailEnds(s, i)) break;
      if (c === 95) underscoreInLast = true;
      else {
        underscoreInLastLast = underscoreInLast;
        underscoreInLast = false;
      }
      i++;
      continue;
    }
    if (c === null || whitespace(c) || (c !== 45 && unicodePunctuation(c))) break;
    seen = true;
    i++;
  }
  return underscoreInLastLast || underscoreInLast || !seen ? -1 : i;
}

/** tokenizePath: end of the path at `i` (never fails). */
function pathEnd(s: string, i: number): number {
  let open = 0;
  let close = 0;
  for (;;) {
    const c = code(s, i);
    if (c === 40) {
      open++;
      i++;
      continue;
    }
    if (c === 41 && close < open) {
      close++;
      i++;
      continue;
    }
    if (c === 33 || c === 34 || c === 38 || c === 39 || c === 41 || c === 42 || c === 44 || c === 46 || c === 58 || c === 59 || c === 60 || c === 63 || c === 93 || c === 95 || c === 126) {
      if (trailEnds(s, i)) return i;
      if (c === 41) close++;
      i++;
      continue;
    }
    if (c === null || whitespace(c)) return i;
    i++;
  }
}

function wwwLiteral(s: string, i: number): number {
  for (let k = 0; k < 3; k++) {
    const c = code(s, i + k);
    if (c !== 87 && c !== 119) return -1;
  }
  if (code(s, i + 3) !== 46 || i + 4 >= s.length) return -1;
  const domain = domainEnd(s, i);
  return domain < 0 ? -1 : pathEnd(s, domain);
}

function protocolLiteral(s: string, i: number): number {
  let j = i + 1;
  while (asciiAlpha(code(s, j)) && j - i < 5) j++;
  const protocol = s.slice(i, j).toLowerCase();
  if (code(s, j) !== 58 || (protocol !== "http" && protocol !== "https")) return -1;
  if (code(s, j + 1) !== 47 || code(s, j + 2) !== 47) return -1;
  j += 3;
  const c = code(s, j);
  if (c === null || asciiControl(c) || whitespace(c) || unicodePunctuation(c)) return -1;
  const domain = domainEnd(s, j);
  return domain < 0 ? -1 : pathEnd(s, domain);
}

function emailLiteral(s: string, i: number): number {
  let j = i;
  while (gfmAtext(code(s, j))) j++;
  if (code(s, j) !== 64) return -1;
  j++;
  let dot = false;
  let data = false;
  for (;;) {
    const c = code(s, j);
    if (c === 46) {
      if (!asciiAlphanumeric(code(s, j + 1))) break;
      dot = true;
      j++;
      continue;
    }
    if (c === 45 || c === 95 || asciiAlphanumeric(c)) {
      data = true;
      j++;
      continue;
    }
    break;
  }
  return data && dot && asciiAlpha(code(s, j - 1)) ? j : -1;
}

// ---------------------------------------------------------------------------------------------
// autolinks, HTML, references, code (micromark-core-commonmark)

/** autolink: `<scheme:…>` or `<address>`; returns [end, isEmail] or null. */
function autolink(s: string, i: number): [number, boolean] | null {
  let j = i + 1;
  let size = 0;
  let c = code(s, j);
  let state: "emailAtext" | "url" = "emailAtext";
  if (asciiAlpha(c)) {
    j++;
    c = code(s, j);
    if (c === 43 || c === 45 || c === 46 || asciiAlphanumeric(c)) {
      size = 1;
      for (;;) {
        c = code(s, j);
        if (c === 58) {
          j++;
          state = "url";
          break;
        }
        if ((c === 43 || c === 45 || c === 46 || asciiAlphanumeric(c)) && size++ < 32) {
          j++;
          continue;
        }
        size = 0;
        break;
      }
    }
  } else if (c === 64) return null;
  if (state === "url") {
    for (;;) {
      c = code(s, j);
      if (c === 62) return [j + 1, false];
      if (c === null || c === 32 || c === 60 || asciiControl(c)) return null;
      j++;
    }
  }
  // emailAtext
  for (;;) {
    c = code(s, j);
    if (c === 64) {
      j++;
      break;
    }
    if (asciiAtext(c)) {
      j++;
      continue;
    }
    return null;
  }
  // emailAtSignOrDot / emailLabel / emailValue
  for (;;) {
    if (!asciiAlphanumeric(code(s, j))) return null;
    // emailLabel
    for (;;) {
      c = code(s, j);
      if (c === 46) {
        j++;
        size = 0;
        break;
      }
      if (c === 62) return [j + 1, true];
      // emailValue
      let value = true;
      while (value) {
        c = code(s, j);
        if ((c === 45 || asciiAlphanumeric(c)) && size++ < 63) {
          j++;
          value = c === 45;
        } else return null;
      }
    }
  }
}

/** htmlText: end of the inline HTML at `i` (`<`), or -1. */
function htmlText(s: string, i: number): number {
  let j = i + 1;
  let c = code(s, j);
  if (c === 33) {
    j++;
    c = code(s, j);
    if (c === 45) {
      if (code(s, j + 1) !== 45) return -1;
      j += 2;
      // commentEnd / comment / commentClose
      let state: "end" | "comment" | "close" = "end";
      for (;;) {
        c = code(s, j);
        if (state === "end") {
          if (c === 62) return j + 1;
          state = c === 45 ? "close" : "comment";
          continue;
        }
        if (state === "close") {
          if (c === 45) {
            j++;
            state = "end";
            continue;
          }
          state = "comment";
          continue;
        }
        if (c === null) return -1;
        j++;
        if (c === 45) state = "close";
      }
    }
    if (c === 91) {
      if (s.slice(j + 1, j + 7) !== "CDATA[") return -1;
      j += 7;
      for (;;) {
        c = code(s, j);
        if (c === null) return -1;
        j++;
        if (c === 93 && code(s, j) === 93) {
          j++;
          for (;;) {
            c = code(s, j);
            if (c === 62) return j + 1;
            if (c !== 93) break;
            j++;
          }
        }
      }
    }
    if (asciiAlpha(c)) {
      for (;;) {
        c = code(s, j);
        if (c === 62) return j + 1;
        if (c === null) return -1;
        j++;
      }
    }
    return -1;
  }
  if (c === 63) {
    j++;
    for (;;) {
      c = code(s, j);
      if (c === null) return -1;
      j++;
      if (c === 63 && code(s, j) === 62) return j + 1;
    }
  }
  if (c === 47) {
    j++;
    if (!asciiAlpha(code(s, j))) return -1;
    j++;
    while (code(s, j) === 45 || asciiAlphanumeric(code(s, j))) j++;
    while (space(code(s, j))) j++;
    return code(s, j) === 62 ? j + 1 : -1;
  }
  if (!asciiAlpha(c)) return -1;
  j++;
  while (code(s, j) === 45 || asciiAlphanumeric(code(s, j))) j++;
  c = code(s, j);
  if (!(c === 47 || c === 62 || space(c))) return -1;
  // tagOpenBetween and the attribute states
  for (;;) {
    c = code(s, j);
    if (c === 47) return code(s, j + 1) === 62 ? j + 2 : -1;
    if (c === 58 || c === 95 || asciiAlpha(c)) {
      j++;
      while (true) {
        const a = code(s, j);
        if (a === 45 || a === 46 || a === 58 || a === 95 || asciiAlphanumeric(a)) j++;
        else break;
      }
      // tagOpenAttributeNameAfter
      while (space(code(s, j))) j++;
      if (code(s, j) !== 61) continue;
      j++;
      // tagOpenAttributeValueBefore
      while (space(code(s, j))) j++;
      c = code(s, j);
      if (c === null || c === 60 || c === 61 || c === 62 || c === 96) return -1;
      if (c === 34 || c === 39) {
        const marker = c;
        j++;
        for (;;) {
          const q = code(s, j);
          if (q === null) return -1;
          j++;
          if (q === marker) break;
        }
        const after = code(s, j);
        if (!(after === 47 || after === 62 || space(after))) return -1;
        continue;
      }
      // The first character of an unquoted value is taken whatever it is (`/` included).
      j++;
      for (;;) {
        const u = code(s, j);
        if (u === null || u === 34 || u === 39 || u === 60 || u === 61 || u === 96) return -1;
        if (u === 47 || u === 62 || space(u)) break;
        j++;
      }
      continue;
    }
    if (space(c)) {
      j++;
      continue;
    }
    return c === 62 ? j + 1 : -1;
  }
}

/** characterReference at `i` (`&`): [end, value] or null. */
function characterReference(s: string, i: number): [number, string] | null {
  let j = i + 1;
  let max = 31;
  let test: (c: number | null) => boolean = asciiAlphanumeric;
  let base = 0;
  if (code(s, j) === 35) {
    j++;
    const c = code(s, j);
    if (c === 88 || c === 120) {
      j++;
      max = 6;
      test = asciiHexDigit;
      base = 16;
    } else {
      max = 7;
      test = asciiDigit;
      base = 10;
    }
  }
  const start = j;
  let size = 0;
  for (;;) {
    const c = code(s, j);
    if (c === 59 && size) {
      const value = s.slice(start, j);
      if (base === 0) {
        const decoded = decodeNamedCharacterReference(value);
        return decoded === false ? null : [j + 1, decoded];
      }
      return [j + 1, decodeNumericCharacterReference(value, base)];
    }
    if (test(c) && size++ < max) {
      j++;
      continue;
    }
    return null;
  }
}

/** factoryLabel: a reference label `[…]` at `i`: [end, raw label] or null. */
function referenceLabel(s: string, i: number): [number, string] | null {
  let j = i + 1;
  let size = 0;
  let seen = false;
  for (;;) {
    const c = code(s, j);
    if (size > 999 || c === null || c === 91 || (c === 93 && !seen)) return null;
    if (c === 93) return [j + 1, s.slice(i + 1, j)];
    // labelInside
    for (;;) {
      const d = code(s, j);
      if (d === null || d === 91 || d === 93 || size++ > 999) break;
      j++;
      if (!seen) seen = !space(d);
      if (d === 92) {
        const e = code(s, j);
        if (e === 91 || e === 92 || e === 93) {
          j++;
          size++;
        }
      }
    }
  }
}

/** factoryDestination: [end, raw destination] or null; `<…>` form unwrapped. */
function destination(s: string, i: number): [number, string] | null {
  let c = code(s, i);
  if (c === 60) {
    let j = i + 1;
    for (;;) {
      c = code(s, j);
      if (c === 62) return [j + 1, s.slice(i + 1, j)];
      if (c === null || c === 60) return null;
      j++;
      if (c === 92) {
        const e = code(s, j);
        if (e === 60 || e === 62 || e === 92) j++;
      }
    }
  }
  if (c === null || c === 32 || c === 41 || asciiControl(c)) return null;
  let balance = 0;
  let j = i;
  for (;;) {
    c = code(s, j);
    if (!balance && (c === null || c === 41 || space(c))) return [j, s.slice(i, j)];
    if (balance < 32 && c === 40) {
      j++;
      balance++;
      continue;
    }
    if (c === 41) {
      j++;
      balance--;
      continue;
    }
    if (c === null || c === 32 || c === 40 || asciiControl(c)) return null;
    j++;
    if (c === 92) {
      const e = code(s, j);
      if (e === 40 || e === 41 || e === 92) j++;
    }
  }
}

/** The resource `(dest "title")` at `i` (`(`): [end, url] or null. */
function resource(s: string, i: number): [number, string] | null {
  let j = i + 1;
  while (space(code(s, j))) j++;
  let url = "";
  if (code(s, j) !== 41) {
    const dest = destination(s, j);
    if (!dest) return null;
    url = decodeString(dest[1]);
    j = dest[0];
    if (space(code(s, j))) {
      while (space(code(s, j))) j++;
      const c = code(s, j);
      if (c === 34 || c === 39 || c === 40) {
        const marker = c === 40 ? 41 : c;
        j++;
        for (;;) {
          const t = code(s, j);
          if (t === marker) {
            j++;
            break;
          }
          if (t === null) return null;
          j++;
          if (t === 92) {
            const e = code(s, j);
            if (e === marker || e === 92) j++;
          }
        }
        while (space(code(s, j))) j++;
      }
    }
  }
  return code(s, j) === 41 ? [j + 1, url] : null;
}

/** codeText at `i`: [end, value] or null (the whole backtick run is then text). */
function codeSpan(s: string, i: number): [number, string] | null {
  let j = i;
  while (code(s, j) === 96) j++;
  const size = j - i;
  for (;;) {
    const c = code(s, j);
    if (c === null) return null;
    if (c !== 96) {
      j++;
      continue;
    }
    const close = j;
    while (code(s, j) === 96) j++;
    if (j - close !== size) continue;
    let value = s.slice(i + size, close);
    // Padding: one space each side goes when both are spaces and something else is between.
    if (value.length > 2 && value.charCodeAt(0) === 32 && value.charCodeAt(value.length - 1) === 32 && /[^ ]/.test(value)) value = value.slice(1, -1);
    // mdast-util-gfm-table: in a table, `\|` in code is a pipe.
    return [j, value.replace(/\\([\\|])/g, (whole, ch: string) => (ch === "|" ? ch : whole))];
  }
}

/**
 * micromark-extension-gfm-footnote's call (`[^label]`, tried at `[` before a link's label start):
 * the end of a call of a defined footnote at `i`, or -1. The label has no space, tab or `[`; a
 * backslash escapes `[`, `\\` or `]`.
 */
function footnoteCall(s: string, i: number, defined: ReadonlySet<string>): number {
  let j = i + 2;
  for (;;) {
    const c = code(s, j);
    if (c === null || c === 91 || space(c)) return -1;
    if (c === 93) {
      if (j === i + 2) return -1;
      return defined.has(identifierOf(s.slice(i + 2, j))) ? j + 1 : -1;
    }
    const next = code(s, j + 1);
    j += c === 92 && (next === 91 || next === 92 || next === 93) ? 2 : 1;
  }
}

// ---------------------------------------------------------------------------------------------
// the scan

/** The value of a cell's content (first to last non-blank character), or null when undecided. */
export function inlineValue(content: string, definitions: Definitions = NO_DEFINITIONS): InlineValue | null {
  if (!INLINE_MARKUP.test(content)) {
    const text = content.trim();
    return { text, strike: false, struck: [], links: [] };
  }
  const simple = simpleValue(content);
  if (simple) return simple;
  const children = inlineNodes(content, definitions);
  return children === null ? null : valueOf(children, content);
}

/*
 * Operators' usual notes cells (`see [runbook](https://x/rb)`, `**critical**`, ``uses `vlan 20` ``,
 * `~~old name~~ renamed`) are read by one regular expression, before the scan: a first pass over
 * thousands of cells runs the scan's many functions before V8 has optimized them. Only shapes with
 * one reading are taken: plain text (no markup character, no literal autolink); inline links with
 * a plain label (not `^…`, a footnote call) and a destination without spaces, controls,
 * parentheses, `<`, `>`, `\` or `&`; code spans without backslash or edge space (one backtick each
 * side, not two in a row); autolinks (`<http://10.0.0.5:8080/>`) of characters a link's URL keeps
 * as written (micromark's normalizeUri set: no `%`, no non-ASCII); emphasis, strong or
 * strikethrough around plain text that starts and ends with a letter or digit, opened after a
 * space, `(` or nothing and closed before a space, closing punctuation or nothing (each run can
 * then only open, or only close); a backslash escape of ASCII punctuation (`\*`, `\|`), a
 * character reference (`&amp;`, `&#39;`) and an HTML tag without attributes (`<b>`, `</b>`),
 * as long as the text they make holds no literal autolink or `@` (remark-gfm finds those in the
 * text once escapes and references are read). Anything else is the scan's.
 */
const PLAIN = `[^${MARKUP_CHARACTERS}]`;
const SIMPLE_PIECE = new RegExp(
  String.raw`(${PLAIN}+)|\[(?!\^)(${PLAIN}+)\]\(([^\s()<>\\&\0-\x1f\x7f]+)\)|\`([^\`\\\s](?:[^\`\\]*[^\`\\\s])?)\`(?!\`)|(\*\*|__|\*|_|~~|~)([A-Za-z0-9](?:${PLAIN}*[A-Za-z0-9])?)\5|<([A-Za-z][A-Za-z0-9+.-]{1,31}:[!#$&-;=?-Z_a-z~]*)>` +
    String.raw`|\\([!-/:-@[-\`{-~])|&(?:#[xX][0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z0-9]{1,31});|<\/?[A-Za-z][A-Za-z0-9-]*[ \t]*>`,
  "y",
);
/** Where a literal autolink could start: left to the scan. */
const LITERAL_WORD = new RegExp(LITERAL_STARTS, "i");
/** Before an opening run: nothing, a space or `(`; after a closing run: nothing, a space or `),.:;?`. */
const OPENS_AFTER = new Set([32, 40]);
const CLOSES_BEFORE = new Set([32, 41, 44, 46, 58, 59, 63]);

/** The value of `content` when it is made only of the shapes above, else null. */
export function simpleValue(content: string): InlineValue | null {
  SIMPLE_PIECE.lastIndex = 0;
  let text = "";
  const links: Link[] = [];
  const struck: string[] = [];
  // Nodes other than whitespace-only text, and whether the last of them is a strikethrough.
  let meaningful = 0;
  let lastStruck = false;
  // Whether an escape or a character reference made some of the text.
  let decoded = false;
  while (SIMPLE_PIECE.lastIndex < content.length) {
    const at = SIMPLE_PIECE.lastIndex;
    const m = SIMPLE_PIECE.exec(content);
    if (m === null) return null;
    // Indexed, not destructured: destructuring runs the iterator protocol until V8 optimizes.
    const whole = m[0];
    const plain = m[1];
    const label = m[2];
    const url = m[3];
    const code = m[4];
    const run = m[5];
    const inner = m[6];
    const autolink = m[7];
    const escaped = m[8];
    let piece: string;
    let literal = plain !== undefined;
    if (escaped !== undefined) {
      piece = escaped;
      literal = true;
      decoded = true;
    } else if (whole.charCodeAt(0) === 38 /* & */) {
      const reference = characterReference(content, at);
      if (reference === null) return null;
      piece = reference[1];
      literal = true;
      decoded = true;
    } else if (plain === undefined && label === undefined && code === undefined && inner === undefined && autolink === undefined) {
      // An HTML tag: an html node, whose value is the tag as written.
      piece = whole;
    } else piece = plain ?? label ?? code ?? inner ?? autolink!;
    // A literal autolink is made in text, not in code or inside a link.
    if (code === undefined && autolink === undefined && LITERAL_WORD.test(piece)) return null;
    text += piece;
    // Text from escapes and references merges with the text around it, as plain text does.
    if (literal && piece.trim() === "") continue;
    meaningful++;
    lastStruck = false;
    if (label !== undefined) links.push({ text: label, url: url! });
    else if (autolink !== undefined) links.push({ text: autolink, url: autolink });
    else if (run !== undefined) {
      const end = SIMPLE_PIECE.lastIndex;
      if ((at > 0 && !OPENS_AFTER.has(content.charCodeAt(at - 1))) || (end < content.length && !CLOSES_BEFORE.has(content.charCodeAt(end)))) return null;
      if (run.startsWith("~")) {
        struck.push(piece);
        lastStruck = true;
      }
    }
  }
  // An escape or a reference can complete a literal autolink or an e-mail address in the text (`www\.x.com`, `a&#64;b.co`).
  if (decoded && (LITERAL_WORD.test(text) || text.includes("@"))) return null;
  return { text: text.trim(), strike: meaningful === 1 && lastStruck, struck, links };
}

/** Text, links and strikethrough of a cell's nodes, as remark.ts reads them from an mdast cell. */
export function valueOf(children: InlineNode[], content: string): InlineValue {
  // Each pass runs only where its pattern's literal part is in the content, or in the text when
  // an escape or a character reference may have made it (`www\.x.com`, `a&#64;b.co`).
  const mayDecode = content.includes("\\") || content.includes("&");
  let decoded: string | null = null;
  for (let p = 0; p < AUTOLINK_PASSES.length; p++) {
    const pass = AUTOLINK_PASSES[p]!;
    if (!pass.needed.test(content)) {
      if (!mayDecode) continue;
      // The text, made once and only when a pass needs it (the passes keep it as it is).
      decoded ??= children.map(nodeText).join("");
      if (!pass.needed.test(decoded)) continue;
    }
    children = replaceInText(children, pass.find, pass.replace);
  }
  const links: Link[] = [];
  const struck: string[] = [];
  let text = "";
  // Nodes other than whitespace-only text, and the last of them.
  let meaningful = 0;
  let last: InlineNode | null = null;
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    text += nodeText(node);
    collect(node, links, struck);
    if (node.type === "text" && node.value.trim() === "") continue;
    meaningful++;
    last = node;
  }
  return { text: text.trim(), strike: meaningful === 1 && last!.type === "delete", struck, links };
}

function nodeText(node: InlineNode): string {
  if ("value" in node) return node.value;
  if ("children" in node) {
    let out = "";
    for (let i = 0; i < node.children.length; i++) out += nodeText(node.children[i]!);
    return out;
  }
  return "";
}

function collect(node: InlineNode, links: Link[], struck: string[] | null): void {
  if (node.type === "link") links.push({ text: nodeText(node), url: node.url });
  if (node.type === "delete" && struck) {
    struck.push(nodeText(node).trim());
    struck = null;
  }
  if ("children" in node) for (let i = 0; i < node.children.length; i++) collect(node.children[i]!, links, struck);
}

/** The mdast children of a cell's content, or null when left to remark. */
export function inlineNodes(s: string, definitions: Definitions): InlineNode[] | null {
  if (s.length > MAX_SCANNED || s.includes("\0")) return null;
  try {
    return new Scan(s, definitions).run();
  } catch (error) {
    if (error instanceof Undecided) return null;
    throw error;
  }
}

type Resolver = typeof ATTENTION | typeof STRIKE;

/** Whether a literal autolink may start at `c` after `previous` (each construct's `previous` check). */
function literalMayStart(c: number, previous: Code): boolean {
  if (!(previous === 47 || gfmAtext(previous))) return true;
  if (c === 104 || c === 72) return !asciiAlpha(previous);
  if (c === 119 || c === 87) return previousWww(previous);
  return false;
}

function previousWww(previous: Code): boolean {
  return previous === null || previous === 40 || previous === 42 || previous === 95 || previous === 91 || previous === 93 || previous === 126 || space(previous);
}

/** ASCII characters that may start a construct: 1 always tried, WORD_START where a word starts. */
const WORD_START = 2;
const STARTS = new Uint8Array(128);
for (const ch of "\\&`<[!]*_~") STARTS[ch.charCodeAt(0)] = 1;
for (let c = 0; c < 128; c++) if (c !== 95 && gfmAtext(c)) STARTS[c] = WORD_START;

class Scan {
  private readonly toks: Tok[] = [];
  private readonly labelStarts: LabelStartTok[] = [];
  /** Label starts in the events that are neither balanced nor part of a link: no literal autolink then. */
  private unbalanced = 0;
  /** End offset of the last character escape, for the `~~`/`` ` `` after-escape rule. */
  private escapeEnd = -1;
  /** Resolvers in the order their constructs first succeeded (micromark's resolveAll order). */
  private readonly order: Resolver[] = [];

  constructor(
    private readonly s: string,
    private readonly definitions: Definitions,
  ) {}

  private text(v: string): void {
    const last = this.toks[this.toks.length - 1];
    if (last && last.k === TEXT) last.v += v;
    else this.toks.push({ k: TEXT, v });
  }

  private used(resolver: Resolver): void {
    if (!this.order.includes(resolver)) this.order.push(resolver);
  }

  /** Start of the data not yet made a token: data is taken in runs, not a character at a time. */
  private dataStart = 0;

  /** Makes the pending data up to `i` a text token; called before any token at `i`. */
  private flush(i: number): void {
    if (i > this.dataStart) this.text(this.s.slice(this.dataStart, i));
    this.dataStart = i;
  }

  run(): InlineNode[] {
    const s = this.s;
    let i = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      // Most characters start nothing: data, without a call. Letters and digits can start a
      // literal autolink only where an e-mail address could (see `email`).
      if (c >= 128 || !STARTS[c] || (STARTS[c] === WORD_START && (this.unbalanced > 0 || !literalMayStart(c, i > 0 ? s.charCodeAt(i - 1) : null)))) {
        i++;
        continue;
      }
      const next = this.at(i);
      if (next > i) {
        this.dataStart = next;
        i = next;
      } else i++;
    }
    this.flush(s.length);
    const toks = this.toks;
    for (let r = 0; r < this.order.length; r++) (this.order[r] === ATTENTION ? resolveAttention : resolveStrike)(toks);
    return nodesOf(toks);
  }

  /** Tries the constructs micromark tries at `i`, in its order; returns the end, or `i` for data. */
  private at(i: number): number {
    const s = this.s;
    const c = s.charCodeAt(i);
    const previous = i > 0 ? s.charCodeAt(i - 1) : null;
    switch (c) {
      case 92: {
        if (asciiPunctuation(code(s, i + 1))) {
          this.flush(i);
          this.text(s[i + 1]!);
          this.escapeEnd = i + 2;
          return i + 2;
        }
        return i;
      }
      case 38: {
        const ref = characterReference(s, i);
        if (!ref) return i;
        this.flush(i);
        this.text(ref[1]);
        return ref[0];
      }
      case 96: {
        if (previous === 96 && this.escapeEnd !== i) return i;
        const span = codeSpan(s, i);
        if (!span) {
          // micromark tries again at each backtick of the run, which all fail after a backtick.
          let j = i;
          while (code(s, j) === 96) j++;
          this.flush(i);
          this.text(s.slice(i, j));
          return j;
        }
        this.flush(i);
        this.toks.push({ k: NODE, n: { type: "inlineCode", value: span[1] } });
        return span[0];
      }
      case 60: {
        const auto = autolink(s, i);
        if (auto) {
          const value = s.slice(i + 1, auto[0] - 1);
          this.flush(i);
          this.toks.push({ k: NODE, n: { type: "link", title: null, url: auto[1] ? `mailto:${value}` : value, children: [{ type: "text", value }] } });
          return auto[0];
        }
        const end = htmlText(s, i);
        if (end < 0) return i;
        this.flush(i);
        this.toks.push({ k: NODE, n: { type: "html", value: s.slice(i, end) } });
        return end;
      }
      case 91: {
        if (code(s, i + 1) === 94 && this.definitions.footnotes.size > 0) {
          const end = footnoteCall(s, i, this.definitions.footnotes);
          // An undefined or malformed call can still become a link or a call after `!`: remark's.
          if (end < 0) throw new Undecided();
          this.flush(i);
          this.toks.push({ k: NODE, n: { type: "footnoteReference" } });
          return end;
        }
        return this.labelStart(i, false);
      }
      case 33: {
        if (code(s, i + 1) !== 91) return i;
        if (code(s, i + 2) === 94 && this.definitions.footnotes.size > 0) throw new Undecided();
        return this.labelStart(i, true);
      }
      case 93:
        return this.labelEnd(i);
      case 42:
        return this.attention(i, previous);
      case 95: {
        const email = this.email(i, previous);
        return email > i ? email : this.attention(i, previous);
      }
      case 126:
        return this.strikethrough(i, previous);
      default: {
        if (!gfmAtext(c)) return i;
        const email = this.email(i, previous);
        if (email > i) return email;
        if ((c === 104 || c === 72) && !asciiAlpha(previous) && !this.unbalanced) {
          const end = protocolLiteral(s, i);
          if (end > i) return this.literal(i, end, "");
        }
        if ((c === 119 || c === 87) && previousWww(previous) && !this.unbalanced) {
          const end = wwwLiteral(s, i);
          if (end > i) return this.literal(i, end, "http://");
        }
        return i;
      }
    }
  }

  private literal(start: number, end: number, prefix: string): number {
    const value = this.s.slice(start, end);
    this.flush(start);
    this.toks.push({ k: NODE, n: { type: "link", title: null, url: prefix + value, children: [{ type: "text", value }] } });
    return end;
  }

  private email(i: number, previous: number | null): number {
    if (previous === 47 || gfmAtext(previous) || this.unbalanced) return i;
    const end = emailLiteral(this.s, i);
    if (end < 0) return i;
    const value = this.s.slice(i, end);
    this.flush(i);
    this.toks.push({ k: NODE, n: { type: "link", title: null, url: `mailto:${value}`, children: [{ type: "text", value }] } });
    return end;
  }

  private attention(i: number, previous: number | null): number {
    const s = this.s;
    const marker = s.charCodeAt(i);
    let j = i;
    while (code(s, j) === marker) j++;
    const next = code(s, j);
    const before = classifyCharacter(previous);
    const after = classifyCharacter(next);
    this.flush(i);
    // attentionMarkers: `~` next to `*`/`_` counts as flanking (micromark's GFM hook).
    const open = !after || (after === 2 && Boolean(before)) || next === 126;
    const close = !before || (before === 2 && Boolean(after)) || previous === 126;
    this.toks.push({
      k: ATTENTION,
      ch: marker,
      len: j - i,
      open: marker === 42 ? open : open && (Boolean(before) || !close),
      close: marker === 42 ? close : close && (Boolean(after) || !open),
    });
    this.used(ATTENTION);
    return j;
  }

  private strikethrough(i: number, previous: number | null): number {
    const s = this.s;
    if (previous === 126 && this.escapeEnd !== i) return i;
    let j = i;
    while (code(s, j) === 126) {
      if (j - i > 1) return i;
      j++;
    }
    const before = classifyCharacter(previous);
    const after = classifyCharacter(code(s, j));
    this.flush(i);
    this.toks.push({ k: STRIKE, ch: 126, len: j - i, open: !after || (after === 2 && Boolean(before)), close: !before || (before === 2 && Boolean(after)) });
    this.used(STRIKE);
    return j;
  }

  private labelStart(i: number, image: boolean): number {
    const tok: LabelStartTok = { k: LABEL_START, image, at: i + (image ? 2 : 1), inactive: false, balanced: false };
    this.flush(i);
    this.toks.push(tok);
    this.labelStarts.push(tok);
    this.unbalanced++;
    return tok.at;
  }

  private defined(label: string): boolean {
    return this.definitions.links.size > 0 && this.definitions.links.has(identifierOf(label));
  }

  private labelEnd(i: number): number {
    const s = this.s;
    const starts = this.labelStarts;
    while (starts.length > 0 && starts[starts.length - 1]!.balanced) starts.pop();
    const start = starts[starts.length - 1];
    if (!start) return i;
    const nok = (): number => {
      start.balanced = true;
      this.unbalanced--;
      return i;
    };
    if (start.inactive) return nok();
    const defined = this.defined(s.slice(start.at, i));
    const after = code(s, i + 1);
    if (after === 40) {
      const res = resource(s, i + 1);
      if (res) return this.makeLink(i, start, res[0], res[1]);
      return defined ? this.makeLink(i, start, i + 1, null) : nok();
    }
    if (after === 91) {
      const full = referenceLabel(s, i + 1);
      if (full && this.defined(full[1])) return this.makeLink(i, start, full[0], null);
      if (!defined) return nok();
      return code(s, i + 2) === 93 ? this.makeLink(i, start, i + 3, null) : nok();
    }
    return defined ? this.makeLink(i, start, i + 1, null) : nok();
  }

  /** labelEndOk + resolveToLabelEnd: the tokens after the start become the link's children. */
  private makeLink(at: number, start: LabelStartTok, end: number, url: string | null): number {
    this.flush(at);
    const toks = this.toks;
    const index = toks.lastIndexOf(start);
    const inner = toks.splice(index, toks.length - index).slice(1);
    this.labelStarts.pop();
    this.unbalanced--;
    let node: InlineNode;
    if (start.image) node = { type: url === null ? "imageReference" : "image" };
    else {
      resolveInside(inner);
      const children = nodesOf(inner);
      node = url === null ? { type: "linkReference", children } : { type: "link", title: null, url, children };
      // No links in links: every earlier link start is now inactive.
      for (let l = 0; l < this.labelStarts.length; l++) if (!this.labelStarts[l]!.image) this.labelStarts[l]!.inactive = true;
    }
    toks.push({ k: NODE, n: node });
    return end;
  }
}

/** micromark's insideSpan resolvers, in their combined order: strikethrough, then attention. */
function resolveInside(toks: Tok[]): void {
  resolveStrike(toks);
  resolveAttention(toks);
}

/** micromark-extension-gfm-strikethrough's resolveAll over one level of tokens. */
function resolveStrike(toks: Tok[]): void {
  for (let index = 0; index < toks.length; index++) {
    const closer = toks[index]!;
    if (closer.k !== STRIKE || !closer.close) continue;
    for (let open = index - 1; open >= 0; open--) {
      const opener = toks[open]!;
      if (opener.k !== STRIKE || !opener.open || opener.len !== closer.len) continue;
      const inner = toks.slice(open + 1, index);
      resolveInside(inner);
      toks.splice(open, index - open + 1, { k: NODE, n: { type: "delete", children: nodesOf(inner) } });
      index = open;
      break;
    }
  }
  sequencesToText(toks, STRIKE);
}

/** micromark's resolveAllAttention over one level of tokens. */
function resolveAttention(toks: Tok[]): void {
  for (let index = 0; index < toks.length; index++) {
    const closer = toks[index]!;
    if (closer.k !== ATTENTION || !closer.close) continue;
    for (let open = index - 1; open >= 0; open--) {
      const opener = toks[open]!;
      if (opener.k !== ATTENTION || !opener.open || opener.ch !== closer.ch) continue;
      if ((opener.close || closer.open) && closer.len % 3 && !((opener.len + closer.len) % 3)) continue;
      const use = opener.len > 1 && closer.len > 1 ? 2 : 1;
      opener.len -= use;
      closer.len -= use;
      const inner = toks.slice(open + 1, index);
      resolveInside(inner);
      const group: Tok = { k: NODE, n: { type: use > 1 ? "strong" : "emphasis", children: nodesOf(inner) } };
      // The opener and closer stay when some of their run is left: at most three tokens, passed
      // as arguments (a spread runs the iterator protocol until V8 optimizes).
      const removed = index - open + 1;
      if (opener.len && closer.len) toks.splice(open, removed, opener, group, closer);
      else if (opener.len) toks.splice(open, removed, opener, group);
      else if (closer.len) toks.splice(open, removed, group, closer);
      else toks.splice(open, removed, group);
      // A closer with some left is looked at again; otherwise go on after the group.
      index = open + (opener.len ? 1 : 0);
      break;
    }
  }
  sequencesToText(toks, ATTENTION);
}

function sequencesToText(toks: Tok[], kind: typeof ATTENTION | typeof STRIKE): void {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k === kind) toks[i] = { k: TEXT, v: String.fromCharCode(t.ch).repeat(t.len) };
  }
}

/** Tokens to mdast nodes: leftover label starts are text; adjacent text merges (one text node). */
function nodesOf(toks: Tok[]): InlineNode[] {
  const out: InlineNode[] = [];
  const text = (v: string): void => {
    const last = out[out.length - 1];
    if (last && last.type === "text") last.value += v;
    else out.push({ type: "text", value: v });
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k === TEXT) text(t.v);
    else if (t.k === NODE) out.push(t.n);
    else if (t.k === LABEL_START) text(t.image ? "![" : "[");
    else text(String.fromCharCode(t.ch).repeat(t.len));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// mdast-util-gfm-autolink-literal's pass over text nodes (its transformGfmAutolinkLiterals with
// mdast-util-find-and-replace), on these nodes: links in text that the tokenizer did not take.

type Replace = (match: RegExpExecArray) => InlineNode | InlineNode[] | false;

/** Each pass: the literal it needs, what it finds, how a find is replaced. */
const AUTOLINK_PASSES: Array<{ needed: RegExp; find: RegExp; replace: Replace }> = [
  { needed: /https?:\/\/|www\./i, find: /(?<![\da-z])(https?:\/\/|www(?=\.))([\w-]*\.[\w\-.]*)([^\t\n\r ]*)/gi, replace: findUrl },
  { needed: /xmpp:/, find: /(?<![\w+\-.@])xmpp:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)(\/(?:[\w\-/]|\.(?=[\dA-Za-z]))*)?/g, replace: findXmpp },
  { needed: /mailto:/, find: /(?<![\w+\-.@])mailto:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g, replace: findMailto },
  { needed: /@/, find: /(?<![\w+\-.]|(?:^|[^\d@A-Za-z])(?:mailto|xmpp):)([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g, replace: findEmail },
];

/** findAndReplace over one level and below, links and link references left alone; returns the new list. */
function replaceInText(children: InlineNode[], find: RegExp, replace: Replace): InlineNode[] {
  let out: InlineNode[] | null = null;
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type === "text") {
      const pieces = replaceInValue(node.value, find, replace);
      if (pieces === null) out?.push(node);
      else {
        out ??= children.slice(0, index);
        appendAll(out, pieces);
      }
      continue;
    }
    if ((node.type === "emphasis" || node.type === "strong" || node.type === "delete") && node.children.length > 0) node.children = replaceInText(node.children, find, replace);
    out?.push(node);
  }
  return out ?? children;
}

function replaceInValue(value: string, find: RegExp, replace: Replace): InlineNode[] | null {
  const nodes: InlineNode[] = [];
  const add = (child: InlineNode): void => {
    const previous = nodes[nodes.length - 1];
    if (previous && previous.type === "text" && child.type === "text") previous.value += child.value;
    else nodes.push(child);
  };
  let start = 0;
  let change = false;
  find.lastIndex = 0;
  let match = find.exec(value);
  while (match) {
    const position = match.index;
    const result = replace(match);
    if (result === false) find.lastIndex = position + 1;
    else {
      if (start !== position) add({ type: "text", value: value.slice(start, position) });
      if (Array.isArray(result)) for (let r = 0; r < result.length; r++) add(result[r]!);
      else add(result);
      start = position + match[0].length;
      change = true;
    }
    match = find.exec(value);
  }
  if (!change) return null;
  if (start < value.length) add({ type: "text", value: value.slice(start) });
  return nodes;
}

function linkNode(url: string, value: string): InlineNode {
  return { type: "link", title: null, url, children: [{ type: "text", value }] };
}

function previousAllows(match: RegExpExecArray): boolean {
  const c = match.input.charCodeAt(match.index - 1);
  return match.index === 0 || unicodeWhitespace(c) || unicodePunctuation(c);
}

function findUrl(match: RegExpExecArray): InlineNode | InlineNode[] | false {
  let protocol = match[1]!;
  let domain = match[2]!;
  const path = match[3]!;
  if (!previousAllows(match)) return false;
  let prefix = "";
  if (/^w/i.test(protocol)) {
    domain = protocol + domain;
    protocol = "";
    prefix = "http://";
  }
  if (unicodePunctuation(domain.charCodeAt(0)) || !isCorrectDomain(domain)) return false;
  const split = splitUrl(domain + path);
  const url = split[0];
  const trail = split[1];
  const link = linkNode(prefix + protocol + url, protocol + url);
  return trail ? [link, { type: "text", value: trail }] : link;
}

function findEmail(match: RegExpExecArray): InlineNode | false {
  const atext = match[1]!;
  const label = match[2]!;
  if (/[\d\-_]$/.test(label)) return false;
  return linkNode(`mailto:${atext}@${label}`, `${atext}@${label}`);
}

function findMailto(match: RegExpExecArray): InlineNode | false {
  const atext = match[1]!;
  const label = match[2]!;
  if (/[\d\-_]$/.test(label)) return false;
  const value = `mailto:${atext}@${label}`;
  return linkNode(value, value);
}

function findXmpp(match: RegExpExecArray): InlineNode | false {
  const whole = match[0];
  const atext = match[1]!;
  const label = match[2]!;
  const resource = match[3];
  if (/[\d\-_]$/.test(label) || (resource && (!/[A-Za-z]$/.test(resource) || match.input.charAt(match.index + whole.length) === "@"))) return false;
  const value = `xmpp:${atext}@${label}${resource || ""}`;
  return linkNode(value, value);
}

function isCorrectDomain(domain: string): boolean {
  const parts = domain.split(".");
  const last = parts[parts.length - 1];
  const lastLast = parts[parts.length - 2];
  return !(parts.length < 2 || (last && (/_/.test(last) || !/[\dA-Za-z]/.test(last))) || (lastLast && (/_/.test(lastLast) || !/[\dA-Za-z]/.test(lastLast))));
}

const URL_TRAIL = new Set([33, 34, 38, 39, 41, 44, 46, 58, 59, 60, 62, 63, 93, 125]);

function splitUrl(url: string): [string, string | undefined] {
  let index = url.length;
  while (index > 0 && URL_TRAIL.has(url.charCodeAt(index - 1))) index--;
  if (index === url.length) return [url, undefined];
  let trail = url.slice(index);
  url = url.slice(0, index);
  let closingParenIndex = trail.indexOf(")");
  const openingParens = count(url, "(");
  let closingParens = count(url, ")");
  while (closingParenIndex !== -1 && openingParens > closingParens) {
    url += trail.slice(0, closingParenIndex + 1);
    trail = trail.slice(closingParenIndex + 1);
    closingParenIndex = trail.indexOf(")");
    closingParens++;
  }
  return [url, trail];
}

function count(value: string, character: string): number {
  let n = 0;
  for (let i = value.indexOf(character); i !== -1; i = value.indexOf(character, i + 1)) n++;
  return n;
}
