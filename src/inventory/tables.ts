import type { ColumnAliases } from "../config/site.js";
import type { Cell, Row, Table } from "../markdown/types.js";
import { aliasMap, headerKey, KINDS, type RecordKind } from "./kinds.js";

/** The kinds a file's tables may be, from its name. */
export type FileRole = "devices" | "services" | "network" | "other";

export function fileRole(relPath: string): FileRole {
  const base = relPath.replace(/\\/g, "/");
  if (base === "docs/devices.md") return "devices";
  if (base === "docs/services.md") return "services";
  if (base === "docs/network.md") return "network";
  return "other";
}

/** A table read as one kind: which canonical column each header position is. */
export interface ClassifiedTable {
  table: Table;
  /** null when the table matches no kind (`table/unrecognized`), or is the subnet key/value table. */
  kind: RecordKind | "subnet" | null;
  /** Per header position: the canonical column, or null for an extra column. */
  columns: (string | null)[];
  /** Required columns the header lacks (`table/missing-column`). */
  missing: string[];
}

/** Section heading of network.md → the kind of its tables. */
function networkSectionKind(heading: string | undefined): RecordKind | "subnet" | null {
  const h = (heading ?? "").toLowerCase();
  if (h.includes("overlay")) return "overlay";
  if (h.includes("share")) return "share";
  if (h.includes("backup")) return "backup";
  if (h.includes("subnet")) return "subnet";
  return null;
}

function mapColumns(table: Table, kind: RecordKind, aliases?: ColumnAliases): (string | null)[] {
  const map = aliasMap(kind, aliases);
  const seen = new Set<string>();
  return table.header.cells.map((cell) => {
    const column = map.get(headerKey(cell.text)) ?? null;
    // A repeated header keeps the first as canonical and the rest as extra.
    if (column === null || seen.has(column)) return null;
    seen.add(column);
    return column;
  });
}

function classifyAs(table: Table, kind: RecordKind, aliases?: ColumnAliases): ClassifiedTable {
  const columns = mapColumns(table, kind, aliases);
  const missing = KINDS[kind].required.filter((c) => !columns.includes(c));
  return { table, kind, columns, missing };
}

/**
 * Decides a table's kind from its file and heading, confirmed by its header: all required
 * columns present, or at least two known columns (then the missing ones are reported).
 */
export function classifyTable(table: Table, role: FileRole, aliases?: ColumnAliases): ClassifiedTable {
  const candidates: (RecordKind | "subnet")[] = [];
  if (role === "devices") candidates.push("device");
  else if (role === "services") candidates.push("service");
  else if (role === "network") {
    const section = networkSectionKind(table.heading?.text);
    if (section) candidates.push(section);
    else candidates.push("overlay", "share", "backup");
  } else return { table, kind: null, columns: table.header.cells.map(() => null), missing: [] };

  let best: ClassifiedTable | null = null;
  let bestScore = 0;
  for (const kind of candidates) {
    if (kind === "subnet") return { table, kind: "subnet", columns: table.header.cells.map(() => null), missing: [] };
    const classified = classifyAs(table, kind, aliases);
    const known = classified.columns.filter((c) => c !== null).length;
    const score = classified.missing.length === 0 ? 100 + known : known;
    if (score > bestScore) {
      best = classified;
      bestScore = score;
    }
  }
  if (best && (best.missing.length === 0 || bestScore >= 2)) return best;
  return { table, kind: null, columns: table.header.cells.map(() => null), missing: [] };
}

export type RowShape = { type: "record" } | { type: "divider"; group: string } | { type: "skip" };

/**
 * A row whose first cell has text and every other cell is empty or dashes sets the group
 * of the rows below; a row of dashes only is skipped.
 */
export function rowShape(row: Row, headerLength: number): RowShape {
  const cells = row.cells;
  if (cells.every(blank)) return { type: "skip" };
  if (headerLength >= 2 && !blank(cells[0]) && cells.every((c, i) => i === 0 || blank(c))) {
    return { type: "divider", group: cells[0]!.text.trim() };
  }
  return RECORD;
}

const DASHES_ONLY = /^[-—–:\s]+$/;
function blank(c: Cell | undefined): boolean {
  return !c || c.text.trim() === "" || DASHES_ONLY.test(c.text);
}
/** Shared: rowShape runs for every row, more than once. */
const RECORD: RowShape = Object.freeze({ type: "record" });
