import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { RecordKind } from "../../inventory/kinds.js";
import type { RecordTypes } from "../../inventory/records.js";
import type { Entry } from "../../inventory/site.js";
import type { ClassifiedTable } from "../../inventory/tables.js";
import { isSecretHeader } from "../../rules/sensitive/credentials.js";
import { recordTable } from "./columns.js";
import { renderTable } from "./escape.js";
import type { Prepared, PreparedSite } from "./prepare.js";
import { spliceTables, unlinkRelative } from "./prose.js";
import { render } from "./templates.js";

/** The per-site pages made from the site's own Markdown files. */
export const TABLE_PAGES = [
  { page: "devices", title: "Devices", file: "docs/devices.md" },
  { page: "services", title: "Services", file: "docs/services.md" },
  { page: "network", title: "Network", file: "docs/network.md" },
] as const;

const KIND_LIST = { device: "devices", service: "services", overlay: "overlay", share: "shares", backup: "backups" } as const;

/** Profiled records by the row they came from, so a re-rendered table shows what the profile allows. */
function recordsByRow(site: PreparedSite): Map<string, RecordTypes[RecordKind]> {
  const out = new Map<string, RecordTypes[RecordKind]>();
  for (const [kind, list] of Object.entries(KIND_LIST) as [RecordKind, (typeof KIND_LIST)[RecordKind]][]) {
    for (const record of site.inventory[list]) out.set(`${kind}:${record.source.file}:${record.source.line}`, record);
  }
  return out;
}

/**
 * A table netstack does not model (subnet key/values, unrecognized tables): its cells, escaped
 * and profiled; in public output a column named like a password is left out.
 */
function rawTable(classified: ClassifiedTable, prepared: Prepared): string {
  const { header, rows } = classified.table;
  const names = header.cells.map((c) => c.text);
  const kept = names.flatMap((name, i) => (prepared.options.profile === "public" && isSecretHeader(name, names) ? [] : [i]));
  return renderTable({
    columns: kept.map((i) => prepared.text(names[i]!)),
    rows: rows.map((r) => ({ cells: kept.map((i) => prepared.text(r.cells[i]?.text ?? "")) })),
  });
}

function tablePage(prepared: Prepared, site: PreparedSite, spec: (typeof TABLE_PAGES)[number]): string {
  const file = site.model.files.find((f) => f.rel === spec.file);
  const byRow = recordsByRow(site);
  const entries = [...site.model.devices, ...site.model.services, ...site.model.overlay, ...site.model.shares, ...site.model.backups] as Entry[];
  const renderOne = (classified: ClassifiedTable): string => {
    const kind = classified.kind;
    if (kind === null || kind === "subnet") return rawTable(classified, prepared);
    const records = entries
      .filter((e) => e.table === classified)
      .map((e) => byRow.get(`${kind}:${e.record.source.file}:${e.record.source.line}`)!)
      .filter(Boolean);
    return renderTable(recordTable(kind, records as RecordTypes[typeof kind][], prepared.options.profile));
  };
  const body = file ? spliceTables(file, renderOne, (prose) => prepared.text(unlinkRelative(prose))) : "";
  return render("site-table-page.md.hbs", {
    title: `${site.name} — ${spec.title}`,
    hasTitle: file?.doc.headings.some((h) => h.depth === 1) ?? false,
    body,
    present: file !== undefined,
    source: spec.file,
    code: site.code,
  });
}

function countBy(values: (string | null)[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v ?? "untyped", (counts.get(v ?? "untyped") ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(", ");
}

/** Active devices of a site by node type: `compute 4, storage 2`. */
export function devicesByType(site: PreparedSite): string {
  return countBy(site.inventory.devices.filter((d) => d.status !== "retired").map((d) => d.type));
}

function indexPage(prepared: Prepared, site: PreparedSite): string {
  const inv = site.inventory;
  const active = <T extends { status: string }>(list: T[]) => list.filter((r) => r.status !== "retired").length;
  const summary = renderTable({
    columns: ["What", "Count", "Details"],
    rows: [
      { cells: ["Devices", active(inv.devices), devicesByType(site)] },
      { cells: ["Services", active(inv.services), countBy(inv.services.filter((s) => s.status !== "retired").map((s) => s.exposure))] },
      { cells: ["Overlay members", active(inv.overlay), ""] },
      { cells: ["Share mappings", active(inv.shares), ""] },
      { cells: ["Backup flows", active(inv.backups), ""] },
    ],
  });
  const problems = site.diagnostics.filter((d) => d.severity === "error");
  return render("site-index.md.hbs", {
    name: site.name,
    code: site.code,
    role: site.role ?? "—",
    subnet: inv.subnet ?? "—",
    summary,
    backupLine: site.backup.line,
    errorCount: problems.length,
    warningCount: site.diagnostics.length - problems.length,
    errors: renderTable({
      columns: ["Where", "Rule", "Message"],
      rows: problems.map((d) => ({ cells: [prepared.where(d), d.ruleId, prepared.text(d.message)] })),
    }),
    federation: prepared.options.layout === "federation",
  });
}

/** Output of the monitor scripts, when a site keeps it (`ops/monitor/*.log`): the last lines of each. */
function monitorOutput(prepared: Prepared, site: PreparedSite): { name: string; fence: string; text: string }[] {
  const dir = path.join(site.model.root, "ops/monitor");
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".log")).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const lines = readFileSync(path.join(dir, name), "utf8").replace(/\s+$/, "").split("\n").slice(-20);
    const text = prepared.text(lines.join("\n"));
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    return { name, fence: "`".repeat(longest + 1), text };
  });
}

function statusPage(prepared: Prepared, site: PreparedSite): string {
  const b = site.backup;
  const details = renderTable({
    columns: ["Field", "Value"],
    rows: [
      { cells: ["Health", b.health] },
      { cells: ["Last run", b.lastRun ?? "—"] },
      { cells: ["Age", b.age ?? "—"] },
      { cells: ["Status", b.status ?? "—"] },
      { cells: ["Items", b.items ?? "—"] },
      { cells: ["Target", b.target ?? "—"] },
      { cells: ["Form", b.health === "missing" || b.health === "unreadable" ? "—" : b.legacy ? "legacy 0/1" : "JSON"] },
      ...(b.reason ? [{ cells: ["Problem", b.reason] }] : []),
    ],
  });
  return render("site-status.md.hbs", {
    name: site.name,
    line: prepared.text(b.line),
    asOf: new Date(prepared.options.nowMs).toISOString(),
    maxAge: prepared.maxAge,
    details,
    monitor: monitorOutput(prepared, site),
  });
}

/** docs/<dir>{index,devices,services,network,status}.md of one site. */
export function sitePages(prepared: Prepared, site: PreparedSite): Map<string, string> {
  const pages = new Map<string, string>();
  pages.set(`${site.dir}index.md`, indexPage(prepared, site));
  for (const spec of TABLE_PAGES) pages.set(`${site.dir}${spec.page}.md`, tablePage(prepared, site, spec));
  pages.set(`${site.dir}status.md`, statusPage(prepared, site));
  return pages;
}
