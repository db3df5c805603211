import { backupDiagram, backupGaps, coverage, federationFlows } from "./backup-graph.js";
import { link, renderTable } from "./escape.js";
import { freshnessSentence, type Current, type CurrentSite, type Prepared, type SiteSummary } from "./prepare.js";
import { render } from "./templates.js";
import { DRIFT_KINDS } from "../../status/drift-state.js";

const TRUSTED_FIRST = new Set([0]);

/** Node types in their documented order, then any others a site uses. */
const NODE_TYPES = ["compute", "storage", "gateway", "dev", "workstation", "switch", "media", "iot", "other"];


function typesTable(sites: readonly SiteSummary[]): string {
  const counts = sites.map((s) => new Map(s.digest.deviceTypes));
  const used = new Set(sites.flatMap((s) => s.digest.deviceTypes.map(([type]) => type)));
  const types = [...NODE_TYPES.filter((t) => used.has(t)), ...[...used].filter((t) => !NODE_TYPES.includes(t)).sort()];
  const total = (type: string) => counts.reduce((n, c) => n + (c.get(type) ?? 0), 0);
  return renderTable({
    columns: ["Site", ...types, "Total"],
    rows: [
      ...sites.map((s, i) => ({ cells: [link(s.code, `sites/${s.code}/devices.md`), ...types.map((t) => counts[i]!.get(t) ?? 0), s.digest.active.devices] })),
      { cells: ["**Total**", ...types.map(total), sites.reduce((n, s) => n + s.digest.active.devices, 0)] },
    ],
    trusted: TRUSTED_FIRST,
  });
}

/** The federation's index.md: it shows backup ages and open findings, so it is made on every build. */
export function federationIndexPage(current: Current): string {
  const { sites } = current;
  const errorsOf = (list: { severity: string }[]) => list.filter((d) => d.severity === "error").length;
  const rows = sites.map((s) => ({
    cells: [
      link(s.code, `sites/${s.code}/index.md`),
      s.name,
      s.role,
      s.digest.active.devices,
      s.digest.active.services,
      // One column for the backup: its age and its health (the index must fit a 1280 px screen).
      s.backup.age ? `${s.backup.age} · ${s.backup.health}` : s.backup.health,
      errorsOf(s.diagnostics),
    ],
  }));
  const totals = {
    cells: [
      "**Total**",
      `${sites.length} sites`,
      "",
      sites.reduce((n, s) => n + s.digest.active.devices, 0),
      sites.reduce((n, s) => n + s.digest.active.services, 0),
      `${sites.filter((s) => s.backup.health !== "ok").length} to check`,
      errorsOf(current.diagnostics),
    ],
  };
  const errors = current.diagnostics.filter((d) => d.severity === "error");
  const drifted = sites.filter((s) => s.drift !== null);
  return render("index.md.hbs", {
    hasDrift: drifted.length > 0,
    driftTable: renderTable({
      columns: ["Site", "Last observation", ...DRIFT_KINDS.map((k) => k.slice("drift/".length))],
      rows: drifted.map((s) => ({
        cells: [link(s.code, `sites/${s.code}/status.md`), s.drift!.lastObservation?.slice(0, 16).replace("T", " ") ?? "—", ...DRIFT_KINDS.map((k) => s.drift!.counts[k])],
      })),
      trusted: TRUSTED_FIRST,
    }),
    name: current.name,
    siteCount: sites.length,
    sitesTable: renderTable({
      columns: ["Site", "Name", "Role", "Devices", "Services", "Backup", "Errors"],
      rows: [...rows, totals],
      trusted: TRUSTED_FIRST,
    }),
    typesTable: typesTable(sites),
    asOf: new Date(current.options.nowMs).toISOString(),
    freshness: freshnessSentence(current.freshness),
    backupTable: renderTable({
      columns: ["Site", "Status"],
      rows: sites.map((s) => ({ cells: [link(s.code, `sites/${s.code}/status.md`), current.text(s.backup.line)] })),
      trusted: TRUSTED_FIRST,
    }),
    errorCount: errors.length,
    warningCount: current.diagnostics.length - errors.length,
    errorsTable: renderTable({
      columns: ["Where", "Rule", "Message"],
      rows: errors.map((d) => ({ cells: [current.where(d), d.ruleId, current.text(d.message)] })),
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
    sharesTable: renderTable({ columns: ["Site", "Source", "Target", "Mount", "Purpose", "Transport", "Status"], rows: shares, nowrap: new Set([3]) }),
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

/** backup.md and inventory.md of a federation: made from its sources alone (index.md is not). */
export function federationPages(prepared: Prepared): Map<string, string> {
  return new Map([
    ["backup.md", backupPage(prepared)],
    ["inventory.md", inventoryPage(prepared)],
  ]);
}
