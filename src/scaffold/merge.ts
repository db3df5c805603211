import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FatalError } from "../diagnostics.js";
import { runGitSync } from "../git/run.js";

export interface MergeResult {
  text: string;
  conflicts: number;
}

/**
 * Three-way merge with real `git merge-file`: the operator's copy, the last render (base) and
 * the new render. Conflicts come back as standard markers in the text, never as `.rej` files.
 */
export function mergeFile(ours: string, base: string, theirs: string, labels: { ours: string; base: string; theirs: string }): MergeResult {
  const dir = mkdtempSync(path.join(tmpdir(), "netstack-merge-"));
  try {
    const files = { ours: path.join(dir, "ours"), base: path.join(dir, "base"), theirs: path.join(dir, "theirs") };
    writeFileSync(files.ours, ours);
    writeFileSync(files.base, base);
    writeFileSync(files.theirs, theirs);
    // Plain two-sided markers whatever the user's merge.conflictStyle says.
    const args = ["-c", "merge.conflictStyle=merge", "merge-file", "-L", labels.ours, "-L", labels.base, "-L", labels.theirs, files.ours, files.base, files.theirs];
    const result = runGitSync(args);
    // Exit status: the number of conflicts (capped at 127); negative (255) on error.
    const conflicts = result.ok ? 0 : result.status;
    if (conflicts === undefined || conflicts === null || conflicts > 127) throw new FatalError(`git merge-file failed: ${result.ok ? "" : result.reason}`);
    return { text: readFileSync(files.ours, "utf8"), conflicts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
