import type { Rule } from "../types.js";
import { atRow } from "../report.js";
import { atSiteBackups, backupGraph, siteList } from "./graph.js";

/**
 * For a tier on a site's rows (From that site), its push flows of that tier reach fewer distinct other
 * sites than `backup.tiers.<tier>` requires. Tiers federation.yaml does not list require nothing.
 */
export const tierCoverage: Rule = {
  id: "backup/tier-coverage",
  severity: "error",
  summary: "A site's push flows of a tier reach fewer sites than the tier requires",
  scope: "federation",
  check(ctx) {
    const tiers = ctx.federation?.backup.tiers ?? {};
    const code = ctx.site.config.code;
    const flows = backupGraph(ctx)?.flows.get(code);
    if (!flows) return [];
    return [...flows.tiers].flatMap(([tier, row]) => {
      const required = tiers[tier];
      const reached = flows.tierPushes.get(tier) ?? new Set<string>();
      if (required === undefined || reached.size >= required) return [];
      const message = `${code} pushes ${tier} backups to ${siteList(reached)}; tier ${tier} needs ${required}`;
      return [row ? atRow(this, row, message) : atSiteBackups(this, ctx, message)];
    });
  },
};
