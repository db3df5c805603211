import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { keyPositions, loadYamlConfig, readTextFile } from "../config/yaml-config.js";
import { siteConfigSchema, type SiteConfig } from "../config/site.js";
import { FatalError, type Diagnostic } from "../diagnostics.js";
import { readInside, type SafeReadResult } from "../io/safe-read.js";
import { NestingError, parseMarkdown, stripBom } from "../markdown/index.js";
import type { MarkdownDoc, Row } from "../markdown/types.js";
import { buildRecords } from "./build.js";
import type { RecordKind } from "./kinds.js";
import type { Cells, RecordTypes } from "./records.js";
import type { NetworkInfo } from "./schema.js";
import { siteTextFiles, type SkippedFile, type TextFile } from "./text-files.js";
import { publicationSignals, type PublicationSignal } from "./publication.js";
import { cellValue } from "./cells.js";
import { mergeDescriptions } from "./merge-sources.js";
import { addressKeys, deviceKeys, nameKeys, readSiteConfigYml, type SiteConfigYmlSource } from "./site-config-yml.js";
import { includedFiles, sourcesPlan, type SourcesPlan } from "./sources.js";
import { hasDotSegment, matcherOf, walkSite, type SiteEntry } from "./site-walk.js";
import { classifyTable, fileRole, type ClassifiedTable, type FileRole } from "./tables.js";
import { appendAll } from "../text/append.js";

export const SITE_FILES = ["docs/devices.md", "docs/services.md", "docs/network.md"] as const;
export const SITE_DIRS = ["docs", "docs/log", "ops", "ops/backup", "ops/monitor", "ops/sensitive", ".mkdocs"] as const;

/** A Markdown file of a site, parsed. */
export interface SourceFile {
  abs: string;
  /** Path relative to the site root, with forward slashes. */
  rel: string;
  text: string;
  bom: boolean;
  role: FileRole;
  doc: MarkdownDoc;
  tables: ClassifiedTable[];
}

/**
 * One inventory record with the cells it came from, for rules that need positions. Most come from
 * a table row; a record of site-config.yml has no table, and its "row" and cells are its YAML
 * mapping and scalars (a record described by both holds cells of both: see merge-sources.ts).
 */
export interface Entry<K extends RecordKind = RecordKind> {
  kind: K;
  record: RecordTypes[K];
  file: SourceFile;
  /** The table of the row; null for a record that is not from a table (site-config.yml). */
  table: ClassifiedTable | null;
  row: Row;
  cells: Cells;
}

export interface SiteModel {
  root: string;
  config: SiteConfig;
  configFile: string | null;
  configDiagnostics: Diagnostic[];
  /** Where each key of site.yaml's `rules:` is written, so the engine can point at an unknown rule id. */
  ruleSettingPositions: Record<string, { line: number; column: number }>;
  files: SourceFile[];
  /**
   * The site's other text files (scripts, YAML, JSON, .env, .conf; Markdown the sources leave
   * out or under dot-folders), read for the secret detector only: every one for a whole site,
   * the named ones for named files.
   */
  textFiles?: TextFile[];
  /** Files that were not scanned for secrets (binary, refused by the safe reader), for a note. */
  skippedFiles?: SkippedFile[];
  /** What publishes the site whatever site.yaml says (a CNAME, a Pages workflow): it is judged public. */
  publication?: PublicationSignal[];
  /** The layout directories that exist. */
  presentDirs: string[];
  devices: Entry<"device">[];
  services: Entry<"service">[];
  overlay: Entry<"overlay">[];
  shares: Entry<"share">[];
  backups: Entry<"backup">[];
  /** Cable runs (`switch 1 to 2`, ports `sw1p4-sw2p5`). */
  links: Entry<"link">[];
  network: NetworkInfo;
  /** site-config.yml at the site root, when there is one: its records are merged into the lists above. */
  siteConfigYml?: SiteConfigYmlSource | null;
}

export interface LoadSiteOptions {
  /**
   * Parse every Markdown file of the site (whole-site lint, check, build). Without it, the site's
   * table sources are parsed: the files `sources.include` lists, or docs/devices.md, services.md and
   * network.md when the site has all three and no `sources:` (a layout site: a commit hook stays
   * fast), or else every Markdown file (tables can be anywhere).
   */
  allMarkdown?: boolean;
  /** Extra files to parse, absolute paths (files named on the command line). */
  extraFiles?: string[];
  /**
   * Markdown files read already, by absolute path (a build reads every one for its cache key
   * first): each is taken from here, once, instead of being read again.
   */
  preread?: Map<string, SafeReadResult>;
}

