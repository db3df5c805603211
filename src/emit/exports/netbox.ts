import type { Device, Inventory, SiteInventory } from "../../inventory/schema.js";
import { csvText } from "./csv-text.js";

/**
 * `--format netbox`: NetBox's device bulk-import CSV (Devices → Import). NetBox matches the related
 * objects by name, so they must exist in NetBox first. Columns and where their values come from:
 *
 * | column | value | default when the tables lack it |
 * |---|---|---|
 * | name | device name | (devices without a name are left out) |
 * | role | the device's type (`compute`, `storage`, …) | `other` |
 * | manufacturer | an extra `Manufacturer`, `Vendor` or `Make` column | `Generic` |
 * | device_type | an extra `Model` or `Device type` column | `Generic` |
 * | status | the status, mapped to NetBox's choices (`STATUS`) | `active` |
 * | site | the site's name (NetBox site names, e.g. `Cedar Falls`) | |
 * | description | the notes, cut to NetBox's 200 characters | empty |
 * | comments | the full notes when cut, role tag, location, group, host and source row | |
 *
 * Retired (`~~struck~~`) devices are kept, as `decommissioning`.
 */
export const NETBOX_COLUMNS = ["name", "role", "manufacturer", "device_type", "status", "site", "description", "comments"] as const;

export const NETBOX_DEFAULTS = { role: "other", manufacturer: "Generic", device_type: "Generic", status: "active" } as const;

/** Table statuses → NetBox device status choices; anything else is `active`. */
export const STATUS: Record<string, string> = {
  active: "active",
  online: "active",
  up: "active",
  planned: "planned",
  staged: "staged",
  staging: "staged",
  failed: "failed",
  broken: "failed",
  offline: "offline",
  off: "offline",
  down: "offline",
  inventory: "inventory",
  spare: "inventory",
  retired: "decommissioning",
  decommissioned: "decommissioning",
  decommissioning: "decommissioning",
};

const DESCRIPTION_MAX = 200;

function extraValue(device: Device, names: readonly string[]): string | null {
  for (const [key, value] of Object.entries(device.extra)) if (names.includes(key.trim().toLowerCase())) return value;
  return null;
}

function comments(site: SiteInventory, device: Device): string {
  const parts: string[] = [];
  if (device.notes.length > DESCRIPTION_MAX) parts.push(device.notes);
  if (device.role) parts.push(`Role tag: ${device.role}`);
  if (device.location) parts.push(`Location: ${device.location}`);
  if (device.group) parts.push(`Group: ${device.group}`);
  if (device.host) parts.push(`Host: ${device.host}`);
  parts.push(`Source: ${site.code}/${device.source.file} line ${device.source.line}`);
  return parts.join("\n");
}

export function netboxCsv(inventory: Inventory): string {
  const rows = inventory.sites.flatMap((site) =>
    site.devices
      .filter((d) => d.name !== null)
      .map((device) => [
        device.name,
        device.type ?? NETBOX_DEFAULTS.role,
        extraValue(device, ["manufacturer", "vendor", "make"]) ?? NETBOX_DEFAULTS.manufacturer,
        extraValue(device, ["model", "device type", "device_type"]) ?? NETBOX_DEFAULTS.device_type,
        STATUS[device.status] ?? NETBOX_DEFAULTS.status,
        site.name,
        device.notes.length > DESCRIPTION_MAX ? `${device.notes.slice(0, DESCRIPTION_MAX - 1)}…` : device.notes,
        comments(site, device),
      ]),
  );
  return csvText(NETBOX_COLUMNS, rows);
}
