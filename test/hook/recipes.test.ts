import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binPath, cleanTempDirs, makeSite, tempDir } from "../foundation/helpers.js";
import { readmeBlock } from "../install/readme.js";
import { packRelease, releaseRepo, run, TAG, userEnv } from "../install/release.js";

/**
 * The README's three commit-hook recipes, each in a real site repo with a real commit: the
 * pre-commit framework pointed at this repo by path and release tag (Debian's pre-commit),
 * husky + lint-staged with netstack installed from its tarball, and the plain git hook with
 * netstack only on PATH. Each refuses a commit that adds a password and takes the fixed one.
 */
const SITE = {
  "site.yaml": "code: ts\nname: Test Site\nsubnet: 192.168.5.0/24\n",
  ".gitignore": "ops/sensitive/\nops/backup/logs/\nops/backup/.backup-state\ndocs/log/\n*.env\n*.env.*\n",
  "docs/devices.md": "# Devices\n\n| name | type | ip | mac |\n|---|---|---|---|\n| tsgw | gateway | 192.168.5.1 | aa:bb:cc:00:00:01 |\n| tsnas | storage | 192.168.5.10 | aa:bb:cc:00:00:02 |\n",
  "docs/services.md": "# Services\n\n| service | host | user | pw |\n|---|---|---|---|\n| smb | tsnas | admin | see ops/sensitive/nas.yaml |\n",
  "docs/network.md": "# Network\n\n## Subnet\n\n| key | value |\n|---|---|\n| subnet | 192.168.5.0/24 |\n",
};
const LEAK = `${SITE["docs/services.md"]}| web | tsgw | admin | Hunter2!Secret |\n`;
const FIXED = `${SITE["docs/services.md"]}| web | tsgw | admin | see ops/sensitive/web.yaml |\n`;

let release: string;
beforeAll(() => {
  release = releaseRepo();
});
afterAll(cleanTempDirs);

function siteRepo(env: NodeJS.ProcessEnv): string {
  const root = makeSite(SITE);
  expect(run("git", ["init", "-q", "-b", "main"], { cwd: root, env }).code).toBe(0);
  return root;
}

/** The two commits every recipe must handle: the leak refused (masked), the fix taken. */
function expectLeakRefusedThenFixTaken(root: string, env: NodeJS.ProcessEnv, stage: string[] = ["-A"]): { clean: string; refused: string; taken: string } {
  const first = run("git", ["add", ...stage], { cwd: root, env });
  expect(first.code, first.output).toBe(0);
  const clean = run("git", ["commit", "-q", "-m", "site"], { cwd: root, env });
  expect(clean.code, clean.output).toBe(0);

  writeFileSync(path.join(root, "docs/services.md"), LEAK);
  run("git", ["add", "docs/services.md"], { cwd: root, env });
  const refused = run("git", ["commit", "-q", "-m", "web ui"], { cwd: root, env });
  expect(refused.code, refused.output).not.toBe(0);
  expect(refused.output).toContain("sensitive/secret");
  expect(refused.output).toContain("Hu…t");
  expect(refused.output).not.toContain("Hunter2!Secret");

  writeFileSync(path.join(root, "docs/services.md"), FIXED);
  run("git", ["add", "docs/services.md"], { cwd: root, env });
  const taken = run("git", ["commit", "-q", "-m", "web ui"], { cwd: root, env });
  expect(taken.code, taken.output).toBe(0);
  expect(run("git", ["log", "--format=%s"], { cwd: root, env }).stdout).toBe("web ui\nsite\n");
  return { clean: clean.output, refused: refused.output, taken: taken.output };
}

describe("commit-hook recipes of the README, for real", () => {
  it(
    "the pre-commit framework, with this repo by path and release tag, refuses a password and shows a passing commit's warnings",
    () => {
      const env = userEnv({ PRE_COMMIT_HOME: tempDir("netstack-pre-commit-home-") });
      const root = siteRepo(env);
      const recipe = readmeBlock("pre-commit framework", "yaml")
        .replace(/repo: \S+/, `repo: ${release}`)
        .replace(/rev: \S+/, `rev: ${TAG}`);
      expect(recipe).toContain("id: netstack-lint");
      writeFileSync(path.join(root, ".pre-commit-config.yaml"), recipe);
      const installed = run("pre-commit", ["install"], { cwd: root, env });
      expect(installed.code, installed.output).toBe(0);
      const { clean, refused, taken } = expectLeakRefusedThenFixTaken(root, env);
      expect(refused).toMatch(/netstack lint\.+Failed/);
      // verbose: a passing run's warnings (the private site's address reminders) are shown, not swallowed.
      expect(clean).toMatch(/netstack lint\.+Passed/);
      expect(clean).toContain("sensitive/exposed-address");
      expect(taken).toMatch(/netstack lint\.+Passed/);
      for (const output of [clean, refused, taken]) expect(output).not.toMatch(/ENOENT|npm (error|ERR)/);
    },
    900_000,
  );

  it(
    "husky + lint-staged, netstack installed into the site repo from its tarball",
    () => {
      const { tarball } = packRelease(release);
      const env = userEnv({ NETSTACK_INSTALL_SPEC: tarball });
      const root = siteRepo(env);
      const setup = run("bash", ["-euo", "pipefail", "-c", readmeBlock("husky + lint-staged", "sh")], { cwd: root, env });
      expect(setup.code, setup.output).toBe(0);
      const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Record<string, unknown>;
      Object.assign(manifest, JSON.parse(readmeBlock("husky + lint-staged", "json")));
      writeFileSync(path.join(root, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
      expect((manifest.devDependencies as Record<string, string>).netstack).toContain("netstack-");
      const { refused } = expectLeakRefusedThenFixTaken(root, env);
      expect(refused).toContain("netstack lint");
      expect(run("git", ["ls-files", "node_modules"], { cwd: root, env }).stdout).toBe("");
    },
    900_000,
  );

  it("the plain git hook, with netstack only on PATH: no npm in the way", () => {
    const bin = path.join(tempDir("netstack-path-"), "bin");
    mkdirSync(bin);
    symlinkSync(binPath, path.join(bin, "netstack"));
    for (const tool of ["node", "git", "sh"]) {
      const where = run("sh", ["-c", `command -v ${tool}`]).stdout.trim();
      if (!path.dirname(where).startsWith("/usr/bin") && !path.dirname(where).startsWith("/bin")) symlinkSync(where, path.join(bin, tool));
    }
    const env = userEnv({ PATH: `${bin}:/usr/bin:/bin` });
    expect(run("sh", ["-c", "command -v npm npx || true"], { env }).stdout.trim()).not.toContain(bin);
    const root = siteRepo(env);
    const hook = path.join(root, ".git/hooks/pre-commit");
    writeFileSync(hook, readmeBlock("Plain git hook", "sh"));
    chmodSync(hook, 0o755);
    const { refused } = expectLeakRefusedThenFixTaken(root, env);
    expect(refused).not.toMatch(/npm|404/);
  });
});
