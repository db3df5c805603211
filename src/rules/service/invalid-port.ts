import type { Rule } from "../types.js";
import { atCell, withShadowed } from "../report.js";
import { cellState } from "../../inventory/cells.js";
import { quote } from "../sensitive/mask.js";

/** A service port is an integer 1–65535. */
export const invalidPort: Rule = {
  id: "service/invalid-port",
  severity: "error",
  summary: "port not an integer 1–65535",
  scope: "site",
  check({ site }) {
    return withShadowed(site, "service").flatMap((entry) => {
      const cell = entry.cells.port;
      if (!cell || cellState(cell) !== "value" || entry.record.port !== null) return [];
      return [atCell(this, entry.file, cell, `Port ${quote(cell.text)} is not an integer from 1 to 65535`)];
    });
  },
};
