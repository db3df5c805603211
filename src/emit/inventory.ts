import type { Entry, SiteModel } from "../inventory/site.js";
import type { Inventory, SiteInventory } from "../inventory/schema.js";
import { blockYaml, blockYamlItemChunks } from "./block-yaml.js";

function sortedExtra<T extends { extra: Record<string, string> }>(record: T): T {
  const keys = Object.keys(record.extra);
  // Most records have no extra column, or have them in order: kept as they are (records are
  // never written to; every step that changes one makes a new one).
  if (keys.every((k, i) => i === 0 || keys[i - 1]! < k)) return record;
  keys.sort();
  return { ...record, extra: Object.fromEntries(keys.map((k) => [k, record.extra[k]!])) };
}

function bySource(a: Entry, b: Entry): number {
  const sa = a.record.source;
  const sb = b.record.source;
  return (sa.file < sb.file ? -1 : sa.file > sb.file ? 1 : 0) || sa.line - sb.line;
}

function records<K extends Entry["kind"]>(entries: Entry<K>[]): Entry<K>["record"][] {
  return [...entries].sort(bySource).map((e) => sortedExtra(e.record));
}

/** A site's records in the inventory's shape (docs/inventory.md): stable key order, records in source order. */
export function siteInventory(site: SiteModel): SiteInventory {
  const { config } = site;
  return {
    code: config.code,
    name: config.name,
    role: config.role ?? null,
    subnet: config.subnet ?? site.network.subnet ?? null,
    visibility: config.visibility,
    network: sortedExtra(site.network),
    devices: records(site.devices),
    services: records(site.services),
    overlay: records(site.overlay),
    shares: records(site.shares),
    backups: records(site.backups),
    // Left out when empty: a site without cable runs reads byte for byte as before links existed.
    ...(site.links.length > 0 ? { links: records(site.links) } : {}),
  };
}

/** The inventory of a federation (or of one site, named after it), sites sorted by code. */
export function toInventory(sites: readonly SiteModel[], federation: { name: string; generatedFrom: string }): Inventory {
  const list = [...sites].sort((a, b) => (a.config.code < b.config.code ? -1 : a.config.code > b.config.code ? 1 : 0));
  return { federation: { ...federation }, sites: list.map(siteInventory) };
}

export function inventoryJson(inventory: Inventory): string {
  return `${JSON.stringify(inventory, null, 2)}\n`;
}

/** The same bytes as `yaml`'s stringify with `{ lineWidth: 0 }`, written directly (block-yaml.ts). */
export function inventoryYaml(inventory: Inventory): string {
  return blockYaml(inventory);
}

/**
 * The sites of an inventory written one at a time; `null` when `sites` is not its last key, is
 * empty, or is all there is (the whole text is then written at once: it is small or not an
 * inventory we made).
 */
function splitSites(inventory: Inventory): { head: Omit<Inventory, "sites">; sites: SiteInventory[] } | null {
  const keys = Object.keys(inventory).filter((k) => (inventory as unknown as Record<string, unknown>)[k] !== undefined);
  if (keys.length < 2 || keys[keys.length - 1] !== "sites" || inventory.sites.length === 0) return null;
  const { sites, ...head } = inventory;
  return { head, sites };
}

/** Pieces of this many characters or so: small enough to die young in V8's heap. */
const PIECE = 16_384;

const skipped = (value: unknown) => value === undefined || typeof value === "function" || typeof value === "symbol";

/**
 * `JSON.stringify(value, null, 2)` as pieces: containers down to `depth` are opened here,
 * values below it stringified whole (a record: a few hundred characters).
 */
