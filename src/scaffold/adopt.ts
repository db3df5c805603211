import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { readInside } from "../io/safe-read.js";
import path from "node:path";
import { SITE_CODE } from "../config/site.js";
import { FatalError } from "../diagnostics.js";
import type { RecordKind } from "../inventory/kinds.js";
import { RECORD_KINDS } from "../inventory/kinds.js";
import { loadSite, SITE_DIRS } from "../inventory/site.js";
import { tableReports, type TableReport } from "../inventory/tables-report.js";
import { DEFAULT_MAX_AGE_HOURS, DEFAULT_WARN_AGE_HOURS, monitoredServices } from "./context.js";
import { isExecutable, renderSite, resolveTemplates } from "./create-site.js";
import type { TemplateSet } from "./templates.js";
import { applyChanges, assertInside, type FileChange } from "./write.js";

export interface AdoptOptions {
  /** The existing repo. */
  dir: string;
  cwd?: string;
  /** Site code; from the directory name when absent. */
  code?: string;
  name?: string;
  dryRun?: boolean;
  templates?: string | TemplateSet;
}

export interface AdoptResult {
  root: string;
  code: string;
  /** Files written (or that would be), relative to the root, sorted. */
  written: string[];
  /** Directories made (or that would be). */
  directories: string[];
  /** Files adopt would have written that already exist: left exactly as they are. */
  kept: string[];
  /** Records found, per kind, and the files they came from. */
  found: { kind: RecordKind; records: number; files: string[] }[];
  /** Tables that are not inventory, with why (the operator may force a kind in `sources.kinds`). */
  unclassified: { file: string; line: number; reason: string }[];
  /** The `sources:` written into site.yaml: the files whose tables hold records. */
  sources: string[];
  dryRun: boolean;
}

/** What adopt writes from the site templates: the layout's machinery, never the operator's documents. */
const TEMPLATE_FILES = new Set([
  ".gitignore",
  ".mkdocs/mkdocs.yml",
  "ops/backup/README.md",
  "ops/monitor/check-services.sh",
  "ops/monitor/check-connectivity.sh",
  "ops/monitor/check-backup-state.sh",
  "ops/sensitive/README.md",
]);

/** A site code from a directory name: `public-site-sl` → `public-site-sl`, `My Site` → `my-site`. */
function codeFrom(dir: string): string {
  const base = path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "")
    .slice(0, 16)
    .replace(/-+$/, "");
  return SITE_CODE.test(base) ? base : "site";
}

/** A published repo (a CNAME for GitHub Pages, or a workflow that deploys Pages) is judged as public. */
function looksPublished(root: string): boolean {
  if (existsSync(path.join(root, "CNAME"))) return true;
  const workflows = path.join(root, ".github/workflows");
  let names: string[] = [];
  try {
    names = readdirSync(workflows).filter((n) => /\.ya?ml$/.test(n));
  } catch {
    return false;
  }
  return names.some((n) => {
    const read = readInside(root, path.join(workflows, n), { maxBytes: 256 * 1024 });
    return read.ok && /deploy-pages|github-pages|gh-pages/.test(read.text);
  });
}

const yamlString = (value: string) => JSON.stringify(value);

function siteYaml(code: string, name: string, visibility: "private" | "public", sources: string[], published: boolean): string {
  const include = sources.length ? `\n${sources.map((s) => `    - ${yamlString(s)}`).join("\n")}` : " []";
  return `# Site ${code}: written by \`netstack adopt\` from the repo as it is. Edit freely.
code: ${yamlString(code)}
name: ${yamlString(name)}
# private: addresses in the docs are warnings; public: they are errors (the repo is published).${published ? "\n# Judged public: the repo has a CNAME or a Pages workflow." : ""}
visibility: ${visibility}
# subnet: 192.168.0.0/24   # set it to have device/ip-outside-subnet check every IP

# Where this site's tables are. \`netstack tables\` shows how each one was read. Add a file (or a
# glob such as "docs/**/*.md") to include when you put tables in a new file; force the kind of a
# file or of one section where a table was misread:
#   kinds:
#     "docs/README.md#Local Network": device
#     "docs/tv.md": none
sources:
  include:${include}
`;
}

/**
 * `netstack adopt <repo>`: onboards a repo as it is. Reads every Markdown file, keeps the files
 * whose tables hold records as `sources:` in a new site.yaml, and adds what the layout needs that
 * is missing (the .gitignore block, ops/ directories, monitor scripts, .mkdocs/). It writes only
 * files that do not exist: nothing is moved, rewritten or deleted.
 */
