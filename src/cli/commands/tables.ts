import path from "node:path";
import { FatalError } from "../../diagnostics.js";
import { findSiteRoot, isDirectory, loadSite } from "../../inventory/site.js";
import { formatTableReports, tableReports } from "../../inventory/tables-report.js";
import { type Io, oneOf, oneTarget, parseCommand } from "../io.js";

const HELP = `Usage: netstack tables [site-dir] [--format text|json]

Prints every table of a site's Markdown files as netstack read it: file:line, the kind it was
read as (device, service, overlay, share, backup, link, subnet, or not inventory), how sure
(0–1) and why, how each header cell was mapped (or kept as an extra column), and what became of
the rows: records kept per kind, group rows, and each row dropped with the reason.

Use it to see what netstack understood of a repo; where it guessed wrong, set the kind of a
file or section in site.yaml:

  sources:
    kinds: { "docs/README.md#Local Network": device, "docs/tv.md": none }

Options:
  -f, --format F   text (default) or json
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, { format: { type: "string", short: "f" } }, "tables", HELP, io);
  if (values.help) return 0;
  const format = oneOf(values.format, ["text", "json"] as const, "--format", "text");
  const target = path.resolve(io.cwd, oneTarget(positionals, "tables") ?? ".");
  const root = findSiteRoot(target) ?? (isDirectory(target) ? target : null);
  if (!root) throw new FatalError(`${positionals[0] ?? "."}: not inside a site (no site.yaml or docs/ above it)`);
  const site = loadSite(root, { allMarkdown: true });
  const reports = tableReports(site);
  io.stdout(format === "json" ? `${JSON.stringify(reports, null, 2)}\n` : formatTableReports(reports));
  return 0;
}
