import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { binPath, cleanTempDirs, makeSite, repoRoot } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

const SITE = {
  "site.yaml": "code: ts\nname: Test Site\nsubnet: 192.168.5.0/24\n",
  ".gitignore": "ops/sensitive/\nops/backup/logs/\nops/backup/.backup-state\ndocs/log/\n*.env\n*.env.*\n",
  "docs/devices.md": "# Devices\n\n| name | type | ip | mac |\n|---|---|---|---|\n| tsgw | gateway | 192.168.5.1 | aa:bb:cc:00:00:01 |\n| tsnas | storage | 192.168.5.10 | aa:bb:cc:00:00:02 |\n",
  "docs/services.md": "# Services\n\n| service | host | user | pw |\n|---|---|---|---|\n| smb | tsnas | admin | see ops/sensitive/nas.yaml |\n",
  "docs/network.md": "# Network\n\n## Subnet\n\n| key | value |\n|---|---|\n| subnet | 192.168.5.0/24 |\n",
};

/**
 * The plain-git recipe of the README: lint the staged files that can leak, by name. The bin
 * is this checkout's, found from this test file's location.
 */
const HOOK = `#!/bin/sh
# netstack: refuse a commit that leaks a secret or breaks a table
files=$(git diff --cached --name-only --diff-filter=ACMR -- '*.md' site.yaml site-config.yml .gitignore 'ops/sensitive/*' '*.backup-state')
[ -z "$files" ] && exit 0
exec node "${binPath}" lint $files
`;

function git(cwd: string, ...args: string[]) {
  const result = spawnSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "core.hooksPath=.git/hooks", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined },
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function repo(): string {
  const root = makeSite(SITE);
  expect(git(root, "init", "-q").code).toBe(0);
  const hook = path.join(root, ".git/hooks/pre-commit");
  writeFileSync(hook, HOOK);
  chmodSync(hook, 0o755);
  return root;
}

function expectCommitted(result: { code: number | null; output: string }): void {
  expect(result.code, result.output).toBe(0);
}

const commits = (root: string) => Number(spawnSync("git", ["rev-list", "--count", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim() || 0);

describe("a real git pre-commit hook calling the bin", () => {
  it("passes a clean commit (a private site's address reminders are warnings, shown, not blocking)", () => {
    const root = repo();
    git(root, "add", "-A");
    const result = git(root, "commit", "-q", "-m", "clean");
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("sensitive/exposed-address");
    expect(result.output).toContain("(0 errors, 2 warnings)");
    expect(commits(root)).toBe(1);
  });

  it("refuses a commit that adds a password row, showing the diagnostic with the secret masked", () => {
    const root = repo();
    git(root, "add", "-A");
    expectCommitted(git(root, "commit", "-q", "-m", "clean"));
    writeFileSync(path.join(root, "docs/services.md"), `${SITE["docs/services.md"]}| web | tsgw | admin | Hunter2! |\n`);
    git(root, "add", "docs/services.md");
    const result = git(root, "commit", "-q", "-m", "add web ui");
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("docs/services.md\n");
    expect(result.output).toMatch(/ {2}6:24 {2}error {2}Column "pw" holds a secret \(Hu…!\); keep it in ops\/sensitive\/ and write where it lives, not what it is {2}sensitive\/secret\n/);
    expect(result.output).not.toContain("Hunter2!");
    expect(commits(root)).toBe(1);
  });

  it("refuses a commit that force-adds a file under ops/sensitive/", () => {
    const root = repo();
    git(root, "add", "-A");
    expectCommitted(git(root, "commit", "-q", "-m", "clean"));
    writeFileSync(path.join(root, "ops/sensitive/nas.yaml"), "admin: see vault\n");
    git(root, "add", "-f", "ops/sensitive/nas.yaml");
    const result = git(root, "commit", "-q", "-m", "oops");
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('git tracks ops/sensitive/nas.yaml; untrack it with "git rm --cached ops/sensitive/nas.yaml"');
    expect(commits(root)).toBe(1);
  });

  it("a commit of files the hook does not look at is not linted", () => {
    const root = repo();
    git(root, "add", "-A");
    expectCommitted(git(root, "commit", "-q", "-m", "clean"));
    writeFileSync(path.join(root, "docs/services.md"), `${SITE["docs/services.md"]}| web | tsgw | admin | Hunter2! |\n`);
    writeFileSync(path.join(root, "ops/monitor/check.sh"), "#!/bin/sh\n");
    git(root, "add", "ops/monitor/check.sh");
    expectCommitted(git(root, "commit", "-q", "-m", "script"));
  });
});

describe(".pre-commit-hooks.yaml", () => {
  const manifestFile = path.join(repoRoot, ".pre-commit-hooks.yaml");
  const hooks = parse(readFileSync(manifestFile, "utf8")) as { id: string; entry: string; language: string; files: string }[];

  it("declares node hooks for lint and lint --fix", () => {
    expect(hooks.map((h) => [h.id, h.entry, h.language])).toEqual([
      ["netstack-lint", "netstack lint", "node"],
      ["netstack-fix", "netstack lint --fix", "node"],
    ]);
  });

  it("matches Markdown, site.yaml, site-config.yml, .gitignore and what must never be committed, and nothing else", () => {
    for (const hook of hooks) {
      const files = new RegExp(hook.files);
      const matched = ["README.md", "docs/devices.md", "site.yaml", "site-config.yml", ".gitignore", "ops/sensitive/nas.yaml", "ops/backup/.backup-state"].filter((f) => files.test(f));
      expect(matched).toHaveLength(7);
      expect(["ops/monitor/check-services.sh", ".mkdocs/mkdocs.yml", "mysite.yaml.bak", "docs/img.png", "old-site-config.yml.bak"].filter((f) => files.test(f))).toEqual([]);
    }
  });

  const preCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
  it.skipIf(preCommit.status !== 0)("is a valid manifest for the pre-commit framework (pre-commit validate-manifest)", () => {
    const result = spawnSync("pre-commit", ["validate-manifest", manifestFile], { encoding: "utf8" });
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.status).toBe(0);
  });
});
