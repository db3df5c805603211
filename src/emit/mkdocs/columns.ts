import { KINDS, type RecordKind } from "../../inventory/kinds.js";
import type { RecordTypes } from "../../inventory/records.js";
import type { Profile } from "../../rules/types.js";
import type { MarkdownTable } from "./escape.js";

interface Column {
  key: string;
  title: string;
  /** Addresses: dropped from public pages. */
  sensitive?: boolean;
}

/** Titles that are not the key capitalized; the overlay table names both of its addresses. */
const TITLES: Record<string, string> = { ip: "IP", mac: "MAC", url: "URL", sourceHost: "Source", targetHost: "Target" };
const KIND_TITLES: Partial<Record<RecordKind, Record<string, string>>> = { overlay: { overlay: "Overlay IP", ip: "LAN IP" } };
const ADDRESS_COLUMNS = new Set(["ip", "mac", "overlay"]);

function pageColumns(kind: RecordKind): Column[] {
  return Object.keys(KINDS[kind].columns).map((key) => ({
    key,
    title: KIND_TITLES[kind]?.[key] ?? TITLES[key] ?? `${key[0]!.toUpperCase()}${key.slice(1)}`,
    ...(ADDRESS_COLUMNS.has(key) ? { sensitive: true } : {}),
  }));
}

/** The columns of each kind's re-rendered table: the canonical columns of inventory/kinds.ts, in their order. */
export const PAGE_COLUMNS = Object.fromEntries((Object.keys(KINDS) as RecordKind[]).map((kind) => [kind, pageColumns(kind)])) as {
  [K in RecordKind]: Column[];
};

const blank = (value: unknown) => value === null || value === undefined || value === "";

/**
 * A kind's records as a table: the canonical columns the profile allows, then the table's extra
 * columns; a column empty in every row is left out (the first never is). Group changes become divider rows.
 */
export function recordTable<K extends RecordKind>(kind: K, records: RecordTypes[K][], profile: Profile): MarkdownTable {
  const canonical = PAGE_COLUMNS[kind].filter((c) => profile === "private" || !c.sensitive);
  const extras = [...new Set(records.flatMap((r) => Object.keys(r.extra)))];
  const value = (record: RecordTypes[K], column: string, extra: boolean): string | number | null =>
    extra ? (record.extra[column] ?? null) : ((record as unknown as Record<string, string | number | null>)[column] ?? null);
  const columns = [
    ...canonical.map((c) => ({ title: c.title, key: c.key, extra: false })),
    ...extras.filter((e) => !canonical.some((c) => c.title.toLowerCase() === e.toLowerCase())).map((e) => ({ title: e, key: e, extra: true })),
  ].filter((c, i) => i === 0 || records.some((r) => !blank(value(r, c.key, c.extra))));
  const rows: MarkdownTable["rows"] = [];
  let group: string | null = null;
  for (const record of records) {
    if (record.group !== null && record.group !== group) rows.push({ cells: [], group: record.group });
    group = record.group;
    rows.push({ cells: columns.map((c) => value(record, c.key, c.extra)) });
  }
  const paths = new Set(columns.flatMap((c, i) => (!c.extra && c.key === "mount" ? [i] : [])));
  return { columns: columns.map((c) => c.title), rows, ...(paths.size ? { nowrap: paths } : {}) };
}
