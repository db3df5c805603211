import { existsSync } from "node:fs";
import path from "node:path";
import { check, settle, type CheckOptions } from "../../check.js";
import type { Diagnostic } from "../../diagnostics.js";
import { adoptEntry, loadLocated, locateTarget, type Federation, type LocatedTarget } from "../../federation/load.js";
import type { SafeReadResult } from "../../io/safe-read.js";
import { loadSiteConfig, type SiteModel } from "../../inventory/site.js";
import { collectGarbage } from "../../memory.js";
import { runRules } from "../../rules/engine.js";
import { VOLATILE_RULES } from "../../rules/index.js";
import type { SiteEntry } from "../../rules/types.js";
import { cacheDirFor, cacheKeyWith, readCache, sourcesFingerprint, writeCache, type CacheEntry } from "../build-cache.js";
import { checkOutputDir, FromFile, writeTree, type OutputStep, type OutputTree, type WriteTreeResult } from "../output.js";
import { currentDocs, renderDocs } from "./build.js";
import { detectTheme } from "./mkdocs-config.js";
import { currentBase, currentSite, siteSource, type DocsOptions, type SourcedInput, type Theme } from "./prepare.js";
import { runMkdocs, type MkdocsResult } from "./run-mkdocs.js";

export type { DocsInput, DocsOptions, Theme } from "./prepare.js";
export { buildDocs } from "./build.js";
export { runMkdocs } from "./run-mkdocs.js";
export { updateSiteNav } from "./update-nav.js";

export interface BuildSiteOptions extends Omit<CheckOptions, "profile" | "rules"> {
  out: string;
  profile?: DocsOptions["profile"];
  nowMs?: number;
  theme?: Theme;
  /** Also run `mkdocs build --strict` on the result. */
  mkdocs?: boolean;
  /** Use and keep the build cache (`.netstack-cache/` beside federation.yaml, or in the site); default true. Public builds only. */
  buildCache?: boolean;
  onStep?: (step: OutputStep) => void;
}

export interface BuildSiteResult {
  /** federation.yaml, or null for a lone site. */
  file: string | null;
  name: string;
  /** How many sites were built. */
  sites: number;
  diagnostics: Diagnostic[];
  layout: DocsOptions["layout"];
  output: WriteTreeResult;
  pages: number;
  mkdocs: MkdocsResult | null;
  /** `hit`: the stable files came from the build cache; `miss`: made and kept; `off`: not used. */
  cache: "hit" | "miss" | "off";
  /** Why the cache could not be written (the build itself succeeded). */
  cacheProblem: string | null;
}

interface Made {
  tree: OutputTree;
  name: string;
  diagnostics: Diagnostic[];
  sites: number;
  /** What the cache keeps, when this build may be kept. */
  keep: Omit<CacheEntry, "format" | "key" | "sizes" | "hashes" | "stamps"> | null;
}

type Built = Omit<BuildSiteResult, "mkdocs">;

/**
 * `netstack build`: checks the federation (or lone site), then writes its MkDocs project into
 * `out` atomically. Rule errors do not stop the build; they are listed on the index.
 */
