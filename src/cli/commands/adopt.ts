import { adopt, formatAdopt } from "../../scaffold/adopt.js";
import { FatalError } from "../../diagnostics.js";
import { parseCommand, type Io } from "../io.js";

const HELP = `Usage: netstack adopt <existing-repo> [--code C] [--name N] [--dry-run] [--format text|json]

Onboards a site repo as it is. Every Markdown file is read and each table classified (devices,
services, overlay members, shares, backups, cable runs, or not inventory). adopt then writes:

  site.yaml            with sources: listing the files whose tables hold records
  .gitignore           the standard block (only when the repo has no .gitignore: run
                       "netstack lint --fix" to add the missing lines to an existing one)
  ops/backup/ ops/monitor/ ops/sensitive/ docs/log/   the layout's directories
  ops/monitor/*.sh     the monitor scripts, filled from the services found
  .mkdocs/mkdocs.yml   the site's docs build (when there is none)

It writes only files that do not exist: no existing file is moved, rewritten or deleted.
It prints what it found per kind and the tables it could not classify.

Options:
      --code C      site code (default: from the directory name)
      --name N      site name (default: the directory name)
      --dry-run     print what would be written; write nothing
  -f, --format F    text (default) or json
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    { code: { type: "string" }, name: { type: "string" }, "dry-run": { type: "boolean" }, format: { type: "string", short: "f" } },
    "adopt",
    HELP,
    io,
  );
  if (values.help) return 0;
  if (positionals.length !== 1) throw new FatalError("adopt takes one directory: netstack adopt <existing-repo>");
  if (values.format !== undefined && values.format !== "text" && values.format !== "json") throw new FatalError(`--format must be one of text, json (got "${values.format}")`);
  const result = adopt({ dir: positionals[0]!, cwd: io.cwd, code: values.code, name: values.name, dryRun: values["dry-run"] });
  io.stdout(values.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatAdopt(result));
  return 0;
}
