import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { isMap, isPair, isScalar, type Document, type Node as YamlNode } from "yaml";
import { federationConfigSchema, federationSiteSchema, type FederationConfig, type FederationSite } from "../config/federation.js";
import { keyPositions, loadYamlConfig, readTextFile, schemaDiagnostic } from "../config/yaml-config.js";
import { FatalError, type Diagnostic } from "../diagnostics.js";
import { findSiteRoot, loadSite, type LoadSiteOptions, type SiteModel } from "../inventory/site.js";
import { LineIndex } from "../markdown/lines.js";
import { unknownRuleIds } from "../rules/engine.js";
import type { SiteEntry } from "../rules/types.js";
import { mask } from "../sensitive/mask.js";
import { maskUrlCredentials } from "../git/run.js";
import { defaultCacheDir, repoCachePath, repoLocation, syncRepo } from "./repo-cache.js";

/** Reported when a site of the federation cannot be fetched or read; the other sites are still checked. */
export const SITE_UNAVAILABLE = "federation/site-unavailable";

/** A federation (or a lone site) loaded for `check`, `inventory` and `build`. */
export interface Federation {
  /** Absolute path of federation.yaml; null for a lone site. */
  file: string | null;
  name: string;
  /** The validated config; for a file failing its schema, the parts that pass it (see `bestEffort`). */
  config: FederationConfig | null;
  /** The site entries of federation.yaml in order, each with its loaded site or null. */
  entries: SiteEntry[];
  /** The sites that loaded, in federation.yaml order. */
  sites: SiteModel[];
  /** federation.yaml schema problems and sites that could not be loaded. */
  diagnostics: Diagnostic[];
}

/**
 * What a long run is doing, for a progress line: repo sites fetched, sites loaded, then the
 * rules run (`check`), and for `build` the pages made and written.
 */
export type Progress =
  | { step: "fetch" | "load"; code: string; done: number; total: number }
  | { step: "check" | "pages" | "write"; total: number };

export interface LoadFederationOptions {
  /** Where repo sites are cloned; default `$XDG_CACHE_HOME/netstack` (`~/.cache/netstack`). */
  cache?: string;
  /** Use the cache as it is: no clone, no fetch. */
  offline?: boolean;
  /** Parse every Markdown file of each site (what `check` needs), not just the three tables files. */
  allMarkdown?: boolean;
  /** Called as each repo site is fetched and each site loaded (the CLI draws a progress line on a TTY). */
  onProgress?: (progress: Progress) => void;
  env?: NodeJS.ProcessEnv;
}

/** Repos are fetched a few at a time: 50 sites should not mean 50 git processes at once. */
const FETCH_CONCURRENCY = 4;

/** A site of a target, found (and fetched) but not parsed yet. */
export interface LocatedSite {
  /** The federation.yaml entry; null for a lone site. */
  declared: FederationSite | null;
  /** Where the entry is written in federation.yaml. */
  line: number;
  column: number;
  /** The site's directory; null when it could not be had (a diagnostic says why). */
  root: string | null;
}

/** A federation.yaml (or a lone site) with its sites located: everything but the parsing. */
export interface LocatedTarget {
  file: string | null;
  config: FederationConfig | null;
  sites: LocatedSite[];
  /** federation.yaml schema problems and sites that could not be fetched or found. */
  diagnostics: Diagnostic[];
}

/**
 * Reads federation.yaml and locates every site: by `path` (relative to the file) or by `repo`
 * (cloned or fetched with git into the cache). A site that cannot be had is a diagnostic naming it.
 */