export async function buildSite(target: string | Federation | undefined, options: BuildSiteOptions): Promise<BuildSiteResult> {
  const { profile = "public", out: outDir, nowMs = Date.now(), theme, mkdocs: runIt, onStep, buildCache = true, ...loadOptions } = options;
  if (outDir.trim() === "") checkOutputDir(outDir);
  const out = path.resolve(options.cwd ?? process.cwd(), outDir);
  const { onProgress } = options;
  let sources: string[] = [];
  const write = (made: Made, file: string | null, cache: Built["cache"] = "off"): Built => {
    onProgress?.({ step: "write", total: made.tree.size });
    // mkdocs' own output (site/) stays: a build without --mkdocs must not delete the last one.
    const output = writeTree(out, made.tree, { onStep, sources, keep: ["site"] });
    const pages = [...made.tree.keys()].filter((k) => k.endsWith(".md")).length;
    return { file, name: made.name, sites: made.sites, diagnostics: made.diagnostics, layout: layoutOf(file), output, pages, cache, cacheProblem: null };
  };
  let built: Built;
  // The theme is asked of mkdocs (a Python start-up) while the sources are read, when it can be.
  const themeReady = theme ? Promise.resolve(theme) : detectTheme();
  if (typeof target === "object") {
    sources = buildSources(target.file, target.sites.map((s) => s.root));
    checkOutputDir(out, sources, outDir);
    const analysed = await analyse(target, nowMs, onProgress);
    built = write(render(analysed, { profile, nowMs, theme: await themeReady, layout: layoutOf(target.file) }, onProgress), target.file);
  } else {
    const located = await locateTarget(target, options.cwd ?? process.cwd(), loadOptions);
    sources = buildSources(located.file, located.sites.map((s) => s.root));
    // Before any work: a wrong --out is one line at once, not after a long build.
    checkOutputDir(out, sources, outDir);
    const docsOptionsOf = async (): Promise<DocsOptions> => ({ profile, nowMs, theme: await themeReady, layout: layoutOf(located.file) });
    const fromSources = async (): Promise<Made> => {
      // Loaded and checked inside, keeping only what the pages need: the parsed cells (most of a
      // large federation's memory) are garbage before the pages are made.
      const analysed = await analyse(loadLocated(located, { allMarkdown: true, onProgress, preread: reads }), nowMs, onProgress, located);
      collectGarbage();
      return render(analysed, await docsOptionsOf(), onProgress);
    };
    // A private build's pages hold ops/sensitive values: never copied into a cache.
    const cacheDir = buildCache && profile === "public" ? cacheDirFor(located) : null;
    // The sources as they are before the build reads them (a file changed meanwhile misses next
    // time); the Markdown read for it is what the sites are loaded from.
    const reads = new Map<string, SafeReadResult>();
    const fingerprint = cacheDir ? sourcesFingerprint(located, reads) : null;
    // No cache directory yet (a first build): nothing to look up, so the sources are read at once.
    const lookUp = cacheDir !== null && existsSync(cacheDir);
    const docsOptions = lookUp ? await docsOptionsOf() : null;
    const key = docsOptions && fingerprint ? cacheKeyWith(fingerprint, docsOptions) : null;
    const hit = cacheDir && docsOptions && key ? readCache(cacheDir, located, docsOptions, key) : null;
    if (hit && docsOptions) {
      try {
        built = write(fromCache(located, currentFindings(located, nowMs), hit.entry, hit.filesDir, docsOptions), located.file, "hit");
      } catch (error) {
        // Unless the entry was replaced while being read (another build of the same target), the
        // problem is not the cache's: reported as it is.
        if (readCache(cacheDir!, located, docsOptions, key!)) throw error;
        built = write(await fromSources(), located.file);
      }
    } else {
      const made = await fromSources();
      built = write(made, located.file);
      if (cacheDir && fingerprint && made.keep) {
        const options = docsOptions ?? (await docsOptionsOf());
        const missKey = key ?? cacheKeyWith(fingerprint, options);
        built = { ...built, cache: "miss", cacheProblem: writeCache(cacheDir, located, options, { key: missKey, ...made.keep }, out) };
      }
    }
  }
  return { ...built, mkdocs: runIt ? runMkdocs(out, options.env) : null };
}

/** What a build reads, which its output must keep clear of: federation.yaml and every site root. */
function buildSources(file: string | null, roots: (string | null)[]): string[] {
  return [...(file ? [file] : []), ...roots.filter((r): r is string => r !== null)];
}

function layoutOf(file: string | null): DocsOptions["layout"] {
  return file === null ? "site" : "federation";
}

interface Analysed {
  input: SourcedInput;
  sites: number;
  /** The rules' findings that depend only on the keyed inputs; null when the build may not be kept. */
  stableDiagnostics: Diagnostic[] | null;
}

