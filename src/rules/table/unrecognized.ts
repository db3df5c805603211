import type { Rule } from "../types.js";
import { atCell, reportedFiles } from "../report.js";

const EXPECTED: Record<string, string> = {
  devices: "a device table (with a Name column)",
  services: "a service table (with Service and Host columns)",
  network: "an Overlay, Share Mappings, Backup Replication or Subnet table (under that heading)",
};

/** A table in devices.md, services.md or network.md that is none of the table kinds (docs/tables.md). */
export const unrecognized: Rule = {
  id: "table/unrecognized",
  severity: "warn",
  summary: "A table in a known file matches no kind",
  scope: "site",
  check(ctx) {
    return reportedFiles(ctx)
      .filter((file) => file.role !== "other")
      .flatMap((file) =>
        file.tables
          .filter((t) => t.kind === null)
          .map((t) => atCell(this, file, t.table.header.cells[0]!, `Table matches no known kind; expected ${EXPECTED[file.role]}`)),
      );
  },
};
