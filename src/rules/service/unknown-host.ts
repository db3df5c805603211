import type { Rule } from "../types.js";
import { atColumn, nameKey, parseMachineRef } from "../report.js";
import type { SiteModel } from "../../inventory/site.js";

function deviceNames(site: SiteModel): Set<string> {
  return new Set(site.devices.flatMap((e) => (e.record.name ? [nameKey(e.record.name)] : [])));
}

/**
 * A service's host names no device. `host` is looked up in the site; `site:host` in the named
 * site, which only `check` knows (lint leaves it alone; an unknown site is `federation/unknown-site`).
 */
export const serviceUnknownHost: Rule = {
  id: "service/unknown-host",
  severity: "error",
  summary: "A service's host names no device (same or other site)",
  scope: "site",
  check({ site, sites, mode }) {
    const local = deviceNames(site);
    const others = new Map<string, Set<string>>();
    const namesOf = (code: string) => {
      if (!others.has(code)) {
        const other = sites.find((s) => s.config.code === code);
        others.set(code, other ? deviceNames(other) : new Set());
      }
      return others.get(code)!;
    };
    return site.services.flatMap((entry) => {
      const host = entry.record.host;
      if (host === null) return [];
      const ref = parseMachineRef(host);
      if (ref.site === null || ref.site === site.config.code) {
        return local.has(nameKey(ref.host)) ? [] : [atColumn(this, entry, "host", `Host "${host}" names no device of this site`)];
      }
      if (mode === "lint" || !sites.some((s) => s.config.code === ref.site)) return [];
      return namesOf(ref.site).has(nameKey(ref.host)) ? [] : [atColumn(this, entry, "host", `Host "${host}" names no device of site ${ref.site}`)];
    });
  },
};
