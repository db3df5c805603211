import path from "node:path";
import { FatalError } from "../../diagnostics.js";
import { CSV_KIND_NAMES, EXPORT_FORMATS, EXPORTERS, inventoryCsv, siteConfigYmls } from "../../emit/exports/index.js";
import { toInventory } from "../../emit/inventory.js";
import { maskInventorySecrets } from "../../emit/secrets.js";
import { loadTarget, type Federation } from "../../federation/load.js";
import { writeFileAtomic } from "../../fs.js";
import { type Io, oneOf, oneTarget, parseCommand, pathFlag } from "../io.js";
import { progressLine } from "../progress.js";
import { report } from "../report.js";
import { mask } from "../../sensitive/mask.js";
import { plainLines, plainText } from "../../text/controls.js";

const HELP = `Usage: netstack inventory [federation.yaml | site-dir] [--format F] [--kind K] [-o FILE|DIR]
                          [--include-secrets] [--cache DIR] [--offline]

Writes the typed inventory of a federation (every site of federation.yaml) or of one site.
Output is sorted and byte-identical for identical input; files are written atomically.

Formats (-f, --format):
  json           the inventory (default)
  yaml           the same as YAML
  csv            one CSV per record kind (devices, services, overlay, shares, backups, and
                 links when there are cable runs)
                 into -o DIR, or the one kind named by --kind to stdout or -o FILE
  ansible        exactly what \`ansible-inventory --list\` prints (_meta.hostvars); groups
                 site_<code>, type_<type>, role_<role>; retired devices left out
  ansible-yaml   a static YAML inventory for \`ansible-inventory -i FILE\` / playbooks
  netbox         NetBox device bulk-import CSV (name, role, manufacturer, device_type,
                 status, site, description, comments); role is the device type, missing
                 manufacturer/device_type are "Generic", retired is "decommissioning"
  site-config    a site-config.yml (the federation pattern's site config): for one site to
                 stdout or -o FILE; for a federation one per site, -o DIR/<code>/site-config.yml.
                 netstack reads it back beside the tables, so a site can move either way

Options:
      --kind K      csv only: devices, services, overlay, shares, backups or links
      --include-secrets
                    keep passwords and tokens as written (by default every secret the
                    detector finds, in a password column or in any text, is masked: Hu…!)
  -o, --output P    write to a file (a directory for csv without --kind) instead of stdout
      --cache DIR   where repo sites are cloned (default $XDG_CACHE_HOME/netstack)
      --offline     use the cache as it is: no clone, no fetch

Device rows without a name are kept in json, yaml and csv; ansible, ansible-yaml and netbox
need a name, leave them out and list them on stderr.

A site that cannot be loaded, or a federation.yaml that fails its schema, is reported on
stderr and nothing is written (exit 1).

Examples:
  netstack inventory federation.yaml -o inventory.json
  netstack inventory federation.yaml -f ansible-yaml -o hosts.yml
  netstack inventory federation.yaml -f csv -o exports/
  netstack inventory ../cf -f csv --kind devices
  netstack inventory ../cf -f site-config -o ../cf/site-config.yml
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      format: { type: "string", short: "f" },
      kind: { type: "string" },
      output: { type: "string", short: "o" },
      cache: { type: "string" },
      offline: { type: "boolean" },
      "include-secrets": { type: "boolean" },
    },
    "inventory",
    HELP,
    io,
  );
  if (values.help) return 0;
  oneTarget(positionals, "inventory");
  const format = oneOf(values.format, EXPORT_FORMATS, "--format", "json");
  if (values.kind !== undefined && format !== "csv") throw new FatalError("--kind only applies to --format csv");
  const kind = oneOf(values.kind, CSV_KIND_NAMES, "--kind");
  if (format === "csv" && kind === undefined && values.output === undefined) {
    throw new FatalError("--format csv writes one file per record kind: give -o DIR, or --kind K for one kind");
  }

  const progress = progressLine(io);
  let federation: Federation;
  try {
    federation = await loadTarget(positionals[0], io.cwd, { cache: pathFlag(values.cache, io), offline: values.offline, env: io.env, onProgress: progress.update });
  } finally {
    progress.clear();
  }
  const problems = federation.diagnostics.filter((d) => d.severity === "error");
  if (problems.length > 0) {
    io.stderr(problems.map((d) => mask(plainText(`${path.relative(io.cwd, d.file) || d.file}:${d.line}:${d.column}: ${d.message} (${d.ruleId})`)) + "\n").join(""));
    return report([], "stylish", io) || 1;
  }
  const written = toInventory(
    federation.sites,
    federation.file ? { name: federation.name, generatedFrom: path.basename(federation.file) } : { name: federation.name, generatedFrom: "site.yaml" },
  );
  const inventory = values["include-secrets"] ? written : maskInventorySecrets(written);

  if (format === "site-config") {
    const files = siteConfigYmls(inventory);
    if (files.size === 1 && federation.file === null) {
      const text = [...files.values()][0]!;
      if (values.output !== undefined) writeFileAtomic(path.resolve(io.cwd, values.output), text);
      else io.stdout(text);
      return 0;
    }
    if (values.output === undefined) throw new FatalError("--format site-config of a federation writes one file per site: give -o DIR (DIR/<code>/site-config.yml)");
    const dir = path.resolve(io.cwd, values.output);
    for (const [code, text] of files) writeFileAtomic(path.join(dir, code, "site-config.yml"), text);
    return 0;
  }
  if (format === "csv" && kind === undefined) {
    const dir = path.resolve(io.cwd, values.output!);
    // links.csv only for a federation that has cable runs: other output directories stay as they were.
    const kinds = CSV_KIND_NAMES.filter((each) => each !== "links" || inventory.sites.some((s) => (s.links ?? []).length > 0));
    for (const each of kinds) writeFileAtomic(path.join(dir, `${each}.csv`), inventoryCsv(inventory, each));
    return 0;
  }
  // Exports keyed by name leave nameless device rows out: say which, so none goes missing silently.
  if (format === "ansible" || format === "ansible-yaml" || format === "netbox") {
    const nameless = inventory.sites.flatMap((site) => site.devices.filter((d) => d.name === null).map((d) => `${site.code}:${d.source.file}:${d.source.line}`));
    if (nameless.length > 0) {
      io.stderr(`netstack: ${nameless.length} device ${nameless.length === 1 ? "row has" : "rows have"} no name and ${nameless.length === 1 ? "is" : "are"} left out of the ${format} export: ${nameless.join(", ")}\n`);
    }
  }
  const text = format === "csv" ? inventoryCsv(inventory, kind!) : EXPORTERS[format](inventory);
  if (values.output !== undefined) writeFileAtomic(path.resolve(io.cwd, values.output), text);
  // On a terminal the export is read, not parsed: no escape sequence from a cell reaches it.
  else io.stdout(io.stdoutIsTty ? plainLines(text) : text);
  return 0;
}
