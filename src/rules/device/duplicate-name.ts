import type { Diagnostic } from "../../diagnostics.js";
import type { Rule } from "../types.js";
import type { Entry } from "../../inventory/site.js";
import { atColumn, isActive, nameKey, placeOf, sameMachine } from "../report.js";
import { quote } from "../sensitive/mask.js";

/** Two active devices of a site share a name. */
export const duplicateName: Rule = {
  id: "device/duplicate-name",
  severity: "error",
  summary: "Two active devices of a site share a name",
  scope: "site",
  check({ site }) {
    const first = new Map<string, Entry<"device">>();
    // A loop, not flatMap: every device of a site passes here.
    const out: Diagnostic[] = [];
    for (const entry of site.devices) {
      const name = entry.record.name;
      if (name === null || !isActive(entry)) continue;
      const key = nameKey(name);
      const seen = first.get(key);
      if (seen === undefined) {
        first.set(key, entry);
        continue;
      }
      if (sameMachine(seen, entry)) continue;
      out.push(atColumn(this, entry, "name", `Device name ${quote(name)} is already used on ${placeOf(seen, entry)}`));
    }
    return out;
  },
};
