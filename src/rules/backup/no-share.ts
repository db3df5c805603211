import type { SiteModel } from "../../inventory/site.js";
import type { Rule } from "../types.js";
import { atColumn } from "../report.js";
import { mountKey } from "../share/mount.js";
import { quote } from "../sensitive/mask.js";

const indexes = new WeakMap<readonly SiteModel[], Set<string>>();

/** What a flow's `via` may name: a share's purpose or its mount, in any site the run knows. */
function shareNames(sites: readonly SiteModel[]): Set<string> {
  let names = indexes.get(sites);
  if (!names) {
    names = new Set();
    for (const site of sites) {
      for (const { record } of site.shares) {
        if (record.purpose) names.add(record.purpose.toLowerCase());
        if (record.mount) names.add(mountKey(record.mount).toLowerCase());
      }
    }
    indexes.set(sites, names);
  }
  return names;
}

/** A backup flow's `via` names no share mapping (by purpose or mount). */
export const noShare: Rule = {
  id: "backup/no-share",
  severity: "warn",
  summary: "A backup flow's via names no share mapping",
  scope: "site",
  check({ site, sites }) {
    const names = shareNames(sites);
    return site.backups.flatMap((entry) => {
      const via = entry.record.via;
      if (via === null || names.has(via.toLowerCase()) || names.has(mountKey(via).toLowerCase())) return [];
      return [atColumn(this, entry, "via", `Via ${quote(via)} names no share mapping (by purpose or mount)`)];
    });
  },
};
