import type { Rule } from "../types.js";
import { atCell, withShadowed } from "../report.js";
import { cellState } from "../../inventory/cells.js";
import { quote } from "../sensitive/mask.js";

/** An ip or overlay cell holds text that is no IP address. */
export const invalidIp: Rule = {
  id: "device/invalid-ip",
  severity: "error",
  summary: "An ip/overlay cell is not an IP",
  scope: "site",
  check({ site }) {
    return withShadowed(site, "device").flatMap((entry) =>
      (["ip", "overlay"] as const).flatMap((column) => {
        const cell = entry.cells[column];
        if (!cell || cellState(cell) !== "value" || entry.record[column] !== null) return [];
        return [atCell(this, entry.file, cell, `${quote(cell.text)} is not an IP address`)];
      }),
    );
  },
};
