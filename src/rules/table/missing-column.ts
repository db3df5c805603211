import type { Rule } from "../types.js";
import { atCell, reportedFiles } from "../report.js";
import { KINDS } from "../../inventory/kinds.js";

const NAMES: Record<string, string> = { sourceHost: "source", targetHost: "target" };

/** A table of a known kind must have its required columns (docs/tables.md). */
export const missingColumn: Rule = {
  id: "table/missing-column",
  severity: "error",
  summary: "A table of a known kind lacks a required column",
  scope: "site",
  check(ctx) {
    return reportedFiles(ctx).flatMap((file) =>
      file.tables
        .filter((t) => t.kind !== null && t.kind !== "subnet" && t.missing.length > 0)
        .map((t) => {
          const names = t.missing.map((c) => `"${NAMES[c] ?? c}"`).join(", ");
          const aliases = t.missing.map((c) => KINDS[t.kind as keyof typeof KINDS].columns[c]!.join(", ")).join("; ");
          return atCell(this, file, t.table.header.cells[0]!, `${t.kind} table has no ${names} column (accepted headers: ${aliases})`);
        }),
    );
  },
};
