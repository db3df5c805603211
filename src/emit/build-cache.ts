import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import type { LocatedTarget } from "../federation/load.js";
import { isDirectory, siteMarkdownFiles, SITE_DIRS } from "../inventory/site.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { VERSION } from "../version.js";
import { SENSITIVE_DIR } from "./sensitive.js";
import type { DocsOptions, SiteSummary } from "./mkdocs/prepare.js";
import { pidAlive } from "./output.js";

/**
 * The build cache: what a build made from its sources alone (the table pages, backup.md,
 * inventory.md, inventory.json/yaml, mkdocs.yml) and the findings of the rules that read only
 * those sources, kept under a key that hashes every input: each Markdown file a site's check
 * reads, site.yaml, .gitignore, the layout's directories, federation.yaml, ops/sensitive in a
 * private build, the options, and netstack's own code and templates. A build whose key matches
 * copies those files and only makes the pages that show backup state and findings again.
 *
 * Parsed sites are not what is kept: measured at 100 sites × 1,000 rows, loading them back
 * (JSON 1.68 s) is slower than parsing them (1.44 s), and parsing is a fifth of a build.
 */
export const CACHE_DIR_NAME = ".netstack-cache";

/** Raised when the layout of an entry changes, so older entries are never misread. */
const FORMAT = 1;

const TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This directory is netstack's build cache; it is safe to delete.\n";

export interface CacheEntry {
  format: number;
  key: string;
  /** Paths in the project (`docs/…`, `mkdocs.yml`) kept under `files/`. */
  stable: string[];
  summaries: SiteSummary[];
  /** Findings of the rules that read only the keyed inputs. */
  diagnostics: Diagnostic[];
}

/** `<federation dir or site root>/.netstack-cache`. */
export function cacheDirFor(target: LocatedTarget): string {
  const base = target.file ? path.dirname(target.file) : target.sites[0]!.root!;
  return path.join(base, CACHE_DIR_NAME);
}

const hash = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

function fileHash(file: string): string | null {
  try {
    return hash(readFileSync(file));
  } catch {
    return null;
  }
}

/** What identifies the running code: its version and the size and mtime of each of its files. */
let fingerprint: string | undefined;
function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const parts: string[] = [VERSION];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const abs = path.join(dir, name);
      const stat = statSync(abs);
      if (stat.isDirectory()) walk(abs);
      else parts.push(`${path.relative(PACKAGE_ROOT, abs)}\0${stat.size}\0${stat.mtimeMs}`);
    }
  };
  for (const dir of ["dist", "src", "templates/mkdocs"]) walk(path.join(PACKAGE_ROOT, dir));
  fingerprint = hash(parts.join("\n"));
  return fingerprint;
}

/** The key of a build: a hash of every input its stable output and findings depend on. */
export function cacheKey(target: LocatedTarget, options: DocsOptions): string {
  const sites = target.sites.map((site) => {
    if (site.root === null) return { declared: site.declared, root: null };
    const root = site.root;
    const files = siteMarkdownFiles(root, { allMarkdown: true }).map((abs) => [path.relative(root, abs), fileHash(abs)]);
    const sensitive =
      options.profile === "private"
        ? listFiles(path.join(root, SENSITIVE_DIR)).map((name) => [name, fileHash(path.join(root, SENSITIVE_DIR, name))])
        : [];
    return {
      declared: site.declared,
      root,
      siteYaml: fileHash(path.join(root, "site.yaml")),
      gitignore: fileHash(path.join(root, ".gitignore")),
      dirs: SITE_DIRS.filter((rel) => isDirectory(path.join(root, rel))),
      files,
      sensitive,
    };
  });
  const input = {
    format: FORMAT,
    code: codeFingerprint(),
    options: { profile: options.profile, theme: options.theme, layout: options.layout },
    federation: target.file ? { file: target.file, hash: fileHash(target.file) } : null,
    sites,
  };
  return hash(JSON.stringify(input));
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** One slot per build target and options: a new entry replaces the old one, so the cache never grows. */
function slotDir(cacheDir: string, target: LocatedTarget, options: DocsOptions): string {
  const id = hash(JSON.stringify([target.file ?? target.sites[0]?.root, options.profile, options.theme, options.layout])).slice(0, 16);
  return path.join(cacheDir, `build-${id}`);
}

/** The entry for `key`, or null: missing, for other inputs, or unreadable (a damaged cache is a miss). */
export function readCache(cacheDir: string, target: LocatedTarget, options: DocsOptions, key: string): { entry: CacheEntry; filesDir: string } | null {
  const slot = slotDir(cacheDir, target, options);
  try {
    const entry = JSON.parse(readFileSync(path.join(slot, "entry.json"), "utf8")) as CacheEntry;
    if (entry.format !== FORMAT || entry.key !== key || !Array.isArray(entry.stable) || !Array.isArray(entry.diagnostics) || !Array.isArray(entry.summaries)) return null;
    const filesDir = path.join(slot, "files");
    if (!entry.stable.every((rel) => existsSync(path.join(filesDir, ...rel.split("/"))))) return null;
    return { entry, filesDir };
  } catch {
    return null;
  }
}

/**
 * Keeps a finished build: its stable files are copied from `outDir` (where they were just
 * written) into a temp dir that then replaces the slot. Returns why it could not, or null.
 */
export function writeCache(cacheDir: string, target: LocatedTarget, options: DocsOptions, kept: Omit<CacheEntry, "format">, outDir: string): string | null {
  const entry: CacheEntry = { format: FORMAT, ...kept };
  const slot = slotDir(cacheDir, target, options);
  const temp = path.join(cacheDir, `.tmp-${process.pid}-${Date.now().toString(36)}`);
  try {
    mkdirSync(cacheDir, { recursive: true });
    if (!existsSync(path.join(cacheDir, "CACHEDIR.TAG"))) writeFileSync(path.join(cacheDir, "CACHEDIR.TAG"), TAG);
    // Never committed, whatever the repo's own .gitignore says (as pytest and mypy do for theirs).
    if (!existsSync(path.join(cacheDir, ".gitignore"))) writeFileSync(path.join(cacheDir, ".gitignore"), "*\n");
    clearLeftovers(cacheDir);
    for (const rel of entry.stable) {
      const to = path.join(temp, "files", ...rel.split("/"));
      mkdirSync(path.dirname(to), { recursive: true });
      copyFileSync(path.join(outDir, ...rel.split("/")), to);
    }
    writeFileSync(path.join(temp, "entry.json"), JSON.stringify(entry));
    rmSync(slot, { recursive: true, force: true });
    renameSync(temp, slot);
    return null;
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

/** Temp dirs of builds that were killed while writing the cache. */
function clearLeftovers(cacheDir: string): void {
  for (const name of readdirSync(cacheDir)) {
    const pid = /^\.tmp-(\d+)-/.exec(name)?.[1];
    if (pid && !pidAlive(Number(pid))) rmSync(path.join(cacheDir, name), { recursive: true, force: true });
  }
}
