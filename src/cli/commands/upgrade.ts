import path from "node:path";
import { FatalError } from "../../diagnostics.js";
import { formatUpgrade, upgradeSite } from "../../scaffold/upgrade.js";
import { oneOf, parseCommand, type Io } from "../io.js";

const HELP = `Usage: netstack upgrade [site-dir] [--dry-run] [--format text|json] [--allow-dirty]

Re-applies the current site templates to a site made by netstack create-site, using the
answers it recorded. netstack's own files are replaced, files you may have edited are merged
with git merge-file (conflicts are marked in the file, exit 1), your Markdown tables are left
alone except for their managed blocks, and ops/sensitive/ is never touched.
It refuses a git tree with uncommitted changes unless --allow-dirty is given.
--dry-run shows what each file would get (create, unchanged, update, merge, conflict, delete,
skip) and writes nothing.
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      "dry-run": { type: "boolean" },
      format: { type: "string", short: "f" },
      "allow-dirty": { type: "boolean" },
    },
    "upgrade",
    HELP,
    io,
  );
  if (values.help) return 0;
  if (positionals.length > 1) throw new FatalError(`upgrade: give one site directory (got ${positionals.length})`);
  const format = oneOf(values.format, ["text", "json"] as const, "--format", "text");
  const dir = positionals[0] ?? ".";
  const result = upgradeSite(path.resolve(io.cwd, dir), { dryRun: values["dry-run"], allowDirty: values["allow-dirty"] });
  if (format === "json") {
    const { from, to, dryRun, files, conflicts } = result;
    io.stdout(`${JSON.stringify({ site: dir, from, to, dryRun, files, conflicts }, null, 2)}\n`);
  }
  else io.stdout(formatUpgrade(result, dir));
  return result.conflicts.length > 0 ? 1 : 0;
}
