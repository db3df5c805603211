import type { Entry, SiteModel } from "../../inventory/site.js";
import { atPoint, parseMachineRef } from "../report.js";
import type { Rule, RuleContext } from "../types.js";
import type { Diagnostic } from "../../diagnostics.js";

/**
 * How a Backup Replication row reads — the one place this is decided:
 *
 * - `From` is the site whose data is copied, `To` the site that keeps the copy,
 *   `Mode` says which side starts the job.
 * - `push`: From starts it, so **From pushes its backups to To**.
 * - `pull`: To starts it, so **To pulls backups from From**.
 *   (`cf → sl pull`, written in cf's or sl's table, is sl pulling from cf.)
 * - A mode naming both (`push/pull`, `sync`, `both`) counts as both; any other mode counts as neither.
 * - Either way, From's backups **reach** To: `single-point-of-failure` counts those.
 *
 * A row's ends are site codes (`cf`; `cf:cfnas` counts as `cf`). Flows are taken from every loaded
 * site's table, so a job documented at either end counts; retired rows, rows within one site and rows
 * naming undeclared sites (`backup/unknown-site`) count for nothing.
 */
export interface SiteFlows {
  pushesTo: Set<string>;
  pullsFrom: Set<string>;
  reaches: Set<string>;
  /** Tier → the sites this site pushes that tier to. */
  tierPushes: Map<string, Set<string>>;
  /** Tiers named on rows whose From is this site, with the first such row in the site's own tables. */
  tiers: Map<string, Entry<"backup"> | null>;
}

export interface BackupGraph {
  /** Declared site codes in federation.yaml order. */
  codes: string[];
  flows: Map<string, SiteFlows>;
}

export function flowSite(value: string): string {
  const ref = parseMachineRef(value);
  return (ref.site ?? ref.host).toLowerCase();
}

export function modeOf(mode: string | null): { push: boolean; pull: boolean } {
  const m = (mode ?? "").toLowerCase();
  const both = /\b(sync|both|two-way|bidirectional)\b/.test(m);
  return { push: both || /\bpush\b/.test(m), pull: both || /\bpull\b/.test(m) };
}

const graphs = new WeakMap<readonly SiteModel[], BackupGraph>();

/** The federation's backup graph, built once over every site's rows; null without a federation. */
export function backupGraph(ctx: RuleContext): BackupGraph | null {
  if (!ctx.federation) return null;
  const cached = graphs.get(ctx.sites);
  if (cached) return cached;
  const codes = [...new Set(ctx.federation.sites.map((s) => s.code))];
  const flows = new Map<string, SiteFlows>(
    codes.map((code) => [code, { pushesTo: new Set(), pullsFrom: new Set(), reaches: new Set(), tierPushes: new Map(), tiers: new Map() }]),
  );
  for (const site of ctx.sites) {
    for (const entry of site.backups) {
      const { from, to, mode, tier, status } = entry.record;
      if (status === "retired" || from === null || to === null) continue;
      const a = flowSite(from);
      const b = flowSite(to);
      const source = flows.get(a);
      const keeper = flows.get(b);
      if (!source || !keeper || a === b) continue;
      const { push, pull } = modeOf(mode);
      source.reaches.add(b);
      if (push) source.pushesTo.add(b);
      if (pull) keeper.pullsFrom.add(a);
      if (tier !== null) {
        if (push) source.tierPushes.set(tier, (source.tierPushes.get(tier) ?? new Set()).add(b));
        const own = site.config.code === a ? entry : null;
        if (!source.tiers.get(tier)) source.tiers.set(tier, own);
      }
    }
  }
  const graph = { codes, flows };
  graphs.set(ctx.sites, graph);
  return graph;
}

/**
 * Where a finding about a site's backups points: the header of its Backup Replication table,
 * or its entry in federation.yaml when it has no such table.
 */
export function atSiteBackups(rule: Rule, ctx: RuleContext, message: string): Diagnostic {
  for (const file of ctx.site.files) {
    const table = file.tables.find((t) => t.kind === "backup");
    if (table) return atPoint(rule, file.abs, table.table.span.start.line, table.table.span.start.column, message);
  }
  const entry = ctx.entries?.find((e) => e.site === ctx.site) ?? ctx.entries?.find((e) => e.code === ctx.site.config.code);
  if (entry && ctx.federationFile) return atPoint(rule, ctx.federationFile, entry.line, entry.column, message);
  return atPoint(rule, ctx.site.root, 1, 1, message);
}

/** "2 other sites (cf, wf)", "no other site". */
export function siteList(codes: Iterable<string>): string {
  const list = [...codes];
  if (list.length === 0) return "no other site";
  return `${list.length} other site${list.length === 1 ? "" : "s"} (${list.join(", ")})`;
}