/** Walks up from a path to the directory holding `site.yaml` or `docs/`. */
export function findSiteRoot(start: string): string | null {
  let dir = path.resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    if (existsSync(path.join(dir, "site.yaml"))) return dir;
    if (existsSync(path.join(dir, "docs")) && statSync(path.join(dir, "docs")).isDirectory()) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function parseSourceFile(root: string, abs: string, text: string, config: SiteConfig, plan: SourcesPlan = sourcesPlan(config)): SourceFile {
  const rel = path.relative(root, abs).split(path.sep).join("/");
  const { text: body, bom } = stripBom(text);
  const doc = parseNamed(abs, body);
  const role = fileRole(rel);
  const included = plan.includes(rel);
  const tables = doc.tables.map((t) =>
    included
      ? classifyTable(t, { role, rel, aliases: config.aliases, override: plan.kindFor(rel, t.heading?.text ?? null) })
      : notASource(t),
  );
  return { abs, rel, text: body, bom, role: included ? role : "other", doc, tables };
}

/** A table of a file `sources:` leaves out: read for nothing but the sensitive rules. */
function notASource(table: MarkdownDoc["tables"][number]): ClassifiedTable {
  return { table, kind: null, columns: table.header.cells.map(() => null), missing: [], shape: "none", confidence: 1, reason: "file not in sources", layout: false };
}

/** A document the table layer refuses (nesting too deep) is named with file:line:col. */
function parseNamed(abs: string, text: string): MarkdownDoc {
  try {
    return parseMarkdown(text);
  } catch (error) {
    if (error instanceof NestingError) throw new FatalError(`${abs}:${error.point.line}:${error.point.column}: ${error.message}`);
    throw error;
  }
}

/** Reported for a file of the site that is not read: a link out of the site, a device or FIFO, too large. */
export const UNREADABLE_FILE = "site/unreadable-file";

/**
 * Reads a Markdown file of the site through the one safe reader: a missing file is null, a refused
 * one (outside the site, not a regular file, over the size limit) is a diagnostic and null, and one
 * the system will not let us read (permissions, a symlink loop) stops the command.
 */
function readMarkdown(root: string, abs: string, problems: Diagnostic[], named: boolean, preread?: Map<string, SafeReadResult>): string | null {
  const result = take(preread, abs) ?? readInside(root, abs);
  if (result.ok) return result.text;
  // A file only the glob found (not one of the site's table files, not named on the command
  // line) that the system cannot open, a link loop say, is passed over as the glob used to.
  if (result.problem === "unreadable" && !named) return null;
  if (result.problem === "unreadable") throw new FatalError(`${abs}: ${result.message}`);
  if (result.problem !== "missing") {
    problems.push({ file: abs, line: 1, column: 1, ruleId: UNREADABLE_FILE, severity: "error", message: `${path.relative(root, abs).split(path.sep).join("/")}: ${result.message}` });
  }
  return null;
}

/** The entry for `key`, removed from the map (so its text is not held longer than needed). */
function take<T>(map: Map<string, T> | undefined, key: string): T | undefined {
  const value = map?.get(key);
  if (value !== undefined) map!.delete(key);
  return value;
}

function defaultConfig(root: string): SiteConfig {
  const base = path.basename(root).toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^[^a-z]+/, "") || "site";
  return { code: base.slice(0, 16), name: path.basename(root), visibility: "private" };
}

