import { readdirSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { FatalError } from "../diagnostics.js";
import { parseIp, parseMac } from "../inventory/cells.js";
import { MAX_CONFIG_BYTES, readInside, refusalText } from "../io/safe-read.js";
import type { Device, SiteInventory } from "../inventory/schema.js";

export const SENSITIVE_DIR = "ops/sensitive";

/**
 * The shapes read from `ops/sensitive/*.yaml` for a private build:
 * - a flat map `name: address` (`hosts.yaml` of create-site): the device's LAN address;
 * - `devices: { name: { ip, mac, overlay } }` for anything richer.
 * Other files and keys (overlay.yaml's peers, credentials) are not merged into pages.
 */
const deviceValues = z.object({ ip: z.string().optional(), mac: z.string().optional(), overlay: z.string().optional() });
const sensitiveFile = z.union([
  z.object({ devices: z.record(z.string(), deviceValues) }).loose(),
  z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
]);

type DeviceValues = z.infer<typeof deviceValues>;

/** The flat `name: address` map of create-site; other flat maps (overlay.yaml's peers by site) are not devices. */
const HOSTS_FILE = "hosts.yaml";

/** Device name (lower case) → the private values for it, from every file of ops/sensitive/. */
export function readSensitive(siteRoot: string): Map<string, DeviceValues> {
  const dir = path.join(siteRoot, SENSITIVE_DIR);
  const out = new Map<string, DeviceValues>();
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const read = readInside(siteRoot, file, { maxBytes: MAX_CONFIG_BYTES });
    if (!read.ok) throw new FatalError(`${file}: ${refusalText(read, file)}`);
    let data: unknown;
    try {
      data = parseYaml(read.text);
    } catch (error) {
      throw new FatalError(`${file}: cannot read (${(error as Error).message.split("\n")[0]})`);
    }
    const parsed = sensitiveFile.safeParse(data ?? {});
    if (!parsed.success) continue;
    const value = parsed.data;
    if ("devices" in value && value.devices && typeof value.devices === "object") {
      for (const [device, values] of Object.entries(value.devices as Record<string, DeviceValues>)) merge(out, device, values);
    } else if (name === HOSTS_FILE) {
      for (const [device, address] of Object.entries(value)) if (typeof address === "string") merge(out, device, { ip: address });
    }
  }
  return out;
}

function merge(out: Map<string, DeviceValues>, device: string, values: DeviceValues): void {
  const key = device.toLowerCase();
  out.set(key, { ...out.get(key), ...values });
}

/** A site's inventory with its private values merged in: ops/sensitive/ wins over the docs. */
export function withSensitive(site: SiteInventory, values: Map<string, DeviceValues>): SiteInventory {
  if (values.size === 0) return site;
  const devices = site.devices.map((device): Device => {
    const found = device.name === null ? undefined : values.get(device.name.toLowerCase());
    if (!found) return device;
    return {
      ...device,
      ip: found.ip === undefined ? device.ip : (parseIp(found.ip) ?? found.ip),
      mac: found.mac === undefined ? device.mac : (parseMac(found.mac) ?? found.mac),
      overlay: found.overlay === undefined ? device.overlay : (parseIp(found.overlay) ?? found.overlay),
    };
  });
  return { ...site, devices };
}
