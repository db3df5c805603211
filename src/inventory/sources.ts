import { createRequire } from "node:module";
import path from "node:path";
import picomatch from "picomatch";
import type { SiteConfig, TableKindSetting } from "../config/site.js";
import { collapseSpaces } from "../text/spaces.js";

/** Never table sources, whatever `sources:` says: secrets and session logs, dependencies, a built site. */
export const ALWAYS_EXCLUDED = ["ops/sensitive/**", "docs/log/**", "**/node_modules/**", "site/**"] as const;

const GLOB_CHARS = /[*?[\]{}()!]/;
export const isGlob = (pattern: string) => GLOB_CHARS.test(pattern);

/** Where a site's tables are: which files are read for records, and the kind forced on a file or section. */
export interface SourcesPlan {
  /** A file (relative to the site root, `/` separators) whose tables are read. */
  includes(rel: string): boolean;
  /** `sources.kinds` for a table of `rel` under `heading` (`file#heading` wins over `file`). */
  kindFor(rel: string, heading: string | null): TableKindSetting | undefined;
  /** Whether `sources.include` limits the files (else every Markdown file is a source). */
  limited: boolean;
}

const normalHeading = (text: string) => collapseSpaces(text).toLowerCase();

/** The same as ALWAYS_EXCLUDED, without compiling globs: a site with no `sources:` pays nothing for them. */
function alwaysExcluded(rel: string): boolean {
  return rel.startsWith("ops/sensitive/") || rel.startsWith("docs/log/") || rel.startsWith("site/") || rel.startsWith("node_modules/") || rel.includes("/node_modules/");
}

const EVERY_FILE: SourcesPlan = { limited: false, includes: (rel) => !alwaysExcluded(rel), kindFor: () => undefined };

export function sourcesPlan(config: SiteConfig): SourcesPlan {
  const sources = config.sources;
  if (!sources) return EVERY_FILE;
  const include = sources?.include && sources.include.length > 0 ? picomatch(sources.include.map(clean), { dot: true }) : null;
  const exclude = picomatch([...ALWAYS_EXCLUDED, ...(sources?.exclude ?? []).map(clean)], { dot: true });
  const byFile = new Map<string, TableKindSetting>();
  const bySection = new Map<string, TableKindSetting>();
  for (const [key, kind] of Object.entries(sources?.kinds ?? {})) {
    const hash = key.indexOf("#");
    if (hash < 0) byFile.set(clean(key), kind);
    else bySection.set(`${clean(key.slice(0, hash))}#${normalHeading(key.slice(hash + 1))}`, kind);
  }
  return {
    limited: include !== null,
    includes: (rel) => !exclude(rel) && (include === null || include(rel)),
    kindFor(rel, heading) {
      if (heading !== null && bySection.size > 0) {
        const found = bySection.get(`${rel}#${normalHeading(heading)}`);
        if (found) return found;
      }
      return byFile.get(rel);
    },
  };
}

function clean(pattern: string): string {
  return pattern.trim().replace(/\\/g, "/").replace(/^\.\//, "");
}

/**
 * The files `sources.include` names, absolute: plain paths as they are, globs expanded (fast-glob
 * is loaded only then, so a pre-commit lint of a site that lists its files never globs).
 */
export function includedFiles(root: string, config: SiteConfig): string[] {
  const include = config.sources?.include ?? [];
  const plan = sourcesPlan(config);
  const plain = include.filter((p) => !isGlob(p)).map(clean).filter((rel) => plan.includes(rel));
  const globs = include.filter(isGlob).map(clean);
  if (globs.length === 0) return plain.map((rel) => path.join(root, rel));
  const fg = createRequire(import.meta.url)("fast-glob") as typeof import("fast-glob");
  const found = fg.sync(globs, { cwd: root, dot: false, followSymbolicLinks: false, suppressErrors: true, ignore: [...ALWAYS_EXCLUDED] });
  return [...plain, ...found.filter((rel) => plan.includes(rel))].map((rel) => path.join(root, rel));
}
