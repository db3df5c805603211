import { INLINE_MARKUP, inlineValue, NO_DEFINITIONS } from "./inline.js";
import { buildRow } from "./build-row.js";
import { isBlankRange, splitLines, type Lines } from "./lines.js";
import { BLOCKLESS_OPENER, NOT_A_THEMATIC_BREAK } from "./openers.js";
import { bodyRowCells, DELIMITER_LIKE } from "./row-cells.js";
import type { Align, Heading, MarkdownDoc, Row, Table } from "./types.js";

/*
 * The simple path: a document made only of ATX headings, blank lines, paragraphs, one-line list
 * items and tables set apart by blank lines (what generated and template docs are, and most
 * READMEs) is read here without remark at all, line by line. Every line must be one of those
 * shapes as written below, each of which is one block (or the start of one) for CommonMark + GFM
 * whatever comes around it; anything else (a nested or continued list item, a quote, code, HTML, a
 * definition, a setext underline, a paragraph glued to a table, a heading's closing sequence, CR
 * line endings) returns null and the document goes through remark-gfm as before. What a paragraph
 * or a list item says is not part of the document read here (tables, headings and HTML comments
 * are): their inline markup is left unread, except `<`, which could open an HTML comment, and a line
 * that could be a delimiter row, which would make the line before it a table header. Table rows
 * are built exactly as the linear path builds a cut row (buildRow), the header and the first and
 * last rows included. test/markdown/differential.test.ts holds both paths to remark-gfm's
 * output, field for field.
 */

/** An ATX heading at column 1 (`#` to `######` then a space, a tab or the end of the line). */
const ATX = /^(#{1,6})(?:[ \t]+(.*))?$/;
/** A delimiter row that starts with a pipe: `| --- | :-: |`, each cell dashes with optional colons. */
const DELIMITER_ROW = /^\|(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$/;
/**
 * How a paragraph line may start: with a character that starts no block (BLOCKLESS_OPENER), at
 * column 1 (an indented line may belong to the list item before it). A `[` is taken apart: only
 * in a text without `]:`, where it cannot open a definition.
 */
const PARAGRAPH_START = new RegExp(`^${NOT_A_THEMATIC_BREAK}(?:${BLOCKLESS_OPENER})`);
/**
 * A list item whose content starts with an ASCII letter on its marker's line: a paragraph (no
 * heading, quote, code or table opens with a letter). An indented line after it (a nested block or
 * a continuation) starts with a space and returns null; a line at column 1 is a lazy continuation
 * of its paragraph, a heading, a new item or, after a blank line, a block outside the list.
 */
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])[ \t]+[A-Za-z]/;

function alignOf(cell: string): Align {
  const c = cell.trim();
  const left = c.startsWith(":");
  const right = c.endsWith(":");
  return left && right ? "center" : left ? "left" : right ? "right" : null;
}

/** The delimiter row's cells, between its outer pipes. */
function delimiterCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split("|");
}

