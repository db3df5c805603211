import { backupDiagram, backupGaps, coverage, federationFlows } from "./backup-graph.js";
import { link, renderTable } from "./escape.js";
import type { Prepared } from "./prepare.js";
import { render } from "./templates.js";

const TRUSTED_FIRST = new Set([0]);

/** Node types in the order of SPEC §2, then any others a site uses. */
const NODE_TYPES = ["compute", "storage", "gateway", "dev", "workstation", "switch", "media", "iot", "other"];

function typesTable(prepared: Prepared): string {
  const activeDevices = prepared.sites.map((s) => s.inventory.devices.filter((d) => d.status !== "retired"));
  const used = new Set(activeDevices.flat().map((d) => d.type ?? "untyped"));
  const types = [...NODE_TYPES.filter((t) => used.has(t)), ...[...used].filter((t) => !NODE_TYPES.includes(t)).sort()];
  const count = (devices: { type: string | null }[], type: string) => devices.filter((d) => (d.type ?? "untyped") === type).length;
  return renderTable({
    columns: ["Site", ...types, "Total"],
    rows: [
      ...prepared.sites.map((s, i) => ({ cells: [link(s.code, `sites/${s.code}/devices.md`), ...types.map((t) => count(activeDevices[i]!, t)), activeDevices[i]!.length] })),
      { cells: ["**Total**", ...types.map((t) => count(activeDevices.flat(), t)), activeDevices.flat().length] },
    ],
    trusted: TRUSTED_FIRST,
  });
}

function indexPage(prepared: Prepared): string {
  const { sites } = prepared;
  const active = <T extends { status: string }>(list: T[]) => list.filter((r) => r.status !== "retired").length;
  const errorsOf = (list: { severity: string }[]) => list.filter((d) => d.severity === "error").length;
  const rows = sites.map((s) => ({
    cells: [
      link(s.code, `sites/${s.code}/index.md`),
      s.name,
      s.role,
      active(s.inventory.devices),
      active(s.inventory.services),
      s.backup.age ?? "—",
      s.backup.health,
      errorsOf(s.diagnostics),
    ],
  }));
  const totals = {
    cells: [
      "**Total**",
      `${sites.length} sites`,
      "",
      sites.reduce((n, s) => n + active(s.inventory.devices), 0),
      sites.reduce((n, s) => n + active(s.inventory.services), 0),
      "",
      `${sites.filter((s) => s.backup.health !== "ok").length} to check`,
      errorsOf(prepared.input.diagnostics),
    ],
  };
  const errors = prepared.input.diagnostics.filter((d) => d.severity === "error");
  return render("index.md.hbs", {
    name: prepared.input.name,
    siteCount: sites.length,
    sitesTable: renderTable({
      columns: ["Site", "Name", "Role", "Devices", "Services", "Last backup", "Backup", "Errors"],
      rows: [...rows, totals],
      trusted: TRUSTED_FIRST,
    }),
    typesTable: typesTable(prepared),
    asOf: new Date(prepared.options.nowMs).toISOString(),
    maxAge: prepared.maxAge,
    backupTable: renderTable({
      columns: ["Site", "Status"],
      rows: sites.map((s) => ({ cells: [link(s.code, `sites/${s.code}/status.md`), prepared.text(s.backup.line)] })),
      trusted: TRUSTED_FIRST,
    }),
    errorCount: errors.length,
    warningCount: prepared.input.diagnostics.length - errors.length,
    errorsTable: renderTable({
      columns: ["Where", "Rule", "Message"],
      rows: errors.map((d) => ({ cells: [prepared.where(d), d.ruleId, prepared.text(d.message)] })),
    }),
  });
}

function backupPage(prepared: Prepared): string {
  const codes = prepared.sites.map((s) => s.code);
  const flows = federationFlows(prepared.inventory.sites);
  const gaps = backupGaps(codes, flows, prepared.minOffsite);
  const diagram = backupDiagram(prepared.sites, flows, gaps);
  const tiers = [...new Set([...Object.keys(prepared.tiers), ...flows.flatMap((f) => (f.tier ? [f.tier] : []))])].sort();
  const matrix = (tier: string | null, needed: number) => {
    const cells = coverage(codes, flows, tier);
    return renderTable({
      columns: ["From \\ To", ...codes, "Reaches", "Needs"],
      rows: codes.map((from) => {
        const row = cells.get(from)!;
        const reached = codes.filter((to) => to !== from && row.get(to)).length;
        const uses = tier === null || flows.some((f) => f.from === from && f.tier === tier);
        const short = uses && reached < needed;
        return { cells: [from, ...codes.map((to) => (to === from ? "·" : row.get(to) || "")), `${reached}${short ? " ✗" : ""}`, uses ? needed : "—"] };
      }),
    });
  };
  const shares = prepared.sites.flatMap((s) =>
    s.inventory.shares.map((sh) => ({ cells: [s.code, sh.sourceHost, sh.targetHost, sh.mount, sh.purpose, sh.transport, sh.status] })),
  );
  return render("backup.md.hbs", {
    diagram,
    hasDiagram: diagram !== null,
    flowCount: flows.length,
    gapCount: gaps.length,
    gapsTable: renderTable({
      columns: ["Site", "To", "Missing"],
      rows: gaps.map((g) => ({ cells: [g.from, g.to ?? "any other site", g.missing] })),
    }),
    minOffsite: prepared.minOffsite,
    overall: matrix(null, prepared.minOffsite),
    tiers: tiers.map((tier) => ({ tier, needed: prepared.tiers[tier] ?? 0, table: matrix(tier, prepared.tiers[tier] ?? 0) })),
    sharesTable: renderTable({ columns: ["Site", "Source", "Target", "Mount", "Purpose", "Transport", "Status"], rows: shares }),
  });
}

function inventoryPage(prepared: Prepared): string {
  const rows = prepared.sites.flatMap((s) =>
    s.inventory.devices.map((d) => ({ cells: [link(s.code, `sites/${s.code}/devices.md`), d.name, d.type, d.role, d.location, d.status] })),
  );
  return render("inventory.md.hbs", {
    sites: prepared.sites.map((s) => ({ code: s.code, name: s.name, href: `sites/${s.code}/index.md` })),
    deviceCount: rows.length,
    devicesTable: renderTable({ columns: ["Site", "Name", "Type", "Role", "Location", "Status"], rows, trusted: TRUSTED_FIRST }),
  });
}

/** index.md, backup.md and inventory.md of a federation. */
export function federationPages(prepared: Prepared): Map<string, string> {
  return new Map([
    ["index.md", indexPage(prepared)],
    ["backup.md", backupPage(prepared)],
    ["inventory.md", inventoryPage(prepared)],
  ]);
}
