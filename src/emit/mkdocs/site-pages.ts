import { readdirSync } from "node:fs";
import path from "node:path";
import type { RecordKind } from "../../inventory/kinds.js";
import { readInside } from "../../io/safe-read.js";
import { plainLines, plainText } from "../../text/controls.js";
import type { RecordTypes } from "../../inventory/records.js";
import { isSecretColumn, tableSecrets } from "../../sensitive/detector.js";
import { REDACTED } from "../redact.js";
import { maskSecret } from "../../sensitive/mask.js";
import { SITE_CONFIG_YML } from "../../inventory/site-config-yml.js";
import { recordTable } from "./columns.js";
import { renderTable } from "./escape.js";
import { freshnessSentence, type Current, type CurrentSite, type Prepared, type PreparedSite, type TableSource } from "./prepare.js";

import { spliceTables, unlinkRelative } from "./prose.js";
import { sanitizeProse } from "./sanitize.js";
import { DRIFT_KINDS, driftCountsText, type DriftState } from "../../status/drift-state.js";
import { formatAge } from "../../status/format.js";
import { render } from "./templates.js";

/** The per-site pages made from the site's own Markdown files (and the records of site-config.yml of their kind). */
export const TABLE_PAGES = [
  { page: "devices", title: "Devices", file: "docs/devices.md", yml: ["device"] },
  { page: "services", title: "Services", file: "docs/services.md", yml: ["service"] },
  { page: "network", title: "Network", file: "docs/network.md", yml: ["overlay"] },
] as const;

const KIND_LIST = { device: "devices", service: "services", overlay: "overlay", share: "shares", backup: "backups", link: "links" } as const;

const YML_HEADINGS: Partial<Record<RecordKind, string>> = { device: "Devices", service: "Services", overlay: "Overlay members" };

/** The records only site-config.yml describes, one table per kind of the page (a record the tables also describe is in their table). */
function siteConfigTables(prepared: Prepared, site: PreparedSite, kinds: readonly RecordKind[]): { heading: string; table: string }[] {
  return kinds.flatMap((kind) => {
    const records = (site.inventory[KIND_LIST[kind]] as RecordTypes[RecordKind][]).filter((r) => r.source.file === SITE_CONFIG_YML);
    if (records.length === 0) return [];
    return [{ heading: YML_HEADINGS[kind]!, table: renderTable(recordTable(kind, records as RecordTypes[typeof kind][], prepared.options.profile)) }];
  });
}

/** Profiled records by the line they came from in one file, so a re-rendered table shows what the profile allows. */
function recordsByLine(site: PreparedSite, rel: string): Map<string, RecordTypes[RecordKind]> {
  const out = new Map<string, RecordTypes[RecordKind]>();
  for (const [kind, list] of Object.entries(KIND_LIST) as [RecordKind, (typeof KIND_LIST)[RecordKind]][]) {
    for (const record of site.inventory[list] ?? []) if (record.source.file === rel) out.set(`${kind}:${record.source.line}`, record);
  }
  return out;
}

/**
 * A table netstack does not model (subnet key/values, unrecognized tables): its cells, escaped
 * and profiled; in public output a column named like a password is left out.
 */
function rawTable(table: TableSource, prepared: Prepared): string {
  const names = table.header;
  const publicOutput = prepared.options.profile === "public";
  const kept = names.flatMap((name, i) => (publicOutput && isSecretColumn(name, names) ? [] : [i]));
  // What the table's structure says is a secret (a password column, a `| Admin password | … |` row).
  const secrets = new Map<string, string>();
  for (const f of tableSecrets(names, table.rows)) secrets.set(`${f.row}:${f.column}`, publicOutput ? REDACTED : maskSecret(f.secret));
  return renderTable({
    columns: kept.map((i) => prepared.text(names[i]!)),
    rows: table.rows.map((r, row) => ({ cells: kept.map((i) => secrets.get(`${row}:${i}`) ?? prepared.text(r[i] ?? "")) })),
  });
}

function tablePage(prepared: Prepared, site: PreparedSite, spec: (typeof TABLE_PAGES)[number]): string {
  const file = site.source.files.find((f) => f.rel === spec.file);
  let byLine: Map<string, RecordTypes[RecordKind]> | undefined;
  const renderOne = (table: TableSource): string => {
    const kind = table.kind;
    if (kind === null || kind === "subnet") return rawTable(table, prepared);
    byLine ??= recordsByLine(site, spec.file);
    const records = table.recordLines.map((line) => byLine!.get(`${kind}:${line}`)!).filter(Boolean);
    return renderTable(recordTable(kind, records as RecordTypes[typeof kind][], prepared.options.profile));
  };
  const body = file ? spliceTables(file, renderOne, (prose) => prepared.text(unlinkRelative(sanitizeProse(prose)))) : "";
  return render("site-table-page.md.hbs", {
    title: `${site.name} — ${spec.title}`,
    hasTitle: file?.hasTitle ?? false,
    body,
    present: file !== undefined,
    source: spec.file,
    code: site.code,
    yml: siteConfigTables(prepared, site, spec.yml),
  });
}

function countText(counts: [string, number][]): string {
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(", ");
}

/** `last observation 2026-05-17 10:00 UTC (2h ago); 2 undocumented, 1 not-seen`. */
export function driftLine(drift: DriftState, nowMs: number): string {
  const last = drift.lastObservation
    ? `last observation ${drift.lastObservation.slice(0, 16).replace("T", " ")} UTC (${formatAge(nowMs - Date.parse(drift.lastObservation))})`
    : "nothing observed yet";
  return `${last}; ${driftCountsText(drift.counts)}`;
}

