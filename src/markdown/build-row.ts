import { MarkupCell, NO_LINKS, NO_STRUCK, TableCell } from "./cell.js";
import { inlineValue, type Definitions } from "./inline.js";
import { cellByRemark, cellSource } from "./remark.js";
import { bodyRowCells } from "./row-cells.js";
import type { Cell, Point, Row } from "./types.js";

/**
 * Builds the Row of a table row that sits alone on its line (`from` is the line start), as
 * remark-gfm would: cells split as micromark splits them, inline content valued by the inline
 * scanner or, for what it leaves undecided, by remark-gfm on that cell alone. `plain`: the line
 * holds no inline markup at all, so each cell's text is its trimmed source.
 */
export function buildRow(text: string, line: number, from: number, to: number, plain: boolean, definitions: Definitions): Row {
  const point = (offset: number): Point => ({ line, column: offset - from + 1, offset });
  const cells: Cell[] = bodyRowCells(text, from, to).map((range) => {
    const span = { start: point(range.start), end: point(range.end) };
    const src = cellSource(text, span);
    if (range.contentStart < 0 || plain) {
      const content = range.contentStart < 0 ? "" : text.slice(range.contentStart, range.contentEnd);
      return new TableCell(src.raw, content.trim(), false, NO_STRUCK, NO_LINKS, src.line, src.column, span);
    }
    const content = text.slice(range.contentStart, range.contentEnd);
    const value = inlineValue(content, definitions);
    // The scanner's cells can be scanned again for their links (MarkupCell); remark's are kept.
    if (value && content === src.raw) return new MarkupCell(src.raw, value.text, value.strike, value.struck, value.links, src.line, src.column, span, definitions);
    const parsed = value ?? cellByRemark(content, definitions);
    return new TableCell(src.raw, parsed.text, parsed.strike, parsed.struck, parsed.links, src.line, src.column, span);
  });
  return { cells, span: { start: point(from), end: point(to) } };
}

