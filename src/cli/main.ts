import { FatalError } from "../diagnostics.js";
import { processIo, type Io } from "./io.js";

type Command = (argv: string[], io: Io) => Promise<number>;

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
};

export const USAGE = `Usage: netstack <command> [options]

Commands:
  lint [paths...]             check one site's tables and sensitive data (pre-commit)
  check [federation.yaml|dir] run every rule over every site
  inventory [federation.yaml|dir] --format json|yaml|csv|ansible|ansible-yaml|netbox
  build [federation.yaml|dir] --out DIR [--profile public|private] [--mkdocs]
  status [federation.yaml|dir] [--format text|json]
  schema [--out DIR]          write the JSON Schemas of the config files
  create-site <code>          scaffold a new site repo
  add-node <site-dir> --name N --type T
  upgrade <site-dir>          re-apply newer templates
  tables [site-dir]           show every table found, its kind and what became of its rows
  adopt <existing-repo>       onboard a repo as it is (site.yaml with sources:, layout dirs)
  drift <site-dir> [files...] compare what the network shows with the tables

Run "netstack <command> --help" for a command's options.
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
  try {
    const { run } = await load();
    return await run(rest, io);
  } catch (error) {
    return fatal(error, io);
  }
}

/** One clear line for user errors; a stack trace only with NETSTACK_DEBUG=1. */
export function fatal(error: unknown, io: Io): number {
  if (io.env.NETSTACK_DEBUG === "1") io.stderr(`${(error as Error)?.stack ?? String(error)}\n`);
  else if (error instanceof FatalError) io.stderr(`netstack: ${error.message}\n`);
  else {
    const err = error as NodeJS.ErrnoException;
    const detail = err?.code ? `${err.code}: ${err.message}` : String(err?.message ?? error);
    io.stderr(`netstack: ${detail.split("\n")[0]}\n`);
  }
  return 2;
}
