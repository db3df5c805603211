import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs, repoRoot, tempDir } from "../foundation/helpers.js";
import { lintLines, only, site } from "./helpers.js";

afterAll(cleanTempDirs);

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
}

function repoSite(): string {
  const root = site({ "ops/sensitive/nas.yaml": "admin: hunter2\n", "ops/backup/.backup-state": "1\n" });
  git(root, "init", "-q");
  return root;
}

describe("sensitive/tracked asks real git", () => {
  it("reports files under ops/sensitive/ and .backup-state that git tracks (force-added past .gitignore)", async () => {
    const root = repoSite();
    git(root, "add", "-A");
    expect(only(await lintLines(root), "sensitive/tracked")).toEqual([]);
    git(root, "add", "-f", "ops/sensitive/nas.yaml", "ops/backup/.backup-state");
    expect(only(await lintLines(root), "sensitive/tracked")).toEqual([
      'ops/backup/.backup-state:1:1 error sensitive/tracked git tracks ops/backup/.backup-state; untrack it with "git rm --cached ops/backup/.backup-state" and rotate what it held',
      'ops/sensitive/nas.yaml:1:1 error sensitive/tracked git tracks ops/sensitive/nas.yaml; untrack it with "git rm --cached ops/sensitive/nas.yaml" and rotate what it held',
    ]);
  });

  it("a staged sensitive file named alone is reported (what a pre-commit hook passes)", async () => {
    const root = repoSite();
    git(root, "add", "-f", "ops/sensitive/nas.yaml");
    expect(only(await lintLines(root, [path.join(root, "ops/sensitive/nas.yaml")]), "sensitive/tracked")).toHaveLength(1);
    expect(only(await lintLines(root, [path.join(root, "docs/devices.md")]), "sensitive/tracked")).toEqual([]);
  });

  it("is silent when the site is not a git work tree", async () => {
    expect(only(await lintLines(site({ "ops/sensitive/nas.yaml": "x\n" })), "sensitive/tracked")).toEqual([]);
  });

  it("is silent when the site is a directory inside another repo (as netstack's own fixtures are)", async () => {
    const outer = tempDir();
    git(outer, "init", "-q");
    const root = path.join(outer, "sites/ts");
    mkdirSync(path.join(root, "ops/sensitive"), { recursive: true });
    mkdirSync(path.join(root, "docs"), { recursive: true });
    writeFileSync(path.join(root, "ops/sensitive/nas.yaml"), "x\n");
    writeFileSync(path.join(root, "docs/devices.md"), "| name |\n|---|\n| gw |\n");
    git(outer, "add", "-A");
    expect(only(await lintLines(root), "sensitive/tracked")).toEqual([]);
    const fixture = path.join(repoRoot, "fixtures/federation/cf");
    expect(only(await lintLines(fixture), "sensitive/tracked")).toEqual([]);
  });
});
