import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { readTextFile } from "../config/yaml-config.js";
import { loadLocated, locateFederation } from "../federation/load.js";
import { parseIp } from "../inventory/cells.js";
import type { SiteModel } from "../inventory/site.js";
import { isActive } from "../rules/report.js";

/** An overlay address in use, and where: `sl: slnas (docs/network.md:12)`. */
export type OverlayOwners = Map<string, string>;

/**
 * The federation.yaml a site belongs to: the flag, else the one its create-site answers name,
 * else a federation.yaml in the parent directory that lists the site by path.
 */
export function federationFileFor(site: SiteModel, flag: string | undefined, cwd: string): string | null {
  if (flag !== undefined) return path.resolve(cwd, flag);
  const answer = site.config.template?.answers?.federation;
  if (typeof answer === "string" && answer !== "") {
    const file = path.resolve(site.root, answer);
    if (existsSync(file)) return file;
  }
  const parent = path.join(path.dirname(real(site.root)), "federation.yaml");
  return listsSite(parent, site.root) ? parent : null;
}

/** Whether federation.yaml has a `path:` entry that is this site directory. */
function listsSite(file: string, root: string): boolean {
  if (!existsSync(file)) return false;
  try {
    // Through the safe reader: only a regular file of reasonable size (a FIFO here would hang add-node).
    const data = parse(readTextFile(file)) as { sites?: { path?: unknown }[] } | null;
    const self = real(root);
    return (data?.sites ?? []).some((s) => typeof s?.path === "string" && real(path.resolve(path.dirname(file), s.path)) === self);
  } catch {
    return false;
  }
}

const real = (dir: string) => {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
};

/**
 * The overlay addresses the other sites of a federation use (devices' overlay cells and overlay
 * tables), so add-node and set-overlay refuse a clash before `check` would report it. Repo sites
 * are read from the cache as it is: no fetch.
 */
export async function otherSitesOverlays(site: SiteModel, federationFile: string, options: { cache?: string; env?: NodeJS.ProcessEnv } = {}): Promise<OverlayOwners> {
  const target = await locateFederation(federationFile, { offline: true, cache: options.cache, env: options.env });
  const self = real(site.root);
  const others = target.sites.filter((s) => s.root !== null && real(s.root) !== self && s.declared?.code !== site.config.code);
  const federation = loadLocated({ ...target, sites: others });
  const owners: OverlayOwners = new Map();
  for (const other of federation.sites) {
    const note = (address: string | null, node: string | null, file: string, line: number) => {
      const ip = address === null ? null : parseIp(address);
      if (ip !== null && !owners.has(ip)) owners.set(ip, `${other.config.code}: ${node ?? "?"} (${file}:${line})`);
    };
    for (const d of other.devices.filter(isActive)) note(d.record.overlay, d.record.name, d.file.rel, d.row.span.start.line);
    for (const o of other.overlay.filter(isActive)) note(o.record.overlay, o.record.node, o.file.rel, o.row.span.start.line);
  }
  return owners;
}
