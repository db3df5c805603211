import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { runGitSync } from "../../git/run.js";
import type { Rule } from "../types.js";

/** Through the one git runner: a site's own config (core.fsmonitor, hooks) runs nothing. */
function git(root: string, args: string[]): string | null {
  const result = runGitSync(["-C", root, ...args]);
  return result.ok ? result.stdout : null;
}

/**
 * The files git tracks in a site, or null when the site root is not the top of its own work
 * tree (not a repo, or a directory inside another repo, like the fixtures of netstack itself).
 */
function trackedFiles(root: string): string[] | null {
  // The top of a work tree always has `.git`; without it there is no need to ask git.
  if (!existsSync(path.join(root, ".git"))) return null;
  const top = git(root, ["rev-parse", "--show-toplevel"])?.trim();
  if (!top || realpathSync(top) !== realpathSync(root)) return null;
  return git(root, ["ls-files", "-z"])?.split("\0").filter(Boolean) ?? null;
}

/** Git tracks a file under `ops/sensitive/` or a `.backup-state`: what the standard .gitignore keeps out. */
export const tracked: Rule = {
  id: "sensitive/tracked",
  severity: "error",
  summary: "git tracks a file under ops/sensitive/ or a .backup-state",
  scope: "site",
  check({ site }) {
    const files = trackedFiles(site.root) ?? [];
    return files
      .filter((rel) => rel.startsWith("ops/sensitive/") || path.posix.basename(rel) === ".backup-state")
      .map((rel) => ({
        file: path.join(site.root, rel),
        line: 1,
        column: 1,
        ruleId: this.id,
        severity: this.severity,
        message: `git tracks ${rel}; untrack it with "git rm --cached ${rel}" and rotate what it held`,
      }));
  },
};