/** Reads `site.yaml`: schema problems are diagnostics, the site is still loaded with what can be used. */
export function loadSiteConfig(root: string): { config: SiteConfig; file: string | null; diagnostics: Diagnostic[]; ruleSettingPositions: Record<string, { line: number; column: number }> } {
  const file = path.join(root, "site.yaml");
  if (!existsSync(file)) return { config: defaultConfig(root), file: null, diagnostics: [], ruleSettingPositions: {} };
  const text = readTextFile(file, { root });
  const loaded = loadYamlConfig(file, siteConfigSchema, text);
  const ruleSettingPositions = keyPositions(loaded.document, ["rules"], text);
  if (loaded.value) return { config: loaded.value, file, diagnostics: [], ruleSettingPositions };
  // Best effort: keep the valid parts so the rest of the site can still be checked.
  const data = (loaded.data && typeof loaded.data === "object" ? loaded.data : {}) as Record<string, unknown>;
  const fallback = defaultConfig(root);
  // Key by key, so one bad value (a typo in `visibility`) does not also drop `subnet` or `rules`.
  const shape = siteConfigSchema.shape as Record<string, z.ZodType>;
  const valid = Object.entries(data).flatMap(([key, value]) => {
    const parsed = key in shape ? shape[key]!.safeParse(value) : undefined;
    return parsed?.success ? [[key, parsed.data] as const] : [];
  });
  const config = { ...fallback, ...stripUndefined(Object.fromEntries(valid)) } as SiteConfig;
  return { config, file, diagnostics: loaded.diagnostics, ruleSettingPositions };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Loads a site: its config, its Markdown files parsed, and its records with their cells. */
export function loadSite(rootDir: string, options: LoadSiteOptions = {}): SiteModel {
  const root = path.resolve(rootDir);
  if (!existsSync(root)) throw new FatalError(`${rootDir}: no such site directory`);
  if (!statSync(root).isDirectory()) throw new FatalError(`${rootDir}: not a directory`);
  const { config, file: configFile, diagnostics: configDiagnostics, ruleSettingPositions } = loadSiteConfig(root);

  const files: SourceFile[] = [];
  const problems: Diagnostic[] = [];
  const plan = sourcesPlan(config);
  const named = new Set([...SITE_FILES.map((f) => path.join(root, f)), ...(options.extraFiles ?? []).map((f) => path.resolve(f))]);
  // A whole-site load lists the tree once for both the Markdown and the text files.
  const entries = options.allMarkdown ? walkSite(root) : undefined;
  for (const abs of siteMarkdownFiles(root, options, config, entries)) {
    const text = readMarkdown(root, abs, problems, named.has(abs), options.preread);
    if (text !== null) files.push(parseSourceFile(root, abs, text, config, plan));
  }
  const presentDirs = SITE_DIRS.filter((rel) => isDirectory(path.join(root, rel)));
  const records = buildRecords(files);
  const siteConfigYml = readSiteConfigYml(root);
  if (siteConfigYml) {
    mergeSiteConfigYml(records, siteConfigYml);
    appendAll(problems, siteConfigYml.diagnostics);
  }
  const namedText = (options.extraFiles ?? []).filter((f) => !f.endsWith(".md"));
  const text = options.allMarkdown || namedText.length ? siteTextFiles(root, { whole: options.allMarkdown, named: namedText, parsed: new Set(files.map((f) => f.abs)), entries }) : { files: [], skipped: [] };
  return {
    root,
    config,
    configFile,
    configDiagnostics: [...configDiagnostics, ...problems],
    ruleSettingPositions,
    files,
    textFiles: text.files,
    skippedFiles: text.skipped,
    publication: publicationSignals(root),
    presentDirs,
    ...records,
    siteConfigYml,
  };
}

/**
 * Merges site-config.yml's records into the tables' ones: a device, service or overlay member
 * both describe (by name; a service by name and host) is one record, the table's values winning
 * and the YAML filling what the table leaves empty; the rest are records of their own. The
 * network facts fill what the tables do not say.
 */
export function mergeSiteConfigYml(records: ReturnType<typeof buildRecords>, yml: SiteConfigYmlSource): void {
  const serviceKeys = (entry: Entry<"service">) => (entry.record.name ? [`${nameKeys(entry)[0]}@${(entry.record.host ?? "").trim().toLowerCase()}`] : []);
  const devices = mergeDescriptions(records.devices, yml.devices, { keys: (e) => [...nameKeys(e), ...addressKeys(e)], secondaryKeys: (e) => deviceKeys(e, yml.byAddress) });
  const services = mergeDescriptions(records.services, yml.services, { keys: serviceKeys });
  const overlay = mergeDescriptions(records.overlay, yml.overlay, { keys: nameKeys });
  records.devices = devices.entries;
  records.services = services.entries;
  records.overlay = overlay.entries;
  appendAll(yml.pairs, devices.pairs, services.pairs, overlay.pairs);
  appendAll(yml.shadowed.devices, devices.shadowed);
  appendAll(yml.shadowed.services, services.shadowed);
  appendAll(yml.shadowed.overlay, overlay.shadowed);
  const network = records.network;
  network.subnet ??= yml.network.subnet ? cellValue(yml.network.subnet) : null;
  network.gateway ??= yml.network.gateway ? cellValue(yml.network.gateway) : null;
  network.dns ??= yml.network.dns ? cellValue(yml.network.dns) : null;
  for (const [key, value] of Object.entries(yml.network.extra)) if (!(key in network.extra)) network.extra[key] = value;
}

/** Markdown that is not the site's docs: private notes, logs, the built site, installed packages. */
const NOT_PARSED = matcherOf(["**/node_modules/**", "ops/sensitive/**", "docs/log/**", "site/**"]);

/** The Markdown files `loadSite` parses, absolute and sorted (present or not: a missing one is skipped). */
export function siteMarkdownFiles(root: string, options: LoadSiteOptions = {}, config?: SiteConfig, entries?: SiteEntry[]): string[] {
  const wanted = new Set<string>(SITE_FILES.map((f) => path.join(root, f)));
  const listed = config?.sources?.include !== undefined && config.sources.include.length > 0;
  if (listed && !options.allMarkdown) for (const f of includedFiles(root, config!)) wanted.add(f);
  const layoutSite = SITE_FILES.every((f) => existsSync(path.join(root, f)));
  if (options.allMarkdown || (!listed && !layoutSite)) {
    // Links and special files named *.md are listed too (directories are not): the safe reader
    // refuses them with a site/unreadable-file diagnostic instead of their being passed over.
    for (const entry of entries ?? walkSite(root)) {
      if (entry.isDirectory || !entry.rel.endsWith(".md") || hasDotSegment(entry.rel) || NOT_PARSED(entry.rel)) continue;
      wanted.add(path.join(root, entry.rel));
    }
  }
  for (const f of options.extraFiles ?? []) if (f.endsWith(".md")) wanted.add(path.resolve(f));

  return [...wanted].sort();
}

export function isDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

export { buildRecords } from "./build.js";
