import type { Edit } from "../diagnostics.js";
import { parseMac } from "../inventory/cells.js";
import type { SourceFile } from "../inventory/site.js";
import { cellRange } from "../rules/sensitive/at-offset.js";

/**
 * MAC cells of the layout's device tables rewritten to the form the inventory already uses (lowercase,
 * colon-separated), so the docs read as the inventory does. Only plain cells: a MAC inside a
 * link or emphasis is left alone.
 */
export function macCaseEdits(file: SourceFile): Edit[] {
  const edits: Edit[] = [];
  // Only tables read by the layout's rule (docs/devices.md …): tables found elsewhere stay as the operator wrote them.
  for (const { table, kind, columns, layout } of file.tables) {
    const index = kind === "device" && layout ? columns.indexOf("mac") : -1;
    if (index < 0) continue;
    for (const row of table.rows) {
      const cell = row.cells[index];
      if (!cell || cell.raw !== cell.text) continue;
      const mac = parseMac(cell.raw);
      if (mac === null || mac === cell.raw) continue;
      const [start, end] = cellRange(cell);
      edits.push({ start, end, text: mac });
    }
  }
  return edits;
}
