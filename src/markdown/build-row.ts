import { LineCell, LineRow, MarkupCell, TableCell } from "./cell.js";
import { INLINE_MARKUP, inlineValue, type Definitions } from "./inline.js";
import { cellByRemark } from "./remark.js";
import { cellSourceEnd, cellSourceStart, splitBodyRow } from "./row-cells.js";
import type { Cell, Row } from "./types.js";

/** After up to three spaces of indentation. */
function indentEnd(text: string, from: number, to: number): number {
  let at = from;
  while (at < to && at - from < 3 && text.charCodeAt(at) === 32) at++;
  return at;
}

/** Cell offsets of the row being built, reused from row to row (see splitBodyRow). */
const ranges: number[] = [];

/**
 * Builds the Row of a table row that sits alone on its line (`from` is the line start), as
 * remark-gfm would: cells split as micromark splits them, inline content valued by the inline
 * scanner or, for what it leaves undecided, by remark-gfm on that cell alone. `plain`: the line
 * holds no inline markup at all, so each cell's text is its trimmed source. Up to three spaces
 * of indentation are the line prefix, outside the row (a table may be indented that much);
 * `rowFrom`, when given, is where the row starts after a longer prefix (containers: `> `, a list
 * item's indentation).
 */
export function buildRow(text: string, line: number, from: number, to: number, plain: boolean, definitions: Definitions, rowFrom = indentEnd(text, from, to)): Row {
  const count = splitBodyRow(text, rowFrom, to, ranges);
  const cells: Cell[] = new Array<Cell>(count);
  for (let i = 0; i < count; i++) {
    const cellStart = ranges[4 * i]!;
    const cellEnd = ranges[4 * i + 1]!;
    const contentStart = ranges[4 * i + 2]!;
    const contentEnd = ranges[4 * i + 3]!;
    // The cell's source between its pipes, trimmed (no span objects: millions of cells).
    const start = cellSourceStart(text, cellStart, cellEnd);
    const end = cellSourceEnd(text, start, cellEnd);
    const raw = text.slice(start, end);
    const column = start - from + 1;
    if (contentStart < 0) {
      cells[i] = new LineCell(raw, "", line, column, from, cellStart, cellEnd);
      continue;
    }
    const content = contentStart === start && contentEnd === end ? raw : text.slice(contentStart, contentEnd);
    // A cell without any markup character is its trimmed source, in a row with markup too.
    if (plain || !INLINE_MARKUP.test(content)) {
      cells[i] = new LineCell(raw, content.trim(), line, column, from, cellStart, cellEnd);
      continue;
    }
    const value = inlineValue(content, definitions);
    // The scanner's cells can be scanned again for their links (MarkupCell); remark's are kept.
    const at = [line, cellStart - from + 1, cellStart, line, cellEnd - from + 1, cellEnd] as const;
    if (value && content === raw) {
      cells[i] = new MarkupCell(raw, value.text, value.strike, value.struck, value.links, line, column, at, definitions);
      continue;
    }
    const parsed = value ?? cellByRemark(content, definitions);
    cells[i] = new TableCell(raw, parsed.text, parsed.strike, parsed.struck, parsed.links, line, column, at);
  }
  return new LineRow(cells, line, from, rowFrom, to);
}
