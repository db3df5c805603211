import type { Rule } from "../types.js";
import { atSiteBackups, backupGraph, siteList } from "./graph.js";

/** A site's backups (rows From it, pushed or pulled) reach fewer than `minOffsite` distinct other sites. */
export const singlePointOfFailure: Rule = {
  id: "backup/single-point-of-failure",
  severity: "error",
  summary: "Some site's backups reach fewer than minOffsite distinct other sites",
  scope: "federation",
  check(ctx) {
    const required = ctx.federation?.backup.minOffsite ?? 0;
    const code = ctx.site.config.code;
    const flows = backupGraph(ctx)?.flows.get(code);
    if (!flows || flows.reaches.size >= required) return [];
    return [atSiteBackups(this, ctx, `${code}'s backups reach ${siteList(flows.reaches)}; minOffsite is ${required}`)];
  },
};
