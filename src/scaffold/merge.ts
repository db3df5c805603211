import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FatalError } from "../diagnostics.js";

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
    const result = spawnSync("git", args, { encoding: "utf8" });
    if (result.error) throw new FatalError(`git merge-file: ${(result.error as NodeJS.ErrnoException).code === "ENOENT" ? "git is not installed" : result.error.message}`);
    // Exit status: the number of conflicts (capped at 127); negative (255) on error.
    if (result.status === null || result.status > 127) throw new FatalError(`git merge-file failed: ${result.stderr.trim().split("\n")[0]}`);
    return { text: readFileSync(files.ours, "utf8"), conflicts: result.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