/** Parses `text`, split into `lines`, when it is simple (see above), else null. */
export function parseSimple(text: string, lines: Lines = splitLines(text)): MarkdownDoc | null {
  if (text.includes("\r")) return null;
  const doc: MarkdownDoc = { tables: [], headings: [], comments: [] };
  let lastHeading: Heading | null = null;
  // What the previous line was: a table may start only after a blank line, a heading or nothing.
  let previous: "none" | "blank" | "heading" | "paragraph" = "none";
  const noDefinitions = !text.includes("]:");
  const found: FoundTable[] = [];
  for (let i = 0; i < lines.start.length; i++) {
    if (isBlankRange(text, lines.start[i]!, lines.end[i]!)) {
      previous = "blank";
      continue;
    }
    const line = text.slice(lines.start[i]!, lines.end[i]!);
    const first = line.charCodeAt(0);
    if (first === 35 /* # */) {
      const m = ATX.exec(line);
      if (!m) return null;
      const content = (m[2] ?? "").trim();
      // A closing sequence has rules of its own: left to remark, as is a pipe (cells read `\|` apart).
      if (content.endsWith("#") || content.includes("|")) return null;
      // Inline markup is valued as in a cell (a simple document defines no link reference).
      const value = inlineValue(content, NO_DEFINITIONS);
      if (value === null) return null;
      lastHeading = { depth: m[1]!.length, text: value.text, line: i + 1, column: 1 };
      doc.headings.push(lastHeading);
      previous = "heading";
      continue;
    }
    if (PARAGRAPH_START.test(line) || LIST_ITEM.test(line) || (first === 91 /* [ */ && noDefinitions)) {
      // `Name` then `:---:` is a one-column table (GFM): a line that could be a delimiter row is left to remark.
      if (line.includes("|") || line.includes("<") || DELIMITER_LIKE.test(line)) return null;
      // The next line may continue the paragraph (lazily, after an item): never with a table.
      previous = "paragraph";
      continue;
    }
    if (first !== 124 /* | */ || previous === "paragraph") return null;
    const table = scanTable(text, lines, i, lastHeading);
    if (!table) return null;
    found.push(table);
    // The table ends at a blank line or the end of the text, nothing else (see scanTable).
    i = table.last;
    previous = "paragraph";
  }
  // Rows are built once the whole document is known to be simple: a definition or a code block
  // at its end sends it to the linear path, which would build them again.
  for (const table of found) doc.tables.push(buildTable(text, lines, table));
  return doc;
}

/** A table found by scanTable: where it starts and ends, its lines, alignment and heading. */
interface FoundTable {
  head: number;
  last: number;
  /** Each line from the header to the last row, sliced once for the scan and the build. */
  lines: string[];
  align: Align[];
  heading: Heading | null;
}

/** The table whose header is line `head`, up to its last line; null when it is not plainly one. */
function scanTable(text: string, lines: Lines, head: number, heading: Heading | null): FoundTable | null {
  const lineCount = lines.start.length;
  if (head + 1 >= lineCount) return null;
  const lineAt = (i: number): string => text.slice(lines.start[i]!, lines.end[i]!);
  const headLine = lineAt(head);
  const delimiter = lineAt(head + 1);
  // A header of pipes and whitespace alone (`|`, `||`, `| |`) makes no table for micromark: left to remark.
  if (DELIMITER_LIKE.test(headLine) || !/[^|\s]/.test(headLine) || !DELIMITER_ROW.test(delimiter)) return null;
  const align = delimiterCells(delimiter).map(alignOf);
  if (bodyRowCells(text, lines.start[head]!, lines.end[head]!).length !== align.length) return null;
  const tableLines = [headLine, delimiter];
  for (let i = head + 2; i < lineCount; i++) {
    if (isBlankRange(text, lines.start[i]!, lines.end[i]!)) break;
    const line = lineAt(i);
    // Only pipe rows, never one that could read as a delimiter row.
    if (line.charCodeAt(0) !== 124 || DELIMITER_LIKE.test(line)) return null;
    tableLines.push(line);
  }
  return { head, last: head + tableLines.length - 1, lines: tableLines, align, heading };
}

/** The rows of a table scanTable found, built as the linear path builds a cut row. */
function buildTable(text: string, lines: Lines, { head, last, lines: tableLines, align, heading }: FoundTable): Table {
  const build = (i: number): Row => buildRow(text, i + 1, lines.start[i]!, lines.end[i]!, !INLINE_MARKUP.test(tableLines[i - head]!), NO_DEFINITIONS);
  const header = build(head);
  const rows: Row[] = [];
  for (let i = head + 2; i <= last; i++) rows.push(build(i));
  const end = rows.at(-1)?.span.end ?? { line: head + 2, column: tableLines[1]!.length + 1, offset: lines.end[head + 1]! };
  return { header, rows, align, span: { start: header.span.start, end }, heading };
}
