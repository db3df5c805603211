import type { Diagnostic } from "../../diagnostics.js";
import type { Rule } from "../types.js";
import { atCell, reportedFiles } from "../report.js";
import { cellState, FREE_TEXT_COLUMNS } from "../../inventory/cells.js";
import { rowShape } from "../../inventory/tables.js";
import { isSecretColumn } from "../../sensitive/detector.js";
import { quote } from "../sensitive/mask.js";

/** What every placeholder holds (isPlaceholderText's first tests). */
const MAY_BE_PLACEHOLDER = /[?xX]/;

/** `sw1p?`, `00-11-D9-xx-xx-xx`, `x.x.x.1`: a value someone meant to fill in. It counts as absent. */
export const placeholder: Rule = {
  id: "table/placeholder",
  severity: "warn",
  summary: "A cell holds a placeholder",
  scope: "site",
  check(ctx) {
    return reportedFiles(ctx).flatMap((file) =>
      file.tables
        .filter((t) => t.kind !== null && t.kind !== "subnet")
        .flatMap(({ table, columns, layout }) => {
          // A `?` in a password column is part of a password: sensitive/secret reports it, masked.
          const headers = table.header.cells.map((c) => c.text);
          const secret = headers.map((h) => isSecretColumn(h, headers));
          // Only structured columns hold placeholders; prose and unknown columns are free text.
          const structured = columns.map((c) => c !== null && !FREE_TEXT_COLUMNS.has(c));
          // Loops, not filter/flatMap per row: this visits every cell of every table.
          const out: Diagnostic[] = [];
          for (const row of table.rows) {
            if (rowShape(row, table.header.cells.length).type !== "record") continue;
            const cells = row.cells;
            for (let i = 0; i < cells.length; i++) {
              const cell = cells[i]!;
              // A placeholder holds a `?` or an x: most cells are answered here.
              if (!structured[i] || secret[i] || !MAY_BE_PLACEHOLDER.test(cell.text)) continue;
              // Outside the layout's files a cell may be a sentence (a name with a login after it): only one-word values are judged.
              if ((layout || !/\s/.test(cell.text.trim())) && cellState(cell) === "placeholder") {
                out.push(atCell(this, file, cell, `Placeholder ${quote(cell.text)} is treated as no value; fill it in or write "na"`));
              }
            }
          }
          return out;
        }),
    );
  },
};
