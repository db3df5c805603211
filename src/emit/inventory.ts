import type { Entry, SiteModel } from "../inventory/site.js";
import type { Inventory, SiteInventory } from "../inventory/schema.js";
import { blockYaml } from "./block-yaml.js";

function sortedExtra<T extends { extra: Record<string, string> }>(record: T): T {
  const keys = Object.keys(record.extra).sort();
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

/** A site's records in the §5 shape: stable key order, records in source order. */
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

