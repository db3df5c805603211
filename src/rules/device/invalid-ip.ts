import type { Diagnostic } from "../../diagnostics.js";
import type { Rule } from "../types.js";
import { atCell, withShadowed } from "../report.js";
import { cellState } from "../../inventory/cells.js";
import { quote } from "../sensitive/mask.js";

const IP_COLUMNS = ["ip", "overlay"] as const;

/** An ip or overlay cell holds text that is no IP address. */
export const invalidIp: Rule = {
  id: "device/invalid-ip",
  severity: "error",
  summary: "An ip/overlay cell is not an IP",
  scope: "site",
  check({ site }) {
    const out: Diagnostic[] = [];
    // A loop, not flatMap over ["ip", "overlay"]: a federation has a hundred thousand devices.
    for (const entry of withShadowed(site, "device")) {
      for (let c = 0; c < IP_COLUMNS.length; c++) {
        const column = IP_COLUMNS[c]!;
        const cell = entry.cells[column];
        if (!cell || entry.record[column] !== null || cellState(cell) !== "value") continue;
        out.push(atCell(this, entry.file, cell, `${quote(cell.text)} is not an IP address`));
      }
    }
    return out;
  },
};
