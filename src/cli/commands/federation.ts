import path from "node:path";
import { FatalError } from "../../diagnostics.js";
import { locateFederation } from "../../federation/load.js";
import { addSiteToFederation } from "../../scaffold/federation-add.js";
import { parseCommand, pathFlag, type Io } from "../io.js";
import { progressLine } from "../progress.js";

const HELP = `Usage: netstack federation add <site-dir | repo-url> [--federation F] [--ref REF]
                               [--code C] [--name N] [--role R] [--dry-run]
       netstack federation fetch [federation.yaml] [--cache DIR]

add     lists an existing site in federation.yaml (default ./federation.yaml), keeping the
        file's comments and layout. A directory is listed as path: (relative to the file); a
        git URL as repo: (cloned into the cache to read its site.yaml). Code, name and role
        come from the site's site.yaml; --code, --name, --role override them.
fetch   clones or fetches every repo: site into the cache (what check, inventory and build
        read with --offline), one line per site; exit 1 when a site cannot be had.

Options:
      --federation F   the federation.yaml to edit (add; default federation.yaml)
      --ref REF        the branch or tag of a repo site (add)
      --cache DIR      where repo sites are cloned (default $XDG_CACHE_HOME/netstack,
                       else ~/.cache/netstack)
      --dry-run        print the change, write nothing (add)
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h") {
    (sub === undefined ? io.stderr : io.stdout)(HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub === "add") return add(rest, io);
  if (sub === "fetch") return fetch(rest, io);
  throw new FatalError(`federation: unknown subcommand "${sub}" (add or fetch)`);
}

async function add(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      federation: { type: "string" },
      ref: { type: "string" },
      code: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      cache: { type: "string" },
      "dry-run": { type: "boolean" },
    },
    "federation add",
    HELP,
    io,
  );
  if (values.help) return 0;
  if (positionals.length !== 1) throw new FatalError(`federation add: give one site directory or repo URL (got ${positionals.length})`);
  const result = await addSiteToFederation({
    federation: values.federation ?? "federation.yaml",
    site: positionals[0]!,
    ref: values.ref,
    code: values.code,
    name: values.name,
    role: values.role,
    cache: pathFlag(values.cache, io),
    cwd: io.cwd,
    env: io.env,
    dryRun: values["dry-run"],
  });
  const where = result.entry.path !== undefined ? `path: ${result.entry.path}` : `repo: ${result.entry.repo}`;
  if (result.dryRun) io.stdout(result.diff);
  else io.stdout(`Added ${result.entry.code} (${result.entry.name}) to ${path.relative(io.cwd, result.file) || result.file} (${where}).\n`);
  return 0;
}

async function fetch(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, { cache: { type: "string" } }, "federation fetch", HELP, io);
  if (values.help) return 0;
  if (positionals.length > 1) throw new FatalError(`federation fetch: give one federation.yaml (got ${positionals.length})`);
  const file = path.resolve(io.cwd, positionals[0] ?? "federation.yaml");
  const progress = progressLine(io);
  let target;
  try {
    target = await locateFederation(file, { cache: pathFlag(values.cache, io), env: io.env, onProgress: progress.update });
  } finally {
    progress.clear();
  }
  for (const site of target.sites) {
    const code = site.declared?.code ?? "?";
    const problem = target.diagnostics.find((d) => d.message.startsWith(`Site ${code}:`));
    const from = site.declared?.repo ?? site.declared?.path ?? "";
    if (site.root === null) io.stdout(`${code}  unavailable: ${problem?.message.replace(`Site ${code}: `, "") ?? from}\n`);
    else io.stdout(`${code}  ${site.declared?.repo ? `fetched ${from}${site.declared.ref ? ` at ${site.declared.ref}` : ""}` : `path ${from}`}${problem ? ` (${problem.message.replace(`Site ${code}: `, "")})` : ""}\n`);
  }
  return target.sites.some((s) => s.root === null) ? 1 : 0;
}
