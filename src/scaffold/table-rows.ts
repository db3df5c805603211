import { LineIndex } from "../markdown/lines.js";
import type { ClassifiedTable } from "../inventory/tables.js";
import type { Row } from "../markdown/types.js";

/** Text for a new table cell: characters that would end the cell or start markup are escaped. */
export function cellText(value: string): string {
  return value
    .replace(/[\\|*`[\]<~]/g, "\\$&")
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, "\\_");
}

/** The content of a 1-based line and the line ending after it ("" on the last line). */
function lineAt(text: string, lines: LineIndex, line: number): { start: number; content: string; eol: string; next: number } {
  const start = lines.lineStart(line);
  const next = line < lines.lineCount ? lines.lineStart(line + 1) : text.length;
  const raw = text.slice(start, next);
  const eol = /\r\n$/.test(raw) ? "\r\n" : /[\r\n]$/.test(raw) ? raw.slice(-1) : "";
  return { start, content: raw.slice(0, raw.length - eol.length), eol, next };
}

/** The layout of a table as written: what precedes it on each line, its pipes, its column widths. */
function tableLayout(text: string, lines: LineIndex, table: ClassifiedTable["table"]) {
  const header = lineAt(text, lines, table.header.span.start.line);
  const prefix = header.content.slice(0, table.header.span.start.column - 1);
  const body = header.content.slice(prefix.length);
  const leading = body.startsWith("|");
  const trailing = /(^|[^\\])\|\s*$/.test(body);
  const delimiter = lineAt(text, lines, table.header.span.start.line + 1).content.slice(prefix.length).trim();
  // Pad the new row's cells to the column widths only when the table is aligned already.
  const width = (line: number) => lineAt(text, lines, line).content.trimEnd().length;
  const delimiterLine = table.header.span.start.line + 1;
  const aligned = [table.header, ...table.rows].every((row) => width(row.span.start.line) === width(delimiterLine));
  const widths = aligned
    ? delimiter
        .replace(/^\|/, "")
        .replace(/\|$/, "")
        .split("|")
        .map((segment) => segment.length)
    : [];
  return { prefix, leading, trailing, widths, delimiterLine };
}

export interface RowInsertion {
  /** The whole new text. */
  text: string;
  /** Offset where the inserted text starts, and the inserted text. */
  offset: number;
  inserted: string;
  /** 1-based line of the new row in the new text. */
  line: number;
}

/**
 * Inserts a row into a table after `after` (or after the delimiter row when null), filling
 * each of the table's own columns from `values` by canonical column, in the table's column
 * order, pipes and padding. Every byte outside the inserted line is kept.
 */
export function insertRow(text: string, classified: ClassifiedTable, after: Row | null, values: Record<string, string>): RowInsertion {
  const lines = new LineIndex(text);
  const layout = tableLayout(text, lines, classified.table);
  const anchorLine = after ? after.span.end.line : layout.delimiterLine;
  const anchor = lineAt(text, lines, anchorLine);
  const eol = anchor.eol || /\r\n|\n|\r/.exec(text)?.[0] || "\n";

  const texts = classified.table.header.cells.map((_, i) => {
    const column = classified.columns[i];
    return cellText(column ? (values[column] ?? "") : "");
  });
  // A row with text in its first cell only reads as a section divider (SPEC §4): mark the other
  // cells `na` (absent); a name with nothing but `na` beside it stays a device.
  if (texts.length > 1 && texts[0] !== "" && texts.slice(1).every((t) => t === "")) for (let i = 1; i < texts.length; i++) texts[i] = "na";
  const cells = texts.map((text, i) => ` ${text.padEnd(Math.max(0, (layout.widths[i] ?? 0) - 2))} `);
  // Without an outer pipe an empty first or last cell would vanish: add the pipe on this row.
  const leading = layout.leading || texts[0] === "";
  const trailing = layout.trailing || texts[texts.length - 1] === "";
  if (!leading) cells[0] = cells[0]!.trimStart();
  if (!trailing) cells[cells.length - 1] = cells[cells.length - 1]!.trimEnd();
  const row = `${layout.prefix}${leading ? "|" : ""}${cells.join("|")}${trailing ? "|" : ""}`;

  // After the anchor line's ending; on a last line without one, the row brings its own.
  const offset = anchor.next;
  const inserted = anchor.eol ? `${row}${eol}` : `${eol}${row}`;
  return { text: text.slice(0, offset) + inserted + text.slice(offset), offset, inserted, line: anchorLine + 1 };
}
