import { createHash } from "node:crypto";
import { type BigIntStats, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import type { LocatedTarget } from "../federation/load.js";
import { isDirectory, siteMarkdownFiles, SITE_DIRS } from "../inventory/site.js";
import { asTextResult, readInsideBytes, readRegularBytes, type SafeReadResult } from "../io/safe-read.js";
import { SITE_CONFIG_YML } from "../inventory/site-config-yml.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { z } from "zod";
import { VERSION } from "../version.js";
import type { DocsOptions, SiteSummary } from "./mkdocs/prepare.js";
import { linkOrCopy, pidAlive } from "./output.js";

/**
 * The build cache: what a build made from its sources alone (the table pages, backup.md,
 * inventory.md, inventory.json/yaml, mkdocs.yml) and the findings of the rules that read only
 * those sources, kept under a key that hashes every input: each Markdown file a site's check
 * reads, site.yaml, site-config.yml, .gitignore, the layout's directories, federation.yaml, the options, and
 * netstack's own code and templates. A build whose key matches copies those files and only makes
 * the pages that show backup state and findings again. Public builds only: a private build's
 * pages hold ops/sensitive values, which stay where `--out` puts them and nowhere else.
 *
 * Parsed sites are not what is kept: measured at 100 sites × 1,000 rows, loading them back
 * (JSON 1.68 s) is slower than parsing them (1.44 s), and parsing is a fifth of a build.
 */
export const CACHE_DIR_NAME = ".netstack-cache";

/** Raised when the layout of an entry changes, so older entries are never misread. */
const FORMAT = 3;

const TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This directory is netstack's build cache; it is safe to delete.\n";

export interface CacheEntry {
  format: number;
  key: string;
  /** Paths in the project (`docs/…`, `mkdocs.yml`) kept under `files/`. */
  stable: string[];
  /** Their sizes, so a damaged (truncated) file is a miss. */
  sizes: number[];
  /** Their SHA-256: a file changed at the same size is a miss too. */
  hashes: string[];
  /**
   * Each file's inode and modification time (ns) when kept. A file that still has them is the
   * one written (the output is only ever replaced, never written in place, as `make` and git
   * trust a file's stat); one that has not (a cache restored by CI, copied, or changed) is
   * checked against its hash.
   */
  stamps: string[];
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

/**
 * The hash of a file a site supplies, read as the build reads it (the safe reader): a link out of
 * the site, a FIFO or a device is hashed as its refusal, never read.
 */
function fileHash(root: string | null, file: string, reads?: Map<string, SafeReadResult>): string | null {
  // federation.yaml is named by the operator and may be a link (read as `locateFederation` reads it).
  const result = root === null ? readRegularBytes(file) : readInsideBytes(root, file);
  // The bytes are hashed; a miss decodes them when it parses the file, a hit never does.
  reads?.set(file, asTextResult(result));
  if (result.ok) return hash(result.buffer);
  return result.problem === "missing" ? null : `refused: ${result.problem}`;
}

/** What follows from a file hashed beside it: V8's code cache of a bundle (4 MB), a module's types. */
const DERIVED = /\.(?:cache|d\.ts)$/;

/**
 * What identifies the running code: its version, the contents of its files (about 7 MB, a tenth
 * of a second; contents, not mtimes, so recompiling the same code keeps the cache) and the
 * installed dependencies (npm's record of them; the library reads them from node_modules, and
 * every build copies Mermaid from there).
 */
let fingerprint: string | undefined;
function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const digest = createHash("sha256").update(VERSION);
  const add = (abs: string): void => {
    try {
      if (statSync(abs).isDirectory()) {
        for (const name of readdirSync(abs).sort()) if (!DERIVED.test(name)) add(path.join(abs, name));
      } else digest.update(`\0${path.relative(PACKAGE_ROOT, abs)}\0`).update(readFileSync(abs));
    } catch {
      // Missing, or removed meanwhile (an old chunk of a rebuild): nothing to hash.
    }
  };
  for (const dir of ["dist", "src", "templates/mkdocs"]) add(path.join(PACKAGE_ROOT, dir));
  // node_modules of the package (a checkout), or the one it is installed in.
  add(path.join(PACKAGE_ROOT, "node_modules/.package-lock.json"));
  add(path.join(path.dirname(PACKAGE_ROOT), ".package-lock.json"));
  fingerprint = digest.digest("hex");
  return fingerprint;
}

/** The key of a build: a hash of every input its stable output and findings depend on. */
export function cacheKey(target: LocatedTarget, options: DocsOptions): string {
  return cacheKeyWith(sourcesFingerprint(target), options);
}

/** What a build's key says of its sources: hashed before they are read, so a file changed during the build misses next time. */
export interface SourcesFingerprint {
  federation: { file: string; hash: string | null } | null;
  sites: unknown[];
}

/** `reads`, when given, gets what was read of each Markdown file: the build loads the sites from it. */
export function sourcesFingerprint(target: LocatedTarget, reads?: Map<string, SafeReadResult>): SourcesFingerprint {
  const sites = target.sites.map((site) => {
    if (site.root === null) return { declared: site.declared, root: null };
    const root = site.root;
    const files = siteMarkdownFiles(root, { allMarkdown: true }).map((abs) => [path.relative(root, abs), fileHash(root, abs, reads)]);
    return {
      declared: site.declared,
      root,
      siteYaml: fileHash(root, path.join(root, "site.yaml")),
      siteConfigYml: fileHash(root, path.join(root, SITE_CONFIG_YML)),
      gitignore: fileHash(root, path.join(root, ".gitignore")),
      dirs: SITE_DIRS.filter((rel) => isDirectory(path.join(root, rel))),
      files,
    };
  });
  return { federation: target.file ? { file: target.file, hash: fileHash(null, target.file) } : null, sites };
}

/** The key of sources fingerprinted earlier, built with `options`. */
export function cacheKeyWith(sources: SourcesFingerprint, options: DocsOptions): string {
  const input = {
    format: FORMAT,
    code: codeFingerprint(),
    options: { profile: options.profile, theme: options.theme, layout: options.layout },
    federation: sources.federation,
    sites: sources.sites,
  };
  return hash(JSON.stringify(input));
}

/** One slot per build target and options: a new entry replaces the old one, so the cache never grows. */
function slotDir(cacheDir: string, target: LocatedTarget, options: DocsOptions): string {
  const id = hash(JSON.stringify([target.file ?? target.sites[0]?.root, options.profile, options.theme, options.layout])).slice(0, 16);
  return path.join(cacheDir, `build-${id}`);
}

/** The shape of entry.json: anything else (hand-edited, another version's, garbage) is a miss, never an error. */
const point = z.number().int().nonnegative();
const entrySchema = z.object({
  format: z.literal(FORMAT),
  key: z.string(),
  // Paths inside the output only: an entry naming `../x` would have the build write beside it.
  stable: z.array(z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[^\\\0]+$/)),
  sizes: z.array(point),
  hashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
  stamps: z.array(z.string()),
  summaries: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      role: z.string().nullable(),
      root: z.string(),
      dir: z.string(),
      digest: z.object({
        subnet: z.string().nullable(),
        active: z.object({ devices: point, services: point, overlay: point, shares: point, backups: point }),
        deviceTypes: z.array(z.tuple([z.string(), point])),
        serviceExposures: z.array(z.tuple([z.string(), point])),
      }),
    }),
  ),
  diagnostics: z.array(
    z.object({
      file: z.string(),
      line: point,
      column: point,
      endLine: point.optional(),
      endColumn: point.optional(),
      ruleId: z.string(),
      severity: z.enum(["error", "warn"]),
      message: z.string(),
      fix: z.object({ edits: z.array(z.object({ start: point, end: point, text: z.string() })) }).optional(),
    }),
  ),
});

