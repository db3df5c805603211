import type { Rule } from "../types.js";
import { atCell, withShadowed } from "../report.js";
import { cellState } from "../../inventory/cells.js";
import { quote } from "../sensitive/mask.js";

/** A mac cell holds text that is no MAC address. */
export const invalidMac: Rule = {
  id: "device/invalid-mac",
  severity: "error",
  summary: "A mac cell is not a MAC",
  scope: "site",
  check({ site }) {
    return withShadowed(site, "device").flatMap((entry) => {
      const cell = entry.cells.mac;
      if (!cell || cellState(cell) !== "value" || entry.record.mac !== null) return [];
      return [atCell(this, entry.file, cell, `${quote(cell.text)} is not a MAC address (expected six hex pairs, e.g. aa:bb:cc:dd:ee:ff)`)];
    });
  },
};