function indexPage(current: Current, site: CurrentSite): string {
  const { digest } = site;
  const summary = renderTable({
    columns: ["What", "Count", "Details"],
    rows: [
      { cells: ["Devices", digest.active.devices, countText(digest.deviceTypes)] },
      { cells: ["Services", digest.active.services, countText(digest.serviceExposures)] },
      { cells: ["Overlay members", digest.active.overlay, ""] },
      { cells: ["Share mappings", digest.active.shares, ""] },
      { cells: ["Backup flows", digest.active.backups, ""] },
    ],
  });
  const problems = site.diagnostics.filter((d) => d.severity === "error");
  return render("site-index.md.hbs", {
    name: site.name,
    code: site.code,
    role: site.role ?? "—",
    subnet: digest.subnet ?? "—",
    summary,
    backupLine: current.text(site.backup.line),
    hasDrift: site.drift !== null,
    driftLine: site.drift ? current.text(driftLine(site.drift, current.options.nowMs)) : "",
    errorCount: problems.length,
    warningCount: site.diagnostics.length - problems.length,
    errors: renderTable({
      columns: ["Where", "Rule", "Message"],
      rows: problems.map((d) => ({ cells: [current.where(d), d.ruleId, current.text(d.message)] })),
    }),
    federation: current.options.layout === "federation",
  });
}

/** A monitor log larger than this is not shown (only its last lines would be). */
const MAX_LOG_BYTES = 4 * 1024 * 1024;

/** Output of the monitor scripts, when a site keeps it (`ops/monitor/*.log`): the last lines of each. */
function monitorOutput(current: Current, site: CurrentSite): { name: string; fence: string; text: string }[] {
  const dir = path.join(site.root, "ops/monitor");
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".log")).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    // Through the safe reader: a log that links out of the site (/proc/self/environ), a FIFO or
    // a device is not read; the page says so.
    const read = readInside(site.root, path.join(dir, name), { maxBytes: MAX_LOG_BYTES });
    const lines = read.ok ? read.text.replace(/\s+$/, "").split("\n").slice(-20) : [`(not shown: ${read.message})`];
    const text = current.text(plainLines(lines.join("\n")));
    let longest = 2;
    for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
    // A log's name may hold an address (`192.168.9.5.log`).
    return { name: current.text(plainText(name)), fence: "`".repeat(longest + 1), text };
  });
}

/** The admonition a backup state shows as: green when fine, orange when unknown, red when stale or failed. */
export function backupAdmonition(health: string): { admonition: "success" | "warning" | "failure"; title: string } {
  if (health === "ok") return { admonition: "success", title: "Backup OK" };
  if (health === "rotation") return { admonition: "success", title: "Backup rotation current" };
  if (health === "warn") return { admonition: "warning", title: "Backup late" };
  if (health === "stale") return { admonition: "failure", title: "Backup stale" };
  if (health === "failed") return { admonition: "failure", title: "Backup failed" };
  return { admonition: "warning", title: health === "missing" ? "No backup state" : "Backup state unreadable" };
}

function statusPage(current: Current, site: CurrentSite): string {
  const b = site.backup;
  const details = renderTable({
    columns: ["Field", "Value"],
    rows: [
      { cells: ["Health", b.health] },
      { cells: ["Last run", b.lastRun ?? "—"] },
      { cells: ["Age", b.age ?? "—"] },
      { cells: ["Status", b.status === null ? "—" : current.text(b.status)] },
      { cells: ["Items", b.items ?? "—"] },
      // A backup target is meant to be an alias; one that is an address or URL is redacted like any text.
      { cells: ["Target", b.target === null ? "—" : current.text(b.target)] },
      ...(b.size ? [{ cells: ["Size", current.text(b.size)] }] : []),
      ...(b.failure ? [{ cells: ["Failure", current.text(b.failure)] }] : []),
      { cells: ["Form", b.form === null ? "—" : b.form === "rotation" ? `rotation slot ${b.slot}` : b.form === "json" ? "JSON" : "text"] },
      ...(b.reason ? [{ cells: ["Problem", current.text(b.reason)] }] : []),
    ],
  });
  const drift = site.drift;
  return render("site-status.md.hbs", {
    name: site.name,
    line: current.text(b.line),
    ...backupAdmonition(b.health),
    asOf: new Date(current.options.nowMs).toISOString(),
    freshness: freshnessSentence(current.freshness),
    details,
    monitor: monitorOutput(current, site),
    hasDrift: drift !== null,
    driftLine: drift ? current.text(driftLine(drift, current.options.nowMs)) : "",
    driftTable: drift
      ? renderTable({
          columns: ["Finding", "Count"],
          rows: [
            { cells: ["Last observation", drift.lastObservation ?? "—"] },
            { cells: ["Checked", drift.checked] },
            ...DRIFT_KINDS.map((k) => ({ cells: [k, drift.counts[k]] })),
          ],
        })
      : "",
    // Private profile only (they are read only then): each finding names addresses.
    hasDriftFindings: site.driftFindings.length > 0,
    driftFindings: renderTable({
      columns: ["Where", "Rule", "Message"],
      rows: site.driftFindings.map((f) => ({ cells: [f.where, f.ruleId, current.text(f.message)] })),
    }),
  });
}

/** docs/<dir>{devices,services,network}.md of one site: made from its sources alone. */
export function siteTablePages(prepared: Prepared, site: PreparedSite): Map<string, string> {
  return new Map(TABLE_PAGES.map((spec) => [`${site.dir}${spec.page}.md`, tablePage(prepared, site, spec)]));
}

/** docs/<dir>{index,status}.md of one site: backup state and findings, made on every build. */
export function siteCurrentPages(current: Current, site: CurrentSite): Map<string, string> {
  return new Map([
    [`${site.dir}index.md`, indexPage(current, site)],
    [`${site.dir}status.md`, statusPage(current, site)],
  ]);
}
