import { readdirSync, type Dirent } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";

/**
 * One walk of a site's tree, shared by the two lists a whole-site load needs: the Markdown files
 * it parses (site.ts) and the text files it scans for secrets (text-files.ts). Each list used to
 * glob the tree with fast-glob on its own: a federation check of 100 sites paid for loading it and
 * for 200 calls, mostly set-up, to list a few dozen entries each. This is readdir over the tree,
 * skipping only what neither list wants (`.git`, `node_modules`); each list then applies its own
 * rules to the entries with picomatch, the matcher fast-glob uses. Symbolic links are listed,
 * never followed.
 */

export interface SiteEntry {
  /** Path relative to the site root, `/`-separated. */
  rel: string;
  /** A regular file (not a link, directory, FIFO or socket). */
  isFile: boolean;
  isDirectory: boolean;
}

/** Directories neither list wants, at any depth: never entered. */
const NEITHER_LIST = new Set([".git", "node_modules"]);

export function walkSite(root: string): SiteEntry[] {
  const out: SiteEntry[] = [];
  // An explicit stack, not recursion: a hostile repo may nest directories thousands deep.
  const pending: Array<[dir: string, prefix: string]> = [[root, ""]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [dir, prefix] = next;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      // Unreadable or vanished: skipped, as a glob with suppressErrors skips it.
      continue;
    }
    for (const entry of entries) {
      if (NEITHER_LIST.has(entry.name)) continue;
      const rel = prefix + entry.name;
      // Dirent types come from readdir itself (lstat's view): a link is neither file nor directory.
      const isDirectory = entry.isDirectory();
      out.push({ rel, isFile: entry.isFile(), isDirectory });
      if (isDirectory) pending.push([path.join(dir, entry.name), `${rel}/`]);
    }
  }
  return out;
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
