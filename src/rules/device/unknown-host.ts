import type { Rule } from "../types.js";
import { atColumn, nameKey } from "../report.js";
import { quote } from "../sensitive/mask.js";

/** A device's host (its hypervisor or parent) must be a device of the same site. */
export const unknownHost: Rule = {
  id: "device/unknown-host",
  severity: "error",
  summary: "A device's host names no device",
  scope: "site",
  check({ site }) {
    const names = new Set(site.devices.flatMap((e) => (e.record.name ? [nameKey(e.record.name)] : [])));
    return site.devices.flatMap((entry) => {
      const host = entry.record.host;
      if (host === null || names.has(nameKey(host))) return [];
      return [atColumn(this, entry, "host", `Host ${quote(host)} names no device of this site`)];
    });
  },
};
