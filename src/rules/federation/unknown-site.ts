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
    return (Object.keys(REFERENCES) as (keyof typeof REFERENCES)[]).flatMap((list) =>
      (ctx.site[list] as Entry[]).flatMap((entry) =>
        REFERENCES[list].flatMap((column) => {
          const value = (entry.record as unknown as Record<string, string | null>)[column];
          const ref = value === null || value === undefined ? null : parseMachineRef(value);
          if (!ref?.site || known.has(ref.site)) return [];
          const hint = closeSiteCode(ref.site, known);
          return [atColumn(this, entry, column, `${quote(value)} names site ${ref.site}, which is not in the federation${hint ? `; did you mean "${hint}:${ref.host}"?` : ""}`)];
        }),
      ),
    );
  },
};
