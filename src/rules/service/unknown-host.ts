import type { Rule } from "../types.js";
import { atColumn } from "../report.js";
import { lookupMachine } from "../federation/sites-index.js";
import { quote } from "../sensitive/mask.js";

/**
 * A service's host names no device. `host` is looked up in the site; `site:host` in the named
 * site, which only `check` knows (lint leaves it alone; an unknown site is `federation/unknown-site`).
 * Names come from one index per federation, so a check stays linear in sites × rows.
 */
export const serviceUnknownHost: Rule = {
  id: "service/unknown-host",
  severity: "error",
  summary: "A service's host names no device (same or other site)",
  scope: "site",
  check(ctx) {
    return ctx.site.services.flatMap((entry) => {
      const host = entry.record.host;
      if (host === null) return [];
      const { result, site } = lookupMachine(ctx, host);
      if (result !== "no-device") return [];
      const where = site === ctx.site.config.code ? "this site" : `site ${site}`;
      return [atColumn(this, entry, "host", `Host ${quote(host)} names no device of ${where}`)];
    });
  },
};