export async function locateFederation(file: string, options: LoadFederationOptions = {}): Promise<LocatedTarget> {
  const abs = path.resolve(file);
  const text = readTextFile(abs);
  const loaded = loadYamlConfig(abs, federationConfigSchema, text);
  const config = loaded.value ?? bestEffort(loaded.data, abs);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  if (config.rules) for (const d of unknownRuleIds(abs, config.rules, keyPositions(loaded.document, ["rules"], text))) diagnostics.push(d);
  const locate = entryLocator(loaded.document, new LineIndex(text));
  const declared = siteEntries(loaded.data, loaded.value);
  const cacheDir = path.resolve(options.cache ?? defaultCacheDir(options.env));

  const unavailable = (index: number, code: string, message: string, severity: Diagnostic["severity"] = "error") => {
    diagnostics.push(unavailableDiagnostic(abs, locate(index), code, message, severity));
  };

  // Repo sites are fetched in parallel.
  const roots = new Map<number, string>();
  const repos = declared.filter(({ site }) => site.repo !== undefined);
  let done = 0;
  await forEachLimited(repos, FETCH_CONCURRENCY, async ({ index, site }) => {
    options.onProgress?.({ step: "fetch", code: site.code, done, total: repos.length });
    const shown = maskUrlCredentials(site.repo!);
    const location = repoLocation(site.repo!, path.dirname(abs));
    if (!location.ok) {
      done++;
      return unavailable(index, site.code, `cannot fetch ${shown}: ${location.reason}`);
    }
    const result = await syncRepo(location.url, repoCachePath(cacheDir, site.code, location.url), { ref: site.ref, offline: options.offline, env: options.env });
    done++;
    options.onProgress?.({ step: "fetch", code: site.code, done, total: repos.length });
    if (!result.ok) return unavailable(index, site.code, `${options.offline ? "" : "cannot fetch "}${shown}: ${result.reason}`);
    if (result.stale) unavailable(index, site.code, `cannot fetch ${shown} (${result.stale}); checked the cached copy`, "warn");
    roots.set(index, result.dir);
  });

  const sites = declared.map(({ index, site }): LocatedSite => {
    const at = locate(index);
    let root = roots.get(index) ?? null;
    if (site.path !== undefined) {
      root = path.resolve(path.dirname(abs), site.path);
      if (!existsSync(root) || !statSync(root).isDirectory()) {
        unavailable(index, site.code, `no site directory at ${site.path}`);
        root = null;
      }
    }
    return { declared: site, line: at.line, column: at.column, root };
  });
  return { file: abs, config, sites, diagnostics };
}

function unavailableDiagnostic(file: string, at: { line: number; column: number }, code: string, message: string, severity: Diagnostic["severity"] = "error"): Diagnostic {
  // A repo URL may carry user:password@ and git's error may quote it: masked where the message is formed.
  return { file, line: at.line, column: at.column, ruleId: SITE_UNAVAILABLE, severity, message: mask(`Site ${code}: ${message}`) };
}

/** Parses every located site; one that cannot be read is a diagnostic, the others are still loaded. */
export function loadLocated(target: LocatedTarget, options: Pick<LoadFederationOptions, "allMarkdown" | "onProgress"> & Pick<LoadSiteOptions, "preread"> = {}): Federation {
  const file = target.file;
  if (file === null) return loadLoneSite(target.sites[0]!.root!, options);
  const diagnostics = [...target.diagnostics];
  const entries = target.sites.map((located, index): SiteEntry => {
    const declared = located.declared!;
    options.onProgress?.({ step: "load", code: declared.code, done: index, total: target.sites.length });
    const entry: SiteEntry = { code: declared.code, line: located.line, column: located.column, site: null };
    if (located.root === null) return entry;
    try {
      entry.site = adoptEntry(loadSite(located.root, { allMarkdown: options.allMarkdown, preread: options.preread }), declared, file, located, diagnostics);
    } catch (error) {
      if (!(error instanceof FatalError)) throw error;
      diagnostics.push(unavailableDiagnostic(file, located, declared.code, error.message));
    }
    return entry;
  });
  const sites = entries.flatMap((e) => (e.site ? [e.site] : []));
  return { file, name: target.config!.name, config: target.config, entries, sites, diagnostics };
}

/** Reads federation.yaml and loads every site (`locateFederation`, then `loadLocated`). */
export async function loadFederation(file: string, options: LoadFederationOptions = {}): Promise<Federation> {
  return loadLocated(await locateFederation(file, options), options);
}

/** A lone site, shaped as a federation of one (no federation config, no cross-site rules). */
export function loadLoneSite(dir: string, options: Pick<LoadFederationOptions, "allMarkdown"> & Pick<LoadSiteOptions, "preread"> = {}): Federation {
  const site = loadSite(dir, { allMarkdown: options.allMarkdown, preread: options.preread });
  return { file: null, name: site.config.code, config: null, entries: [], sites: [site], diagnostics: [] };
}

