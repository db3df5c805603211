import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { FatalError, type Diagnostic } from "./diagnostics.js";
import { findSiteRoot, loadSite, type SiteModel, type SourceFile } from "./inventory/site.js";
import { runRules } from "./rules/engine.js";
import { scanKnownTokens } from "./rules/sensitive/known-tokens.js";
import type { Profile } from "./rules/types.js";
import { judgedVisibility } from "./inventory/publication.js";

export interface LintOptions {
  /** Overrides each site's `visibility`. */
  profile?: Profile;
  cwd?: string;
  /** Rewrite what is fixable (table alignment, MAC case, the .gitignore block), then report what is left. */
  fix?: boolean;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  sites: SiteModel[];
  /** Files `--fix` rewrote, absolute paths. */
  fixed: string[];
}

interface Target {
  root: string;
  /** Absolute paths named on the command line; empty means the whole site. */
  files: string[];
  whole: boolean;
}

/** Groups paths by the site they belong to: a directory is a whole site, a file is reported alone. */
export function lintTargets(paths: readonly string[], cwd: string): Target[] {
  const targets = new Map<string, Target>();
  for (const p of paths.length ? paths : ["."]) {
    const abs = path.resolve(cwd, p);
    if (!existsSync(abs)) throw new FatalError(`${p}: no such file or directory`);
    const isDir = statSync(abs).isDirectory();
    const root = findSiteRoot(abs);
    if (!root) throw new FatalError(`${p}: not inside a site (no site.yaml or docs/ above it)`);
    const target = targets.get(root) ?? { root, files: [], whole: false };
    if (isDir) target.whole = true;
    else target.files.push(abs);
    targets.set(root, target);
  }
  return [...targets.values()];
}

/** One lint pass over the targets; also returns the Markdown files in scope for the fixer. */
async function lintOnce(targets: Target[], options: LintOptions): Promise<LintResult & { scope: { site: SiteModel; files: SourceFile[] }[] }> {
  const diagnostics: Diagnostic[] = [];
  const sites: SiteModel[] = [];
  const scope: { site: SiteModel; files: SourceFile[] }[] = [];
  for (const target of targets) {
    const site = loadSite(target.root, { allMarkdown: target.whole, extraFiles: target.files });
    sites.push(site);
    const named = new Set(target.files);
    const inScope = target.whole ? site.files : site.files.filter((f) => named.has(f.abs));
    const found = runRules({
      site,
      sites: [site],
      federation: null,
      federationFile: null,
      profile: options.profile ?? judgedVisibility(site),
      mode: "lint",
      // Only the files reported on can report a token; the rest of the site is context.
      knownTokens: await scanKnownTokens(inScope),
      reportOn: target.whole ? undefined : named,
    });
    for (const d of found) if (target.whole || named.has(d.file)) diagnostics.push(d);
    scope.push({ site, files: inScope });
  }
  return { diagnostics, sites, fixed: [], scope };
}

/** Fixes can enable each other (a MAC rewritten changes a column's width): re-lint until stable. */
const MAX_FIX_ROUNDS = 10;

/**
 * `netstack lint`: site-scoped and sensitive rules. Files named alone are judged with their whole
 * site as context, and only their own diagnostics are reported (and, with `fix`, rewritten).
 */
export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  const targets = lintTargets(paths, options.cwd ?? process.cwd());
  let result = await lintOnce(targets, options);
  if (!options.fix) return { diagnostics: result.diagnostics, sites: result.sites, fixed: [] };
  const { applyFixRound } = await import("./fix/index.js");
  const fixed = new Set<string>();
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const written = applyFixRound({ diagnostics: result.diagnostics, scope: result.scope });
    if (written.length === 0) break;
    for (const file of written) fixed.add(file);
    result = await lintOnce(targets, options);
  }
  return { diagnostics: result.diagnostics, sites: result.sites, fixed: [...fixed].sort() };
}
