import type { RecordKind } from "../../inventory/kinds.js";
import type { RecordTypes } from "../../inventory/records.js";
import type { Profile } from "../../rules/types.js";
import type { MarkdownTable } from "./escape.js";

interface Column {
  key: string;
  title: string;
  /** Addresses: dropped from public pages (SPEC §10). */
  sensitive?: boolean;
}

/** The columns of each kind's re-rendered table, in the order of SPEC §4. */
export const PAGE_COLUMNS: { [K in RecordKind]: Column[] } = {
  device: [
    { key: "name", title: "Name" },
    { key: "type", title: "Type" },
    { key: "role", title: "Role" },
    { key: "ip", title: "IP", sensitive: true },
    { key: "mac", title: "MAC", sensitive: true },
    { key: "overlay", title: "Overlay", sensitive: true },
    { key: "port", title: "Port" },
    { key: "location", title: "Location" },
    { key: "host", title: "Host" },
    { key: "status", title: "Status" },
    { key: "notes", title: "Notes" },
    { key: "link", title: "Link" },
  ],
  service: [
    { key: "name", title: "Name" },
    { key: "host", title: "Host" },
    { key: "port", title: "Port" },
    { key: "url", title: "URL" },
    { key: "type", title: "Type" },
    { key: "exposure", title: "Exposure" },
    { key: "status", title: "Status" },
    { key: "notes", title: "Notes" },
  ],
  overlay: [
    { key: "node", title: "Node" },
    { key: "overlay", title: "Overlay IP", sensitive: true },
    { key: "ip", title: "LAN IP", sensitive: true },
    { key: "type", title: "Type" },
    { key: "status", title: "Status" },
  ],
  share: [
    { key: "sourceHost", title: "Source" },
    { key: "targetHost", title: "Target" },
    { key: "mount", title: "Mount" },
    { key: "purpose", title: "Purpose" },
    { key: "transport", title: "Transport" },
    { key: "status", title: "Status" },
  ],
  backup: [
    { key: "from", title: "From" },
    { key: "to", title: "To" },
    { key: "mode", title: "Mode" },
    { key: "tier", title: "Tier" },
    { key: "via", title: "Via" },
    { key: "schedule", title: "Schedule" },
    { key: "status", title: "Status" },
  ],
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
  return { columns: columns.map((c) => c.title), rows };
}