function prettyJsonPieces(value: unknown, indent: string, depth: number, out: string[]): void {
  let buffer = "";
  const write = (text: string) => {
    // A piece is flushed before it would grow past PIECE, so pieces stay near that size.
    if (buffer.length > 0 && buffer.length + text.length > PIECE) {
      out.push(buffer);
      buffer = "";
    }
    buffer += text;
  };
  const walk = (v: unknown, at: string, level: number): void => {
    if (level >= depth || v === null || typeof v !== "object" || typeof (v as { toJSON?: unknown }).toJSON === "function") {
      // Nested output is the standalone output with each line indented: JSON strings hold no raw newline.
      return write((JSON.stringify(v, null, 2) ?? "null").replaceAll("\n", `\n${at}`));
    }
    const inner = `${at}  `;
    if (Array.isArray(v)) {
      if (v.length === 0) return write("[]");
      if (level + 1 >= depth) return writeItems(v, at);
      v.forEach((item, i) => {
        write(i ? `,\n${inner}` : `[\n${inner}`);
        walk(skipped(item) ? null : item, inner, level + 1);
      });
      return write(`\n${at}]`);
    }
    const map = v as Record<string, unknown>;
    const keys = Object.keys(map).filter((k) => !skipped(map[k]));
    if (keys.length === 0) return write("{}");
    keys.forEach((k, i) => {
      write(`${i ? "," : "{"}\n${inner}${JSON.stringify(k)}: `);
      walk(map[k], inner, level + 1);
    });
    write(`\n${at}}`);
  };
  /**
   * A list whose items are written whole (records), a few at a time, by JSON.stringify itself:
   * nested in as many arrays as `at` is deep, the items come out indented where they belong, so
   * no text is re-indented. Batches aim at a quarter of a piece.
   */
  const writeItems = (items: unknown[], at: string): void => {
    const levels = at.length / 2;
    const open = Array.from({ length: levels + 1 }, (_, d) => `[\n${"  ".repeat(d + 1)}`).join("");
    const close = Array.from({ length: levels + 1 }, (_, d) => `\n${"  ".repeat(levels - d)}]`).join("");
    let size = 16;
    for (let from = 0; from < items.length; ) {
      const batch = items.slice(from, from + size);
      let nested: unknown = batch;
      for (let d = 0; d < levels; d++) nested = [nested];
      const text = JSON.stringify(nested, null, 2);
      // `[` and the first item's indent are the list's own; later batches follow a `,`.
      write(`${from === 0 ? "[" : ","}\n${at}  ${text.slice(open.length, text.length - close.length)}`);
      from += batch.length;
      size = Math.max(1, Math.min(256, Math.floor((batch.length * PIECE) / 4 / text.length)));
    }
    write(`\n${at}]`);
  };
  walk(value, indent, 0);
  if (buffer) out.push(buffer);
}

/** `inventoryJson`'s text in pieces of about 16 K characters, a site at a time: never one string. */
export function* inventoryJsonChunks(inventory: Inventory): Generator<string> {
  const split = splitSites(inventory);
  if (!split) return yield inventoryJson(inventory);
  const shell = JSON.stringify({ ...split.head, sites: [] }, null, 2);
  // JSON strings hold no raw newline, so this can only be the key.
  const marker = '\n  "sites": [';
  const at = shell.lastIndexOf(`${marker}]`) + marker.length;
  yield shell.slice(0, at);
  let first = true;
  for (const site of split.sites) {
    const pieces: string[] = [first ? "\n    " : ",\n    "];
    // Site, record lists, records: a record is stringified whole.
    prettyJsonPieces(skipped(site) ? null : site, "    ", 2, pieces);
    yield* pieces;
    first = false;
  }
  yield `\n  ${shell.slice(at)}\n`;
}

/** `inventoryYaml`'s text in pieces of a few hundred lines, a site at a time. */
export function* inventoryYamlChunks(inventory: Inventory): Generator<string> {
  const split = splitSites(inventory);
  if (!split) return yield inventoryYaml(inventory);
  yield blockYaml(split.head);
  yield "sites:\n";
  for (const site of split.sites) yield* blockYamlItemChunks(site);
}
