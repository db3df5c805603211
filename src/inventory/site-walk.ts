import { createRequire } from "node:module";
import picomatch from "picomatch";

/**
 * One walk of a site's tree, shared by the two lists a whole-site load needs: the Markdown files
 * it parses (site.ts) and the text files it scans for secrets (text-files.ts). Each list used to
 * glob the tree on its own; a federation check of 100 sites paid for 200 fast-glob calls, most of
 * it per-call set-up. The walk skips only what neither list wants (`.git`, `node_modules`); each
 * list then applies its own rules to the entries, with the matchers fast-glob would have used.
 * Symbolic links are listed, never followed.
 */

export interface SiteEntry {
  /** Path relative to the site root, `/`-separated. */
  rel: string;
  /** A regular file (not a link, directory, FIFO or socket). */
  isFile: boolean;
  isDirectory: boolean;
}

const NEITHER_LIST = ["**/.git/**", "**/node_modules/**"];

export function walkSite(root: string): SiteEntry[] {
  // Loaded here, not at the top: a pre-commit lint of named files never globs (~60 modules fewer).
  const fg = createRequire(import.meta.url)("fast-glob") as typeof import("fast-glob");
  const entries = fg.sync(["**/*"], { cwd: root, dot: true, onlyFiles: false, objectMode: true, followSymbolicLinks: false, suppressErrors: true, ignore: NEITHER_LIST });
  return entries.map((entry) => ({ rel: entry.path, isFile: entry.dirent.isFile(), isDirectory: entry.dirent.isDirectory() }));
}

/** Whether any segment of `rel` is hidden (`.x`): what a glob with `dot: false` passes over. */
export function hasDotSegment(rel: string): boolean {
  return rel.startsWith(".") || rel.includes("/.");
}

/** A matcher of `patterns` for `/`-separated relative paths (dot files included), built once. */
export function matcherOf(patterns: readonly string[]): (rel: string) => boolean {
  let match: ((rel: string) => boolean) | null = null;
  return (rel) => (match ??= picomatch([...patterns], { dot: true }))(rel);
}