/** Checks a loaded federation and keeps what the pages need of it. */
async function analyse(federation: Federation, nowMs: number, onProgress: BuildSiteOptions["onProgress"], located?: LocatedTarget): Promise<Analysed> {
  const { diagnostics } = await check(federation, { now: nowMs, onProgress });
  const input: SourcedInput = {
    name: federation.name,
    generatedFrom: federation.file ? path.basename(federation.file) : "site.yaml",
    baseDir: federation.file ? path.dirname(federation.file) : (federation.sites[0]?.root ?? process.cwd()),
    sites: federation.sites.map(siteSource),
    federation: federation.config,
    diagnostics,
  };
  // A site found but not loadable (a file refused by the parser) would be missing from the kept
  // findings: such a build is not kept. One that could not be fetched or found is in the key.
  const loadedAll = located !== undefined && (located.file === null || located.sites.every((s, i) => s.root === null || federation.entries[i]?.site));
  const fromLoading = new Set(federation.diagnostics);
  const volatile = new Set(VOLATILE_RULES.map((r) => r.id));
  const stableDiagnostics = loadedAll ? diagnostics.filter((d) => !fromLoading.has(d) && !volatile.has(d.ruleId)) : null;
  return { input, sites: federation.sites.length, stableDiagnostics };
}

function render(analysed: Analysed, docsOptions: DocsOptions, onProgress: BuildSiteOptions["onProgress"]): Made {
  onProgress?.({ step: "pages", total: analysed.sites });
  const rendered = renderDocs(analysed.input, docsOptions);
  const keep = analysed.stableDiagnostics && { stable: rendered.stable, summaries: rendered.summaries, diagnostics: analysed.stableDiagnostics };
  return { tree: rendered.tree, name: analysed.input.name, diagnostics: analysed.input.diagnostics, sites: analysed.sites, keep };
}

/**
 * The findings that are not kept in the cache, made again on a cache hit: federation.yaml and
 * site.yaml problems and the volatile rules (backup age, git's index), run on each site's
 * config alone (they read nothing else of it).
 */
function currentFindings(located: LocatedTarget, nowMs: number): { name: string; diagnostics: Diagnostic[]; config: LocatedTarget["config"] } {
  const diagnostics = [...located.diagnostics];
  const entries: SiteEntry[] = [];
  const shells: SiteModel[] = [];
  for (const site of located.sites) {
    if (site.root === null) continue;
    let shell = siteShell(site.root);
    if (site.declared && located.file) shell = adoptEntry(shell, site.declared, located.file, site, diagnostics);
    shells.push(shell);
    if (site.declared) entries.push({ code: site.declared.code, line: site.line, column: site.column, site: shell });
  }
  const volatile = new Set(VOLATILE_RULES.map((r) => r.id));
  for (const site of shells) {
    const ctx = { site, sites: shells, federation: located.config, federationFile: located.file, profile: site.config.visibility, mode: "check" as const, entries, now: nowMs };
    for (const d of runRules(ctx, VOLATILE_RULES)) if (volatile.has(d.ruleId)) diagnostics.push(d);
  }
  return { name: located.config?.name ?? shells[0]?.config.code ?? "", diagnostics, config: located.config };
}

/** A site with its config and nothing parsed. */
function siteShell(root: string): SiteModel {
  const { config, file, diagnostics, ruleSettingPositions } = loadSiteConfig(root);
  const network = { subnet: null, gateway: null, dns: null, extra: {} };
  return { root, config, configFile: file, configDiagnostics: diagnostics, ruleSettingPositions, files: [], presentDirs: [], devices: [], services: [], overlay: [], shares: [], backups: [], links: [], network };
}

/** A build from a cache entry: its stable files copied, the current pages made again. */
function fromCache(located: LocatedTarget, current: ReturnType<typeof currentFindings>, entry: CacheEntry, filesDir: string, docsOptions: DocsOptions): Made {
  const diagnostics = settle([...current.diagnostics, ...entry.diagnostics]);
  const base = currentBase(
    { name: current.name, baseDir: located.file ? path.dirname(located.file) : located.sites[0]!.root!, federation: located.config, diagnostics },
    docsOptions,
  );
  const sites = entry.summaries.map((summary) => currentSite(summary, diagnostics, docsOptions, base.freshness));
  const tree: OutputTree = new Map(entry.stable.map((rel) => [rel, new FromFile(path.join(filesDir, ...rel.split("/")), true)]));
  for (const [rel, content] of currentDocs({ ...base, sites })) tree.set(rel, content);
  return { tree, name: current.name, diagnostics, sites: sites.length, keep: null };
}
