import type { Rule } from "../types.js";
import { atColumn } from "../report.js";
import { closeSiteCode, declaredSites } from "../federation/sites-index.js";
import { flowSite } from "./graph.js";
import { quote } from "../sensitive/mask.js";

/** A backup flow's From or To names a site federation.yaml does not declare (check of a federation only). */
export const backupUnknownSite: Rule = {
  id: "backup/unknown-site",
  severity: "error",
  summary: "A backup flow names a site not in the federation",
  scope: "federation",
  check(ctx) {
    const known = declaredSites(ctx);
    if (!known) return [];
    return ctx.site.backups.flatMap((entry) =>
      (["from", "to"] as const).flatMap((column) => {
        const value = entry.record[column];
        if (value === null || known.has(flowSite(value))) return [];
        const hint = closeSiteCode(flowSite(value), known);
        return [atColumn(this, entry, column, `Site ${quote(value)} is not in the federation${hint ? `; did you mean "${hint}"?` : ""}`)];
      }),
    );
  },
};
