import type { Inventory, SiteInventory } from "../inventory/schema.js";
import { isSecretColumn, tableSecrets } from "../sensitive/detector.js";
import { maskSecret } from "../sensitive/mask.js";
import { masker, redactDeep } from "./redact.js";

type Extras = Record<string, string>;

/** Each record list of a site, mapped; the rest of the site as it is. */
function mapRecords(site: SiteInventory, fn: (extra: Extras) => Extras, network: (extra: Record<string, string>) => Record<string, string>): SiteInventory {
  const each = <T extends { extra: Extras }>(records: T[]): T[] =>
    records.map((r) => {
      const extra = fn(r.extra);
      return extra === r.extra ? r : { ...r, extra };
    });
  return {
    ...site,
    network: { ...site.network, extra: network(site.network.extra) },
    devices: each(site.devices),
    services: each(site.services),
    overlay: each(site.overlay),
    shares: each(site.shares),
    backups: each(site.backups),
  };
}

/**
 * Public output: the columns of a table kind that netstack models are its allow list; an extra
 * column named like a secret or a login (`pw`, `login`, `creds`, `Kennwort`, `PIN`, `key`) is
 * dropped, and so is a network setting whose key names a secret (`wifi password`). Everything
 * left is passed through the detector and address redaction (`redactDeep`).
 */
export function dropSecretColumns(inventory: Inventory): Inventory {
  const drop = (extra: Extras): Extras => {
    const keys = Object.keys(extra);
    if (!keys.some((k) => isSecretColumn(k, keys))) return extra;
    return Object.fromEntries(Object.entries(extra).filter(([k]) => !isSecretColumn(k, keys)));
  };
  const dropSettings = (extra: Record<string, string>) => Object.fromEntries(Object.entries(extra).filter(([k]) => !isSecretColumn(k) && tableSecrets(["key", "value"], [[k, extra[k]!]]).length === 0));
  return { ...inventory, sites: inventory.sites.map((s) => mapRecords(s, drop, dropSettings)) };
}

/** A value with the secrets the detector finds in it under this header masked. */
function maskCell(header: string, siblings: readonly string[], value: string): string {
  const column = siblings.indexOf(header);
  return masked(value, tableSecrets(siblings, [siblings.map((h) => (h === header ? value : ""))]).filter((f) => f.column === column));
}

function masked(value: string, found: readonly { start: number; end: number; secret: string }[]): string {
  let out = "";
  let at = 0;
  for (const f of [...found].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += value.slice(at, f.start) + maskSecret(f.secret);
    at = f.end;
  }
  return out + value.slice(at);
}

/** Exports and private pages: secret columns and settings kept, their secrets masked (`Hu…!`). */
export function maskSecretColumns(inventory: Inventory): Inventory {
  const maskExtras = (extra: Extras): Extras => {
    const keys = Object.keys(extra);
    if (!keys.some((k) => isSecretColumn(k, keys))) return extra;
    return Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, isSecretColumn(k, keys) ? maskCell(k, keys, v) : v]));
  };
  const maskSettings = (extra: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(extra).map(([k, v]) => {
        return [k, masked(v, tableSecrets(["key", "value"], [[k, v]]))];
      }),
    );
  return { ...inventory, sites: inventory.sites.map((s) => mapRecords(s, maskExtras, maskSettings)) };
}

/**
 * What `netstack inventory` writes unless `--include-secrets`: every secret the detector finds,
 * in secret columns, settings and any other text, masked; addresses kept (exports are for the
 * operator's own tools).
 */
export function maskInventorySecrets(inventory: Inventory, mask: (text: string) => string = masker()): Inventory {
  return redactDeep(maskSecretColumns(inventory), mask);
}
