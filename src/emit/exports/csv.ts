import { backupSchema, deviceSchema, linkSchema, overlayMemberSchema, serviceSchema, shareSchema, type Inventory, type SiteInventory } from "../../inventory/schema.js";
import { csvText } from "./csv-text.js";

/** The record kinds `--format csv` writes, by the file name each gets (`devices.csv`, …). */
export const CSV_KINDS = {
  devices: deviceSchema,
  services: serviceSchema,
  overlay: overlayMemberSchema,
  shares: shareSchema,
  backups: backupSchema,
  links: linkSchema,
} as const;
export type CsvKind = keyof typeof CSV_KINDS;
export const CSV_KIND_NAMES = Object.keys(CSV_KINDS) as CsvKind[];

/**
 * One record kind of the inventory as CSV: a `site` column, the record's fields in §5 order
 * (absent values empty), `extra` as a JSON object (empty when there is none), and `file`, `line`
 * for where the row was written. Sites by code, records in source order, as in the JSON.
 */
export function inventoryCsv(inventory: Inventory, kind: CsvKind): string {
  const shape = CSV_KINDS[kind].shape as Record<string, { isOptional(): boolean }>;
  const records = inventory.sites.flatMap((site) => (site[kind] ?? []) as unknown as Record<string, unknown>[]);
  // An optional field (a device's `formerly`) is a column only when some record has it: files of sites without it stay as they were.
  const fields = Object.keys(shape).filter((k) => k !== "extra" && k !== "source" && (!shape[k]!.isOptional() || records.some((r) => r[k] !== undefined)));
  const header = ["site", ...fields, "extra", "file", "line"];
  const rows = inventory.sites.flatMap((site: SiteInventory) =>
    ((site[kind] ?? []) as unknown as Record<string, unknown>[]).map((record) => {
      const extra = record.extra as Record<string, string>;
      const source = record.source as { file: string; line: number };
      return [
        site.code,
        ...fields.map((f) => (record[f] ?? null) as string | number | null),
        Object.keys(extra).length ? JSON.stringify(extra) : "",
        source.file,
        source.line,
      ];
    }),
  );
  return csvText(header, rows);
}