/**
 * What `check`, `inventory` and `build` take: a federation.yaml, a directory holding one,
 * or a site directory (default: the current directory), located but not parsed.
 */
export async function locateTarget(target: string | undefined, cwd: string, options: LoadFederationOptions = {}): Promise<LocatedTarget> {
  const abs = path.resolve(cwd, target ?? ".");
  if (!existsSync(abs)) throw new FatalError(`${target ?? abs}: no such file or directory`);
  if (!statSync(abs).isDirectory()) {
    if (!/\.ya?ml$/i.test(abs)) throw new FatalError(`${target}: expected federation.yaml or a site directory`);
    return locateFederation(abs, options);
  }
  const federationFile = path.join(abs, "federation.yaml");
  if (existsSync(federationFile) && !existsSync(path.join(abs, "site.yaml"))) return locateFederation(federationFile, options);
  const root = findSiteRoot(abs);
  if (!root) throw new FatalError(`${target ?? "."}: neither a federation (federation.yaml) nor a site (site.yaml or docs/)`);
  return { file: null, config: null, sites: [{ declared: null, line: 1, column: 1, root }], diagnostics: [] };
}

/** `locateTarget`, then every site parsed. */
export async function loadTarget(target: string | undefined, cwd: string, options: LoadFederationOptions = {}): Promise<Federation> {
  return loadLocated(await locateTarget(target, cwd, options), options);
}

/**
 * The site's identity comes from its federation.yaml entry: a site without site.yaml takes it whole,
 * a site.yaml whose code disagrees is reported and the entry's code wins (so `code:host` resolves).
 */
export function adoptEntry(site: SiteModel, entry: FederationSite, file: string, at: { line: number; column: number }, diagnostics: Diagnostic[]): SiteModel {
  if (site.configFile === null) return { ...site, config: { ...site.config, code: entry.code, name: entry.name, role: entry.role ?? site.config.role } };
  if (site.config.code === entry.code) return site;
  diagnostics.push(schemaDiagnostic(file, at, `Site ${entry.code}: its site.yaml says code "${site.config.code}"`));
  return { ...site, config: { ...site.config, code: entry.code } };
}

/** Site entries that pass the schema, with their index in `sites` (invalid ones are already diagnostics). */
function siteEntries(data: unknown, valid: FederationConfig | undefined): { index: number; site: FederationSite }[] {
  if (valid) return valid.sites.map((site, index) => ({ index, site }));
  const raw = (data as { sites?: unknown } | null)?.sites;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item, index) => {
    const parsed = federationSiteSchema.safeParse(item);
    return parsed.success ? [{ index, site: parsed.data }] : [];
  });
}

/**
 * A federation.yaml that fails its schema is still used as far as it can be: each top-level key
 * that passes keeps its value, one that fails falls back to its default, so the sites still get checked.
 */
function bestEffort(data: unknown, file: string): FederationConfig {
  const raw = (data && typeof data === "object" ? data : {}) as Record<string, unknown>;
  const shape = federationConfigSchema.shape;
  const pick = <T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, value: unknown, fallback: T): T => {
    const parsed = schema.safeParse(value);
    return parsed.success ? (parsed.data as T) : fallback;
  };
  return {
    name: pick(shape.name, raw.name, path.basename(path.dirname(file))),
    overlay: pick(shape.overlay, raw.overlay, undefined),
    sites: siteEntries(data, undefined).map((e) => e.site),
    backup: pick(shape.backup, raw.backup, shape.backup.parse(undefined)),
    rules: pick(shape.rules, raw.rules, undefined),
  };
}

/** Position of `sites[i]` in federation.yaml: its `code` key when it has one, else the item. */
function entryLocator(document: Document, lines: LineIndex): (index: number) => { line: number; column: number } {
  return (index) => {
    const item = document.getIn(["sites", index], true) as YamlNode | undefined;
    let offset = item?.range?.[0];
    if (item && isMap(item)) {
      const code = item.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === "code");
      if (code && isScalar(code.key) && code.key.range) offset = code.key.range[0];
    }
    const at = lines.point(offset ?? 0);
    return { line: at.line, column: at.column };
  };
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}
