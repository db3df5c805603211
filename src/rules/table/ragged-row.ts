import type { Rule } from "../types.js";
import { atCell, atPoint, reportedFiles } from "../report.js";

/** Every row has as many cells as its header. */
export const raggedRow: Rule = {
  id: "table/ragged-row",
  severity: "warn",
  summary: "A row has more or fewer cells than its header",
  scope: "site",
  check(ctx) {
    return reportedFiles(ctx).flatMap((file) =>
      file.tables
        .filter((t) => t.kind !== null)
        .flatMap(({ table }) => {
          const expected = table.header.cells.length;
          return table.rows
            .filter((row) => row.cells.length !== expected)
            .map((row) => {
              const message = `Row has ${row.cells.length} cell${row.cells.length === 1 ? "" : "s"}, header has ${expected}`;
              const extra = row.cells[expected];
              return extra ? atCell(this, file, extra, message) : atPoint(this, file.abs, row.span.start.line, row.span.start.column, message);
            });
        }),
    );
  },
};
