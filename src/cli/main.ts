import { processIo, type Io } from "./io.js";
import { runCommand, type Command } from "./run-command.js";

/** Each command is loaded only when used, so `lint` in a commit hook pays for nothing else. */
const COMMANDS: Record<string, () => Promise<{ run: Command }>> = {
  lint: () => import("./commands/lint.js"),
  check: () => import("./commands/check.js"),
  inventory: () => import("./commands/inventory.js"),
  build: () => import("./commands/build.js"),
  status: () => import("./commands/status.js"),
  schema: () => import("./commands/schema.js"),
  "create-site": () => import("./commands/create-site.js"),
  "add-node": () => import("./commands/add-node.js"),
  upgrade: () => import("./commands/upgrade.js"),
  tables: () => import("./commands/tables.js"),
  adopt: () => import("./commands/adopt.js"),
  drift: () => import("./commands/drift.js"),
  init: () => import("./commands/init.js"),
  federation: () => import("./commands/federation.js"),
  "set-overlay": () => import("./commands/set-overlay.js"),
};

/** Every command, for docs/cli.md: a new command is documented once its help exists. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

export const USAGE = `Usage: netstack <command> [options]

Commands:
  init [dir]                  start a federation: a commented federation.yaml and its CI workflow
  federation add <site-dir|repo-url>   list an existing site in federation.yaml
  federation fetch            clone or fetch the federation's repo sites into the cache
  lint [paths...]             check one site's tables and sensitive data (pre-commit)
  check [federation.yaml|dir] run every rule over every site
  inventory [federation.yaml|dir] --format json|yaml|csv|ansible|ansible-yaml|netbox
  build [federation.yaml|dir] --out DIR [--profile public|private] [--mkdocs]
  status [federation.yaml|dir] [--format text|json]
  schema [--out DIR]          write the JSON Schemas of the config files
  create-site <code>          scaffold a new site repo (--federation F lists it there)
  add-node <site-dir> --name N --type T   document a new device
  set-overlay [site-dir] --name N --overlay IP   record a device's overlay address
  upgrade <site-dir>          re-apply newer templates
  tables [site-dir]           show every table found, its kind and what became of its rows
  adopt <existing-repo>       onboard a repo as it is (site.yaml with sources:, layout dirs)
  drift <site-dir> [files...] compare what the network shows with the tables

Run "netstack <command> --help" for a command's options. Reference: netstack's README and docs/.
`;

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    const { VERSION } = await import("../version.js");
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`netstack: unknown command "${name}"; run "netstack --help" for the list\n`);
    return 2;
  }
  return runCommand(load, rest, io);
}

export { fatal } from "./run-command.js";
