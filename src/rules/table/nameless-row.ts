import type { Rule } from "../types.js";
import { atRow } from "../report.js";
import { isPlaceholderText } from "../../inventory/cells.js";

/**
 * A device row with no name (`| | 192.168.77.12 | 6e:41:… |`). It is kept, shown by its address,
 * and left out of the exports that need a name (Ansible, NetBox); name it to have it everywhere.
 * A placeholder name (`TIVO-xxx`) is `table/placeholder`'s finding, not this one.
 */
export const namelessRow: Rule = {
  id: "table/nameless-row",
  severity: "warn",
  summary: "A device row has no name",
  scope: "site",
  check({ site }) {
    return site.devices
      .filter((entry) => entry.record.name === null && !(entry.cells.name && isPlaceholderText(entry.cells.name.text)))
      .map((entry) => {
        const shown = entry.record.ip ?? entry.record.mac ?? null;
        return atRow(this, entry, `Device row has no name${shown ? ` (shown as ${shown})` : ""}; it is left out of exports that need a name (ansible, netbox)`);
      });
  },
};
