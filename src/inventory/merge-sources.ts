import { cellState } from "./cells.js";
import type { RecordKind } from "./kinds.js";
import type { Entry } from "./site.js";

/** Two descriptions of one record (a table row and site-config.yml, or two parts of site-config.yml). */
export interface SourcePair<K extends RecordKind = RecordKind> {
  /** The description that stays, as it was written (before the other filled its gaps). */
  primary: Entry<K>;
  /** The other description, whole. */
  secondary: Entry<K>;
}

export interface MergeResult<K extends RecordKind> {
  /** The primaries (those with a second description filled in from it), then the unmatched secondaries. */
  entries: Entry<K>[];
  pairs: SourcePair<K>[];
  /** Each matched secondary with only the cells its primary did not take. */
  shadowed: Entry<K>[];
}

export interface MergeOptions<K extends RecordKind> {
  /** The keys a primary is found by (`name:cfnas`, `ip:192.168.9.10`). */
  keys: (entry: Entry<K>) => string[];
  /** The keys a secondary looks for, in order (default: `keys`). */
  secondaryKeys?: (entry: Entry<K>) => string[];
}

/** The columns a merged record takes from its second description where its own is empty. */
const FILLED: Record<RecordKind, readonly string[]> = {
  device: ["type", "role", "ip", "mac", "overlay", "port", "location", "host", "notes", "link"],
  service: ["host", "port", "url", "type", "exposure", "notes"],
  overlay: ["overlay", "ip", "type"],
  share: [],
  backup: [],
  link: [],
};

const empty = (value: unknown) => value === null || value === undefined || value === "";

/**
 * Merges secondary descriptions into primary ones. A secondary that finds an unmatched primary by
 * one of its keys fills the primary's empty fields (a placeholder or a missing cell, never a value
 * the primary states, valid or not) and its extra fields; the primary's values win, and the pair
 * is kept for the conflict rule. A secondary that finds none is a record of its own; so is a
 * second secondary for the same primary (two descriptions with one name are a duplicate).
 */
export function mergeDescriptions<K extends RecordKind>(primaries: readonly Entry<K>[], secondaries: readonly Entry<K>[], options: MergeOptions<K>): MergeResult<K> {
  const entries = [...primaries];
  const index = new Map<string, number>();
  primaries.forEach((entry, i) => {
    for (const key of options.keys(entry)) if (!index.has(key)) index.set(key, i);
  });
  const paired = new Set<number>();
  const pairs: SourcePair<K>[] = [];
  const shadowed: Entry<K>[] = [];
  for (const secondary of secondaries) {
    const at = (options.secondaryKeys ?? options.keys)(secondary)
      .map((key) => index.get(key))
      .find((i): i is number => i !== undefined && !paired.has(i));
    if (at === undefined) {
      entries.push(secondary);
      continue;
    }
    paired.add(at);
    const primary = entries[at]!;
    const { merged, leftover } = fill(primary, secondary);
    entries[at] = merged;
    pairs.push({ primary, secondary });
    shadowed.push(leftover);
  }
  return { entries, pairs, shadowed };
}

function fill<K extends RecordKind>(primary: Entry<K>, secondary: Entry<K>): { merged: Entry<K>; leftover: Entry<K> } {
  const record = { ...primary.record } as Record<string, unknown>;
  const theirs = secondary.record as Record<string, unknown>;
  const cells = { ...primary.cells };
  const taken = new Set<string>();
  for (const column of FILLED[primary.kind]) {
    const own = primary.cells[column];
    if ((own && cellState(own) === "value") || !empty(record[column]) || empty(theirs[column])) continue;
    record[column] = theirs[column];
    const cell = secondary.cells[column];
    if (cell) {
      cells[column] = cell;
      taken.add(column);
    }
  }
  const extra = { ...(theirs.extra as Record<string, string>), ...(record.extra as Record<string, string>) };
  record.extra = Object.fromEntries(Object.keys(extra).sort().map((k) => [k, extra[k]!]));
  if (empty(record.group)) record.group = theirs.group ?? null;
  const merged = { ...primary, record: record as Entry<K>["record"], cells };
  const leftover = { ...secondary, cells: Object.fromEntries(Object.entries(secondary.cells).filter(([column]) => !taken.has(column))) };
  return { merged, leftover };
}
