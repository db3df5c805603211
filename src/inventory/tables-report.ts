import type { RecordKind } from "./kinds.js";
import type { SiteModel } from "./site.js";
import type { TableShape } from "./tables.js";
import { collapseSpaces } from "../text/spaces.js";

/** One table of a site as `netstack tables` shows it: where, what it was read as and why, what became of its rows. */
export interface TableReport {
  file: string;
  line: number;
  kind: RecordKind | "subnet" | null;
  shape: TableShape;
  confidence: number;
  reason: string;
  /** Each header cell and the column it was read as (null: kept as an extra column). */
  columns: { header: string; column: string | null }[];
  rows: number;
  kept: Partial<Record<RecordKind, number>>;
  groups: number;
  dropped: { line: number; reason: string }[];
}

/** Every table of a site's files, in file and line order. */
export function tableReports(site: SiteModel): TableReport[] {
  return site.files.flatMap((file) =>
    file.tables.map((t) => ({
      file: file.rel,
      line: t.table.span.start.line,
      kind: t.kind,
      shape: t.shape,
      confidence: Math.round(t.confidence * 100) / 100,
      reason: t.reason,
      columns: t.table.header.cells.map((cell, i) => ({ header: collapseSpaces(cell.text), column: t.shape === "none" ? null : (t.columns[i] ?? null) })),
      rows: t.table.rows.length,
      kept: { ...(t.outcome?.kept ?? {}) },
      groups: t.outcome?.groups ?? 0,
      dropped: [...(t.outcome?.dropped ?? [])],
    })),
  );
}

const SHAPE_NOTE: Partial<Record<TableShape, string>> = { address: " (address-first)", settings: " (setting/value)" };

/** The text form: a block per table, then a count per kind. */
export function formatTableReports(reports: TableReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    const kind = r.kind === null ? "not inventory" : `${r.kind}${SHAPE_NOTE[r.shape] ?? ""}`;
    out.push(`${r.file}:${r.line}  ${kind}  ${r.confidence.toFixed(2)}  ${r.reason}`);
    if (r.kind === null) continue;
    if (r.shape !== "settings" && r.shape !== "subnet") out.push(`  columns: ${r.columns.map((c) => `${c.header || "(empty)"} → ${c.column ?? "extra"}`).join(", ")}`);
    const kept = Object.entries(r.kept).map(([k, n]) => `${n} ${k}`);
    const parts = [`${r.rows} rows`, kept.length ? `kept ${kept.join(", ")}` : "kept none"];
    if (r.groups) parts.push(`${r.groups} group ${r.groups === 1 ? "row" : "rows"}`);
    if (r.dropped.length) parts.push(`${r.dropped.length} dropped`);
    out.push(`  rows: ${parts.join("; ")}`);
    for (const d of r.dropped) out.push(`    line ${d.line}: ${d.reason}`);
  }
  const totals = new Map<string, number>();
  for (const r of reports) for (const [k, n] of Object.entries(r.kept)) totals.set(k, (totals.get(k) ?? 0) + n);
  const unread = reports.filter((r) => r.kind === null).length;
  out.push("");
  out.push(`${reports.length} tables: ${[...totals].map(([k, n]) => `${n} ${k}`).join(", ") || "no records"}; ${unread} not inventory`);
  return `${out.join("\n")}\n`;
}
