import type { Rule } from "../types.js";
import { atColumn } from "../report.js";
import { didYouMean } from "../../diagnostics.js";
import { NODE_TYPES } from "../../inventory/kinds.js";


/** A device's type is not a node type. */
export const unknownType: Rule = {
  id: "device/unknown-type",
  severity: "warn",
  summary: "type is not a known node type",
  scope: "site",
  check({ site }) {
    return site.devices.flatMap((entry) => {
      const type = entry.record.type;
      if (type === null || (NODE_TYPES as readonly string[]).includes(type)) return [];
      const hint = didYouMean(type, NODE_TYPES);
      return [atColumn(this, entry, "type", `Unknown node type "${type}"${hint ? `; did you mean "${hint}"?` : ""} (known: ${NODE_TYPES.join(", ")})`)];
    });
  },
};
