import path from "node:path";
import type { Diagnostic, Fix, Severity } from "../diagnostics.js";
import type { Cell } from "../markdown/types.js";
import type { Entry, SiteModel, SourceFile } from "../inventory/site.js";
import { cellFile } from "../inventory/site-config-yml.js";
import type { Rule, RuleContext } from "./types.js";
import { isActiveStatus } from "../inventory/row-shapes.js";

/**
 * The site's Markdown files whose findings are reported (RuleContext.reportOn), for rules that
 * judge each file by itself: a commit hook naming devices.md does not scan services.md for
 * secrets only to drop what it finds.
 */
export function reportedFiles(ctx: Pick<RuleContext, "site" | "reportOn">): SourceFile[] {
  const reportOn = ctx.reportOn;
  return reportOn ? ctx.site.files.filter((f) => reportOn.has(f.abs)) : ctx.site.files;
}

/** A diagnostic at a cell: from the start of its content to the end of its text (in the cell's own file, for a site-config.yml value). */
export function atCell(rule: Rule, file: SourceFile, cell: Cell, message: string, fix?: Fix): Diagnostic {
  return {
    file: cellFile(cell) ?? file.abs,
    line: cell.line,
    column: cell.column,
    endLine: cell.line,
    endColumn: cell.column + cell.raw.length,
    ruleId: rule.id,
    severity: rule.severity,
    message,
    ...(fix ? { fix } : {}),
  };
}

/** A diagnostic at an entry's row (its first cell's content). */
export function atRow(rule: Rule, entry: Entry, message: string): Diagnostic {
  const first = entry.row.cells[0];
  return first ? atCell(rule, entry.file, first, message) : atPoint(rule, entry.file.abs, entry.row.span.start.line, entry.row.span.start.column, message);
}

/** A diagnostic at a column of an entry, falling back to the row. */
export function atColumn(rule: Rule, entry: Entry, column: string, message: string): Diagnostic {
  const cell = entry.cells[column];
  return cell ? atCell(rule, entry.file, cell, message) : atRow(rule, entry, message);
}

export function atPoint(rule: Rule, file: string, line: number, column: number, message: string, severity: Severity = rule.severity): Diagnostic {
  return { file, line, column, ruleId: rule.id, severity, message };
}

/** A path inside a site, for diagnostics about files or directories that may not exist. */
export function sitePath(site: SiteModel, rel: string): string {
  return path.join(site.root, rel);
}

/** "cf:nas1" → { site: "cf", host: "nas1" }; "nas1" → { site: null, host: "nas1" }. */
export function parseMachineRef(ref: string): { site: string | null; host: string } {
  const m = /^([a-z][a-z0-9-]{1,15}):(.+)$/.exec(ref.trim());
  return m ? { site: m[1]!, host: m[2]!.trim() } : { site: null, host: ref.trim() };
}

/**
 * Active records: `~~retired~~` ones, and those whose status says they are out of service
 * (offline, removed, spare, …), are kept in the inventory but excluded from duplicate and coverage checks.
 */
export function isActive(entry: Entry): boolean {
  return isActiveStatus(entry.record.status);
}

/** Name keys are compared case-insensitively, as hostnames are. */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * A kind's records plus the site-config.yml descriptions merged into them (holding only the cells
 * the merged record did not take), for rules that judge each cell as written: a value the YAML
 * states beside a table's is still checked where it stands.
 */
export function withShadowed<K extends "device" | "service" | "overlay">(site: SiteModel, kind: K): Entry<K>[] {
  const list = { device: site.devices, service: site.services, overlay: site.overlay }[kind] as Entry<K>[];
  const shadowed = site.siteConfigYml?.shadowed[({ device: "devices", service: "services", overlay: "overlay" } as const)[kind]] as Entry<K>[] | undefined;
  return shadowed?.length ? [...list, ...shadowed] : list;
}

/** Where a record is written, as another finding names it: `line 7` in the same file, else `site-config.yml:7`. */
export function placeOf(entry: Entry, from: Entry): string {
  const { file, line } = entry.record.source;
  return file === from.record.source.file ? `line ${line}` : `${file}:${line}`;
}

/**
 * Two device rows in different tables that agree on everything both say (name, IP, MAC; either
 * may leave one out; a second MAC with the same name and IP is another interface) describe one
 * machine written down twice (a device table and an admin-page
 * table, say), not two machines: the duplicate rules leave such pairs alone.
 */
export function sameMachine(a: Entry<"device">, b: Entry<"device">): boolean {
  if (a.table === b.table) return false;
  const ra = a.record;
  const rb = b.record;
  const agree = (x: string | null, y: string | null, key: (v: string) => string = (v) => v) => x === null || y === null || key(x) === key(y);
  if (!agree(ra.name, rb.name, nameKey) || !agree(ra.ip, rb.ip) || (ra.name === null && rb.name === null)) return false;
  // One name and one IP on both rows: a second MAC is the machine's other interface.
  return agree(ra.mac, rb.mac) || (ra.ip !== null && ra.ip === rb.ip && ra.name !== null && rb.name !== null);
}
