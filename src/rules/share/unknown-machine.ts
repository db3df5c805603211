import type { Rule } from "../types.js";
import { atColumn } from "../report.js";
import { lookupMachine } from "../federation/sites-index.js";
import { quote } from "../sensitive/mask.js";

const COLUMNS = [
  ["sourceHost", "Source"],
  ["targetHost", "Target"],
] as const;

/**
 * A share's source or target names no device. `host` is looked up in the site, `site:host` in the
 * named site (by `check` only; an undeclared site is `federation/unknown-site`).
 */
export const shareUnknownMachine: Rule = {
  id: "share/unknown-machine",
  severity: "error",
  summary: "A share's source or target names no device",
  scope: "site",
  check(ctx) {
    return ctx.site.shares.flatMap((entry) =>
      COLUMNS.flatMap(([column, label]) => {
        const ref = entry.record[column];
        if (ref === null) return [];
        const { result, site } = lookupMachine(ctx, ref);
        if (result !== "no-device") return [];
        const where = site === ctx.site.config.code ? "this site" : `site ${site}`;
        return [atColumn(this, entry, column, `${label} ${quote(ref)} names no device of ${where}`)];
      }),
    );
  },
};