export function adopt(options: AdoptOptions): AdoptResult {
  const cwd = options.cwd ?? process.cwd();
  const root = path.resolve(cwd, options.dir);
  if (!existsSync(root)) throw new FatalError(`${options.dir}: no such directory`);
  if (!statSync(root).isDirectory()) throw new FatalError(`${options.dir}: not a directory`);
  const code = options.code ?? codeFrom(root);
  if (!SITE_CODE.test(code)) throw new FatalError(`site code "${code}" must match ^[a-z][a-z0-9-]{1,15}$`);

  // Read as netstack will once adopted: every Markdown file, tables classified wherever they are.
  const site = loadSite(root, { allMarkdown: true });
  const reports = tableReports(site);
  const sources = [...new Set(reports.filter((r) => Object.values(r.kept).some((n) => n > 0)).map((r) => r.file))].sort();
  const found = RECORD_KINDS.map((kind) => {
    const list = { device: site.devices, service: site.services, overlay: site.overlay, share: site.shares, backup: site.backups, link: site.links }[kind];
    return { kind, records: list.length, files: [...new Set(list.map((e) => e.file.rel))].sort() };
  }).filter((f) => f.records > 0);
  const unclassified = reports.filter((r: TableReport) => r.kind === null).map((r) => ({ file: r.file, line: r.line, reason: r.reason }));

  const published = looksPublished(root);
  const visibility = published ? "public" : "private";
  const name = options.name ?? site.config.name;
  const templates = resolveTemplates(options.templates);
  const render = renderSite(templates, {
    answers: { code, name, role: "", subnet: "", visibility, federation: null },
    gateway: null,
    services: monitoredServices(site),
    peers: [],
    warnAgeHours: DEFAULT_WARN_AGE_HOURS,
    maxAgeHours: DEFAULT_MAX_AGE_HOURS,
    templateVersion: templates.version,
  });
  const wanted: FileChange[] = [
    { rel: "site.yaml", content: siteYaml(code, name, visibility, sources, published) },
    ...templates.files.filter((f) => TEMPLATE_FILES.has(f.path)).map((f) => ({ rel: f.path, content: render.files.get(f.path)!, executable: isExecutable(f.path) })),
  ];
  const exists = (rel: string) => existsSync(path.join(root, rel));
  const changes = wanted.filter((c) => !exists(c.rel));
  const kept = wanted.filter((c) => exists(c.rel)).map((c) => c.rel).sort();
  const layoutDirs = [...new Set([...SITE_DIRS, ...templates.directories])].filter((d) => d !== ".mkdocs" && d !== "docs");
  const directories = layoutDirs.filter((d) => !exists(d)).sort();

  const result: AdoptResult = { root, code, written: changes.map((c) => c.rel).sort(), directories, kept, found, unclassified, sources, dryRun: Boolean(options.dryRun) };
  if (options.dryRun) return result;
  for (const dir of directories) mkdirSync(assertInside(root, dir), { recursive: true });
  applyChanges(root, changes);
  return result;
}

/** What adopt found and did, for the terminal. */
export function formatAdopt(result: AdoptResult): string {
  const out: string[] = [];
  const verb = result.dryRun ? "would write" : "wrote";
  out.push(`Site ${result.code} in ${result.root}`);
  out.push("Found:");
  if (result.found.length === 0) out.push("  no inventory tables");
  for (const f of result.found) out.push(`  ${f.kind}: ${f.records} ${f.records === 1 ? "record" : "records"} in ${f.files.join(", ")}`);
  out.push(`Not inventory (${result.unclassified.length} ${result.unclassified.length === 1 ? "table" : "tables"}):`);
  for (const u of result.unclassified) out.push(`  ${u.file}:${u.line}  ${u.reason}`);
  out.push(`sources: ${result.sources.length ? result.sources.join(", ") : "(none)"}`);
  for (const d of result.directories) out.push(`${result.dryRun ? "would make" : "made"} ${d}/`);
  for (const f of result.written) out.push(`${verb} ${f}`);
  for (const f of result.kept) out.push(`kept ${f} (exists; left as it is)`);
  out.push(result.dryRun ? "Dry run: nothing was written." : "No existing file was changed. Next: netstack lint, and netstack tables to see how each table was read.");
  return `${out.join("\n")}\n`;
}
