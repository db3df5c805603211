import { plainLines } from "../../text/controls.js";

/**
 * A text value a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or CR first):
 * prefixed with `'`, which spreadsheets show as text (OWASP's advice for CSV injection). Numbers
 * are written as numbers.
 */
export function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; quotes doubled; text made inert (no control characters, no formula). */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : typeof value === "number" ? String(value) : inertCell(plainLines(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a header line and one line per row, each ended by a newline. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(",")}\n`).join("");
}
