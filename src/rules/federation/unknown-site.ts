import type { Diagnostic } from "../../diagnostics.js";
import type { Entry } from "../../inventory/site.js";
import type { Rule } from "../types.js";
import { atColumn, parseMachineRef } from "../report.js";
import { closeSiteCode, declaredSites } from "./sites-index.js";
import { quote } from "../sensitive/mask.js";

/** The columns that hold machine references (`host` or `site:host`), per record kind. */
const REFERENCES = { devices: ["host"], services: ["host"], overlay: ["node"], shares: ["sourceHost", "targetHost"] } as const;

/** A `site:host` reference names a site federation.yaml does not declare (check of a federation only). */
export const unknownSite: Rule = {
  id: "federation/unknown-site",
  severity: "error",
  summary: "A site:host reference names no site",
  scope: "federation",
  check(ctx) {
    const known = declaredSites(ctx);
    if (!known) return [];
    const out: Diagnostic[] = [];
    // Loops, not nested flatMaps: every device of a large federation passes here.
    for (const list of Object.keys(REFERENCES) as (keyof typeof REFERENCES)[]) {
      for (const entry of ctx.site[list] as Entry[]) {
        for (const column of REFERENCES[list]) {
          const value = (entry.record as unknown as Record<string, string | null>)[column];
          // A reference names a site only as `site:host`.
          if (value === null || value === undefined || !value.includes(":")) continue;
          const ref = parseMachineRef(value);
          if (!ref.site || known.has(ref.site)) continue;
          const hint = closeSiteCode(ref.site, known);
          out.push(atColumn(this, entry, column, `${quote(value)} names site ${ref.site}, which is not in the federation${hint ? `; did you mean "${hint}:${ref.host}"?` : ""}`));
        }
      }
    }
    return out;
  },
};
