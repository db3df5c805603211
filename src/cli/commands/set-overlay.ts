import path from "node:path";
import { FatalError } from "../../diagnostics.js";
import { loadSite } from "../../inventory/site.js";
import { federationFileFor, otherSitesOverlays } from "../../scaffold/federation-overlays.js";
import { setOverlay } from "../../scaffold/set-overlay.js";
import { parseCommand, pathFlag, type Io } from "../io.js";

const HELP = `Usage: netstack set-overlay [site-dir] --name N --overlay IP [--federation F] [--dry-run]

Records the overlay address of a device the site already documents (after it joined the
overlay network): the Overlay cell of its row in docs/devices.md, when that table has one, and
its row in docs/network.md's Overlay table (changed, or added). The address must be free in the
site and in every other site of the federation: --federation F, else the federation.yaml
create-site registered the site in, else one in the parent directory that lists the site
(repo sites are read from the cache, not fetched).
--dry-run prints the diff and writes nothing. Use add-node --overlay for a new device.
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    { name: { type: "string" }, overlay: { type: "string" }, federation: { type: "string" }, cache: { type: "string" }, "dry-run": { type: "boolean" } },
    "set-overlay",
    HELP,
    io,
  );
  if (values.help) return 0;
  if (positionals.length > 1) throw new FatalError(`set-overlay: give one site directory (got ${positionals.length})`);
  const missing = (["name", "overlay"] as const).filter((flag) => values[flag] === undefined).map((flag) => `--${flag}`);
  if (missing.length) throw new FatalError(`set-overlay: missing ${missing.join(" and ")}`);
  const root = path.resolve(io.cwd, positionals[0] ?? ".");
  const federation = federationFileFor(loadSite(root), values.federation, io.cwd);
  const otherOverlays = federation ? await otherSitesOverlays(loadSite(root), federation, { cache: pathFlag(values.cache, io), env: io.env }) : undefined;
  const result = setOverlay(root, { name: values.name!, overlay: values.overlay!, dryRun: values["dry-run"], otherOverlays });
  if (result.dryRun) io.stdout(result.diff);
  else if (result.edits.length === 0) io.stdout(`${result.node} already has overlay address ${result.overlay}; nothing changed.\n`);
  else io.stdout(`Set the overlay address of ${result.node} to ${result.overlay}${result.previous ? ` (was ${result.previous})` : ""} in ${result.edits.map((e) => `${e.rel}:${e.line}`).join(" and ")}.\n`);
  return 0;
}
