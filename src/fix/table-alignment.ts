import stringWidth from "string-width";
import type { Edit } from "../diagnostics.js";
import type { SourceFile } from "../inventory/site.js";
import { LineIndex, parseMarkdown } from "../markdown/index.js";
import type { Align, Cell, Row, Table } from "../markdown/types.js";
import { applyEdits } from "./apply.js";

/** A file's text and its parsed tables (a SourceFile is one). */
type MarkdownText = Pick<SourceFile, "text"> & { doc: { tables: readonly Table[] } };

/** Markdown text with its tables aligned as `lint --fix` aligns them (what templates render through). */
export function alignTables(text: string): string {
  return applyEdits(text, tableAlignmentEdits({ text, doc: parseMarkdown(text) })).text;
}

/** Where a line's text ends, before its line break (`\n`, `\r\n` or a lone `\r`). */
function lineEnd(text: string, from: number): number {
  const lineBreak = /[\r\n]/g;
  lineBreak.lastIndex = from;
  return lineBreak.exec(text)?.index ?? text.length;
}

function delimiter(align: Align, width: number): string {
  if (align === "left") return `:${"-".repeat(width - 1)}`;
  if (align === "right") return `${"-".repeat(width - 1)}:`;
  if (align === "center") return `:${"-".repeat(width - 2)}:`;
  return "-".repeat(width);
}

function pad(raw: string, width: number): string {
  return raw + " ".repeat(width - stringWidth(raw));
}

/** What a table means: each cell's plain text, strike and links, and the column alignments. */
function meaning(table: Table): string {
  const row = (r: Row) => r.cells.map((c: Cell) => [c.text, c.strike, c.links]);
  return JSON.stringify([table.align, row(table.header), table.rows.map(row)]);
}

/**
 * The edits that align one table like markdownlint's MD060 "aligned" style: leading and trailing
 * pipes, one space of padding, every pipe under the header's. Each line keeps what precedes the
 * table on it (indentation, `> `). A ragged table is left alone: padding it would hide the
 * `table/ragged-row` finding.
 */
function alignTable(text: string, lines: LineIndex, table: Table): { edits: Edit[]; rendered: string[] } {
  const none = { edits: [], rendered: [] };
  const rows = [table.header, ...table.rows];
  const count = table.header.cells.length;
  if (rows.some((r) => r.cells.length !== count)) return none;
  const headerLine = table.header.span.start.line;
  if (rows.some((r, i) => r.span.start.line !== headerLine + (i === 0 ? 0 : i + 1))) return none;
  const widths = table.header.cells.map((_, i) => rows.reduce((w, r) => Math.max(w, stringWidth(r.cells[i]!.raw)), 3));
  const render = (r: Row) => `| ${r.cells.map((c, i) => pad(c.raw, widths[i]!)).join(" | ")} |`;
  const delimiterRow = `| ${widths.map((w, i) => delimiter(table.align[i] ?? null, w)).join(" | ")} |`;

  // The delimiter line has no node of its own: it is the line under the header, after the header's prefix.
  const prefix = text.slice(lines.lineStart(headerLine), table.header.span.start.offset);
  const delimiterStart = lines.lineStart(headerLine + 1);
  if (!text.startsWith(prefix, delimiterStart)) return none;
  const edits: Edit[] = [];
  const replace = (start: number, replacement: string) => {
    const end = lineEnd(text, start);
    if (text.slice(start, end) !== replacement) edits.push({ start, end, text: replacement });
  };
  replace(table.header.span.start.offset, render(table.header));
  replace(delimiterStart + prefix.length, delimiterRow);
  for (const row of table.rows) replace(row.span.start.offset, render(row));
  return { edits, rendered: [render(table.header), delimiterRow, ...table.rows.map(render)] };
}

/** The table's rewritten lines read alone: used to find which table a failed whole-file check is about. */
function readsTheSame(table: Table, rendered: readonly string[]): boolean {
  const alone = parseMarkdown(rendered.join("\n")).tables;
  return alone.length === 1 && meaning(alone[0]!) === meaning(table);
}

/** The file re-read with the edits applied: every table must read as it did. */
function fileReadsTheSame(file: MarkdownText, edits: readonly Edit[]): boolean {
  const after = parseMarkdown(applyEdits(file.text, edits).text).tables;
  return after.length === file.doc.tables.length && after.every((t, i) => meaning(t) === meaning(file.doc.tables[i]!));
}

/**
 * Alignment edits for every table of a file. A fix never changes what a value means, so the
 * file is re-read with the edits applied; if some table would read differently, the tables that
 * do not read the same on their own are dropped, and if that is not enough the file is left alone.
 */
export function tableAlignmentEdits(file: MarkdownText): Edit[] {
  const lines = new LineIndex(file.text);
  const perTable = file.doc.tables.map((table) => ({ table, ...alignTable(file.text, lines, table) })).filter((t) => t.edits.length > 0);
  const all = perTable.flatMap((t) => t.edits);
  if (all.length === 0 || fileReadsTheSame(file, all)) return all;
  const kept = perTable.filter((t) => readsTheSame(t.table, t.rendered)).flatMap((t) => t.edits);
  return kept.length > 0 && fileReadsTheSame(file, kept) ? kept : [];
}
