import type { Diagnostic } from "../../diagnostics.js";
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
    // Loops, not flatMap: every device of a site passes here, twice.
    const names = new Set<string>();
    for (const e of site.devices) if (e.record.name) names.add(nameKey(e.record.name));
    const out: Diagnostic[] = [];
    for (const entry of site.devices) {
      const host = entry.record.host;
      if (host === null || names.has(nameKey(host))) continue;
      out.push(atColumn(this, entry, "host", `Host ${quote(host)} names no device of this site`));
    }
    return out;
  },
};
