import type { Rule } from "../types.js";
import { atSiteBackups, backupGraph, siteList } from "./graph.js";

/**
 * Some site cannot push its backups to, or pull from, a site it must reach (see graph.ts for how a
 * row reads). Each site must push to and pull from `minOffsite` distinct other sites. When that is
 * every other site (3 sites and minOffsite 2: the triangle) each missing pair is named
 * ("ef cannot push backups to cd"); in a larger federation the shortfall is.
 */
export const triangleGap: Rule = {
  id: "backup/triangle-gap",
  severity: "error",
  summary: "Some site cannot push its backups to, or pull from, another site it must reach",
  scope: "federation",
  check(ctx) {
    const graph = backupGraph(ctx);
    const required = ctx.federation?.backup.minOffsite ?? 0;
    const code = ctx.site.config.code;
    const flows = graph?.flows.get(code);
    if (!graph || !flows || required === 0) return [];
    const others = graph.codes.filter((c) => c !== code);
    const messages: string[] = [];
    if (required >= others.length) {
      for (const other of others) {
        if (!flows.pushesTo.has(other)) messages.push(`${code} cannot push backups to ${other}`);
        if (!flows.pullsFrom.has(other)) messages.push(`${code} cannot pull backups from ${other}`);
      }
    } else {
      if (flows.pushesTo.size < required) messages.push(`${code} pushes backups to ${siteList(flows.pushesTo)}; it must push to at least ${required}`);
      if (flows.pullsFrom.size < required) messages.push(`${code} pulls backups from ${siteList(flows.pullsFrom)}; it must pull from at least ${required}`);
    }
    return messages.map((message) => atSiteBackups(this, ctx, message));
  },
};
