import { FatalError } from "../diagnostics.js";
import { isBlankRange } from "./lines.js";
import type { Point } from "./types.js";

/**
 * Deeper than this, lists and block quotes are refused before remark sees them: remark's tree
 * walks recurse once per level (the stack overflows near 2,000 levels) and its container parsing
 * is quadratic in depth (1,000 levels of `- ` on one line: 1 s; 10,000: minutes). markdown-it
 * stops at 100 levels too; no real document comes near.
 */
export const MAX_NESTING = 100;

/**
 * Deeper than this, `[` nesting within one paragraph is refused: micromark resolves each label end
 * against the open ones (40,000 nested `[` took 12 s), and no link text nests beyond a few levels.
 */
export const MAX_BRACKET_DEPTH = 100;

/** Longer lines are refused: no table row or prose line of a site comes near, and every rule scans lines. */
export const MAX_LINE_LENGTH = 100_000;

/** A document over a parsing budget (nesting, brackets, line length); `point` is where it goes over. */
export class NestingError extends FatalError {
  constructor(
    readonly point: Point,
    message = `lists and block quotes nested more than ${MAX_NESTING} levels deep; not parsed`,
  ) {
    super(message);
    this.name = "NestingError";
  }
}

/** A line of one of `-`, `*` and spaces only: a thematic break such as `* * *`, not lists. */
const THEMATIC_BREAK = /^[ \t]*([-*])(?:[ \t]*\1)*[ \t]*$/;

/**
 * Throws a NestingError at the first line that may open more than MAX_NESTING containers.
 * Linear, and an upper bound: each `>` and list marker counts one level, and indentation (beyond
 * the space after a marker) two columns a level, the least a list item indents its content.
 * A thematic break (`* * *`) opens nothing. Lines inside fenced code or HTML are checked too:
 * telling them apart needs the container context (a fence may sit in a list item, an HTML block
 * may hold a fence line), and a sound bound matters more than a code line of 100 `>`.
 */
export function assertNestingWithin(text: string): void {
  let lineNumber = 0;
  // Open `[` of the current paragraph (a blank line ends it; link text never spans one).
  let brackets = 0;
  const crlf = CR.test(text);
  // Offset of the next `[` at or after the current line (past the end when there is none).
  let nextBracket = -1;
  const noBracket = text.length + 1;
  for (let start = 0; start <= text.length; ) {
    let end: number;
    if (crlf) {
      end = start;
      while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    } else {
      end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
    }
    lineNumber++;
    if (end - start > MAX_LINE_LENGTH) {
      throw new NestingError({ line: lineNumber, column: 1, offset: start }, `a line of ${end - start} characters, over the limit of ${MAX_LINE_LENGTH}; not parsed`);
    }
    // Most lines (table rows, prose) start with none of the characters that open a container.
    // Never a read past the text or the table: either deoptimizes this loop for good (10× slower).
    const first = start < end ? text.charCodeAt(start) : -1;
    if (first < 128 && MAY_OPEN_CONTAINER[first] === 1) checkLine(text.slice(start, end), lineNumber, start);
    if (isBlankRange(text, start, end)) brackets = 0;
    else {
      // With no `[` open and none on this line, nothing can open: no need to walk it.
      if (nextBracket < start) {
        nextBracket = text.indexOf("[", start);
        if (nextBracket < 0) nextBracket = noBracket;
      }
      if (brackets > 0 || nextBracket < end) brackets = bracketDepth(text.slice(start, end), brackets, lineNumber, start);
    }
    start = end + (crlf && end + 1 < text.length && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
}

/**
 * A carriage return anywhere. (A regex, not `includes`: with `includes` here V8 optimized this
 * loop into something 50× slower on two-byte texts, measured on Node 20.)
 */
const CR = /\r/;

/** First characters of a line that may open a container or indent one: space, tab, `>`, `-`, `*`, `+`, digits. */
const MAY_OPEN_CONTAINER = new Uint8Array(128);
for (const ch of " \t>-*+0123456789") MAY_OPEN_CONTAINER[ch.charCodeAt(0)] = 1;

/** The open `[` after `line`, from `depth` before it; throws past MAX_BRACKET_DEPTH. An upper bound: code spans count too. */
function bracketDepth(line: string, depth: number, lineNumber: number, offset: number): number {
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 92 /* \ */) i++;
    else if (ch === 91 /* [ */) {
      if (++depth > MAX_BRACKET_DEPTH) {
        throw new NestingError({ line: lineNumber, column: i + 1, offset: offset + i }, `brackets nested more than ${MAX_BRACKET_DEPTH} deep in one paragraph; not parsed`);
      }
    } else if (ch === 93 /* ] */ && depth > 0) depth--;
  }
  return depth;
}

function checkLine(line: string, lineNumber: number, offset: number): void {
  let depth = 0;
  // Whitespace beyond the one column a marker needs after it: what nests list items by indentation.
  let indent = 0;
  let i = 0;
  for (;;) {
    let columns = 0;
    while (line[i] === " " || line[i] === "\t") columns += line[i++] === "\t" ? 4 : 1;
    indent += depth === 0 ? columns : Math.max(columns - 1, 0);
    const ch = line[i];
    let width = 0;
    if (ch === ">") width = 1;
    else if ((ch === "-" || ch === "*" || ch === "+") && endsMarker(line, i + 1)) width = 1;
    else if (ch !== undefined && ch >= "0" && ch <= "9") {
      const ordered = /^\d{1,9}[.)]/.exec(line.slice(i, i + 11));
      if (ordered && endsMarker(line, i + ordered[0].length)) width = ordered[0].length;
    }
    if (width === 0) break;
    depth++;
    if (depth + (indent >> 1) > MAX_NESTING) {
      if (THEMATIC_BREAK.test(line)) return;
      throw new NestingError({ line: lineNumber, column: i + 1, offset: offset + i });
    }
    i += width;
  }
}

function endsMarker(line: string, at: number): boolean {
  return at >= line.length || line[at] === " " || line[at] === "\t";
}
