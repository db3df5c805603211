import type { Diagnostic, Severity } from "../../diagnostics.js";
import type { SourceFile } from "../../inventory/site.js";
import { LineIndex } from "../../markdown/index.js";
import type { Rule } from "../types.js";

/** Diagnostics at text offsets of one file; the line index is built once, on first use. */
export function offsetReporter(rule: Rule, file: Pick<SourceFile, "abs" | "text">, severity: Severity = rule.severity) {
  let lines: LineIndex | null = null;
  return (start: number, end: number, message: string): Diagnostic => {
    lines ??= new LineIndex(file.text);
    const from = lines.point(start);
    const to = lines.point(end);
    return { file: file.abs, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, ruleId: rule.id, severity, message };
  };
}

/** The offset range of a cell's content in its file's text. */
export function cellRange(cell: { raw: string; column: number; span: { start: { column: number; offset: number } } }): [number, number] {
  const start = cell.span.start.offset + (cell.column - cell.span.start.column);
  return [start, start + cell.raw.length];
}