/** What says a file is the one kept: its device, inode and modification time to the nanosecond. */
function stampOf(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.mtimeNs}`;
}

/** SHA-256 of a file, read a block at a time (a large federation's inventory.json is 100+ MB). */
function fileSha256(file: string): string {
  const digest = createHash("sha256");
  const fd = openSync(file, "r");
  try {
    const block = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = readSync(fd, block, 0, block.length, null)) > 0; ) digest.update(block.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return digest.digest("hex");
}

/** The entry for `key`, or null: missing, for other inputs, malformed or damaged (a file whose size or hash is not the recorded one). */
export function readCache(cacheDir: string, target: LocatedTarget, options: DocsOptions, key: string): { entry: CacheEntry; filesDir: string } | null {
  const slot = slotDir(cacheDir, target, options);
  try {
    const parsed = entrySchema.safeParse(JSON.parse(readFileSync(path.join(slot, "entry.json"), "utf8")));
    if (!parsed.success) return null;
    const entry: CacheEntry = parsed.data;
    const files = entry.stable.length;
    if (entry.key !== key || entry.sizes.length !== files || entry.hashes.length !== files || entry.stamps.length !== files) return null;
    const filesDir = path.join(slot, "files");
    for (let i = 0; i < files; i++) {
      const file = path.join(filesDir, ...entry.stable[i]!.split("/"));
      const stat = lstatSync(file, { bigint: true });
      if (!stat.isFile() || stat.size !== BigInt(entry.sizes[i]!)) return null;
      if (stampOf(stat) !== entry.stamps[i] && fileSha256(file) !== entry.hashes[i]) return null;
    }
    // Slots not used for a while are removed when another entry is written.
    const now = new Date();
    utimesSync(path.join(slot, "entry.json"), now, now);
    return { entry, filesDir };
  } catch {
    return null;
  }
}

/**
 * Keeps a finished build: its stable files are copied from `outDir` (where they were just
 * written) into a temp dir that then replaces the slot. Returns why it could not, or null.
 */
export function writeCache(cacheDir: string, target: LocatedTarget, options: DocsOptions, kept: Omit<CacheEntry, "format" | "sizes" | "hashes" | "stamps">, outDir: string): string | null {
  const slot = slotDir(cacheDir, target, options);
  const temp = path.join(cacheDir, `.tmp-${process.pid}-${Date.now().toString(36)}`);
  try {
    mkdirSync(cacheDir, { recursive: true });
    if (!existsSync(path.join(cacheDir, "CACHEDIR.TAG"))) writeFileSync(path.join(cacheDir, "CACHEDIR.TAG"), TAG);
    // Never committed, whatever the repo's own .gitignore says (as pytest and mypy do for theirs).
    if (!existsSync(path.join(cacheDir, ".gitignore"))) writeFileSync(path.join(cacheDir, ".gitignore"), "*\n");
    clearLeftovers(cacheDir, slot);
    const sizes: number[] = [];
    const hashes: string[] = [];
    const stamps: string[] = [];
    for (const rel of kept.stable) {
      const to = path.join(temp, "files", ...rel.split("/"));
      mkdirSync(path.dirname(to), { recursive: true });
      linkOrCopy(path.join(outDir, ...rel.split("/")), to);
      const stat = statSync(to, { bigint: true });
      sizes.push(Number(stat.size));
      hashes.push(fileSha256(to));
      stamps.push(stampOf(stat));
    }
    const entry: CacheEntry = { format: FORMAT, ...kept, sizes, hashes, stamps };
    writeFileSync(path.join(temp, "entry.json"), JSON.stringify(entry));
    // Two renames, each atomic: another build of the same target may be swapping its entry in too.
    const old = `${temp}-old`;
    try {
      renameSync(slot, old);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    try {
      renameSync(temp, slot);
    } catch (error) {
      // That other build put its entry there first: it stays.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    }
    rmSync(old, { recursive: true, force: true });
    rmSync(temp, { recursive: true, force: true });
    return null;
  } catch (error) {
    try {
      rmSync(temp, { recursive: true, force: true });
    } catch {
      // Nothing was made there (the cache dir itself could not be).
    }
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

/** Slots unused this long are removed: a moved federation or an option used once. */
const UNUSED_FOR_MS = 30 * 24 * 3600 * 1000;

/** Temp dirs of builds that were killed while writing the cache, and slots long unused. */
function clearLeftovers(cacheDir: string, keep: string): void {
  for (const name of readdirSync(cacheDir)) {
    const abs = path.join(cacheDir, name);
    const pid = /^\.tmp-(\d+)-/.exec(name)?.[1];
    if (pid && !pidAlive(Number(pid))) rmSync(abs, { recursive: true, force: true });
    else if (name.startsWith("build-") && abs !== keep && unusedSince(path.join(abs, "entry.json")) > UNUSED_FOR_MS) rmSync(abs, { recursive: true, force: true });
  }
}

function unusedSince(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}
