import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { isTextFileName } from "../../src/inventory/text-files.js";
import { createSite } from "../../src/scaffold/index.js";
import { binPath, cleanTempDirs, makeSite, repoRoot, tempDir } from "../foundation/helpers.js";

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
files=$(git diff --cached --name-only --diff-filter=ACMR -- '*.md' '*.sh' '*.ps1' '*.yml' '*.yaml' '*.json' '*.env' '.env*' '*.conf' '*.cfg' '*.ini' '*.toml' .gitignore 'ops/sensitive/*' '*.backup-state')
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
    writeFileSync(path.join(root, "docs/rack.png"), "\x89PNG\r\n");
    git(root, "add", "docs/rack.png");
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

  it("matches every file type the secret detector reads, .gitignore and what must never be committed, and nothing else", () => {
    const scanned = ["README.md", "docs/devices.md", "site.yaml", "site-config.yml", ".gitignore", "ops/sensitive/nas.yaml", "ops/sensitive/vault.kdbx", "ops/backup/.backup-state"];
    const texts = ["ops/monitor/check-services.sh", "scripts/setup.ps1", ".mkdocs/mkdocs.yml", ".github/workflows/docs.yml", ".env", "config/app.env", ".env.local", "redis.conf", "settings.json", "my.cnf"];
    for (const hook of hooks) {
      const files = new RegExp(hook.files);
      expect([...scanned, ...texts].filter((f) => !files.test(f))).toEqual([]);
      expect(["mysite.yaml.bak", "docs/img.png", "ops/backup/archive.tar.gz"].filter((f) => files.test(f))).toEqual([]);
    }
  });

  it("matches the same files as the generated .pre-commit-config.yaml and every extension the detector reads", () => {
    const template = readFileSync(path.join(repoRoot, "templates/site/_pre-commit-config.yaml.hbs"), "utf8");
    const generated = /^\s+files: (.*)$/m.exec(template)![1];
    for (const hook of hooks) expect(hook.files).toBe(generated);
    for (const name of ["a.sh", "a.ps1", "a.yml", "a.yaml", "a.env", "a.conf", "a.json", "a.md", "a.toml", "a.ini", "Dockerfile"]) {
      expect(isTextFileName(name), name).toBe(true);
      expect(new RegExp(hooks[0]!.files).test(`x/${name}`), name).toBe(true);
    }
  });

  const preCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
  it.skipIf(preCommit.status !== 0)("is a valid manifest for the pre-commit framework (pre-commit validate-manifest)", () => {
    const result = spawnSync("pre-commit", ["validate-manifest", manifestFile], { encoding: "utf8" });
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.status).toBe(0);
  });
});

/**
 * The `.pre-commit-config.yaml` that create-site writes, run by the real pre-commit framework
 * with netstack on PATH (a shim calling this checkout's bin): what the detector reads and what
 * must never be committed are both passed to `netstack lint`.
 */
describe("the generated .pre-commit-config.yaml under the real pre-commit framework", () => {
  const preCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });

  function framedRepo(): { root: string; env: NodeJS.ProcessEnv } {
    const cwd = tempDir();
    const shims = tempDir();
    writeFileSync(path.join(shims, "netstack"), `#!/bin/sh\nexec "${process.execPath}" "${binPath}" "$@"\n`);
    chmodSync(path.join(shims, "netstack"), 0o755);
    const env = { ...process.env, PATH: `${shims}:${process.env.PATH}`, PRE_COMMIT_HOME: path.join(shims, "cache"), NO_COLOR: "1", FORCE_COLOR: undefined };
    return { root: cwd, env };
  }

  function run(cwd: string, env: NodeJS.ProcessEnv, cmd: string, ...args: string[]) {
    const result = spawnSync(cmd, cmd === "git" ? ["-c", "user.name=Test", "-c", "user.email=test@example.org", ...args] : args, { cwd, env, encoding: "utf8" });
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it.skipIf(preCommit.status !== 0)("refuses `git add -f ops/sensitive/x` and a password in a shell script; passes a clean commit", async () => {
    const { root: cwd, env } = framedRepo();
    await createSite({ code: "ts", cwd, name: "Test Site", role: "primary", subnet: "192.168.5.0/24", gateway: "192.168.5.1", ask: async () => "" });
    const root = path.join(cwd, "ts");
    expect(run(root, env, "git", "init", "-q").code).toBe(0);
    expect(run(root, env, "pre-commit", "install").code).toBe(0);
    run(root, env, "git", "add", "-A");
    const clean = run(root, env, "git", "commit", "-q", "-m", "site");
    expect(clean.code, clean.output).toBe(0);

    writeFileSync(path.join(root, "ops/sensitive/nas.yaml"), "admin: see vault\n");
    run(root, env, "git", "add", "-f", "ops/sensitive/nas.yaml");
    const leaked = run(root, env, "git", "commit", "-q", "-m", "oops");
    expect(leaked.code).not.toBe(0);
    expect(leaked.output).toContain("git tracks ops/sensitive/nas.yaml");
    run(root, env, "git", "rm", "-q", "--cached", "ops/sensitive/nas.yaml");

    writeFileSync(path.join(root, "ops/monitor/mount.sh"), "#!/bin/sh\nmount -t cifs //nas/b /mnt -o username=ops,password=Harbor2Seal\n");
    run(root, env, "git", "add", "ops/monitor/mount.sh");
    const script = run(root, env, "git", "commit", "-q", "-m", "mount script");
    expect(script.code).not.toBe(0);
    expect(script.output).toContain("A password written out (Ha…l)");
    expect(script.output).not.toContain("Harbor2Seal");
  }, 120_000);
});
