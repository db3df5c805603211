import type { Rule } from "../types.js";
import { atCell } from "../report.js";
import { cellState, FREE_TEXT_COLUMNS } from "../../inventory/cells.js";
import { rowShape } from "../../inventory/tables.js";
import { isSecretHeader } from "../sensitive/credentials.js";

/** `sw1p?`, `00-11-D9-xx-xx-xx`, `x.x.x.1`: a value someone meant to fill in. It counts as absent. */
export const placeholder: Rule = {
  id: "table/placeholder",
  severity: "warn",
  summary: "A cell holds a placeholder",
  scope: "site",
  check({ site }) {
    return site.files.flatMap((file) =>
      file.tables
        .filter((t) => t.kind !== null && t.kind !== "subnet")
        .flatMap(({ table, columns }) => {
          // A `?` in a password column is part of a password: sensitive/secret reports it, masked.
          const headers = table.header.cells.map((c) => c.text);
          const secret = headers.map((h) => isSecretHeader(h, headers));
          // Only structured columns hold placeholders; prose and unknown columns are free text.
          const structured = columns.map((c) => c !== null && !FREE_TEXT_COLUMNS.has(c));
          return table.rows
            .filter((row) => rowShape(row, table.header.cells.length).type === "record")
            .flatMap((row) =>
              row.cells
                .filter((cell, i) => structured[i] && !secret[i] && cellState(cell) === "placeholder")
                .map((cell) => atCell(this, file, cell, `Placeholder "${cell.text}" is treated as no value; fill it in or write "na"`)),
            );
        }),
    );
  },
};
