import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { FatalError, type Diagnostic } from "./diagnostics.js";
import { findSiteRoot, loadSite, type SiteModel } from "./inventory/site.js";
import { runRules } from "./rules/engine.js";
import type { Profile } from "./rules/types.js";

export interface LintOptions {
  /** Overrides each site's `visibility`. */
  profile?: Profile;
  cwd?: string;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  sites: SiteModel[];
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

/**
 * `netstack lint`: site-scoped and sensitive rules. Files named alone are judged with their whole
 * site as context, and only their own diagnostics are reported.
 */
export function lint(paths: readonly string[], options: LintOptions = {}): LintResult {
  const cwd = options.cwd ?? process.cwd();
  const diagnostics: Diagnostic[] = [];
  const sites: SiteModel[] = [];
  for (const target of lintTargets(paths, cwd)) {
    const site = loadSite(target.root, { allMarkdown: target.whole, extraFiles: target.files });
    sites.push(site);
    const found = runRules({
      site,
      sites: [site],
      federation: null,
      federationFile: null,
      profile: options.profile ?? site.config.visibility,
      mode: "lint",
    });
    const named = new Set(target.files);
    diagnostics.push(...(target.whole ? found : found.filter((d) => named.has(d.file))));
  }
  return { diagnostics, sites };
}
