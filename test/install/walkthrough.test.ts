import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanTempDirs, tempDir } from "../foundation/helpers.js";
import { readmeBlock } from "./readme.js";
import { npmPrefix, releaseRepo, run, TAG } from "./release.js";

/**
 * The README's walkthrough, run as written by a new user on a machine without netstack: every
 * command of its block, in order, in one bash -e. The one change is the install spec's URL,
 * which points at a local bare repo of this checkout tagged as a release instead of a host.
 */
const SCRIPT = readmeBlock("Walkthrough: a federation of three sites", "sh");
const SPEC_LINE = /^export NETSTACK_INSTALL_SPEC='git\+https:\/\/git\.example\.org\/you\/netstack\.git#v[\d.]+'$/m;

let bare: string;
beforeAll(() => {
  const release = releaseRepo();
  bare = `${release}.git`;
  expect(run("git", ["clone", "-q", "--bare", release, bare]).code).toBe(0);
});
afterAll(cleanTempDirs);

describe("the README walkthrough", () => {
  it("names the install spec in one line that this test can point elsewhere", () => {
    expect(SCRIPT).toMatch(SPEC_LINE);
    expect(SCRIPT).toContain(`#${TAG}'`);
  });

  it(
    "goes from nothing to three sites with a working commit hook, a clean check and a built site",
    () => {
      const home = tempDir("netstack-walk-");
      const { env } = npmPrefix();
      const script = `set -euo pipefail\n${SCRIPT.replace(SPEC_LINE, `export NETSTACK_INSTALL_SPEC='git+file://${bare}#${TAG}'`)}`;
      const result = run("bash", ["-c", script], { cwd: home, env: { ...env, HOME: home, PRE_COMMIT_HOME: path.join(home, ".pre-commit") } });
      expect(result.code, result.output.slice(-4000)).toBe(0);

      const fed = path.join(home, "homelab");
      const config = parse(readFileSync(path.join(fed, "federation.yaml"), "utf8")) as { sites: { code: string; path: string }[]; netstack: string };
      expect(config.sites.map((s) => [s.code, s.path])).toEqual([
        ["cf", "cf"],
        ["sl", "sl"],
        ["wf", "wf"],
      ]);
      expect(config.netstack).toBe(`git+file://${bare}#${TAG}`);
      expect(parse(readFileSync(path.join(fed, "cf/.github/workflows/docs.yml"), "utf8")).env.NETSTACK_PACKAGE).toBe(`git+file://${bare}#${TAG}`);
      // The hook refused the password, then took the fixed commit.
      expect(result.output).toContain("sensitive/secret");
      expect(result.output).toContain("refused: the password stays out of git");
      expect(result.output).not.toContain("Hunter2!Secret");
      const log = run("git", ["log", "--format=%s"], { cwd: path.join(fed, "cf") });
      expect(log.stdout).toBe("NAS admin page\nCreate site cf\n");
      expect(run("git", ["show", "HEAD:docs/services.md"], { cwd: path.join(fed, "cf") }).stdout).not.toContain("Hunter2");
      // check found no errors; the site was built and passed mkdocs --strict.
      expect(result.output).toMatch(/✖ \d+ problems \(0 errors, \d+ warnings\)/);
      expect(result.output).toContain("mkdocs build --strict passed");
      expect(existsSync(path.join(fed, "build/site/site/index.html"))).toBe(true);
      expect(existsSync(path.join(fed, "build/site/site/backup.html"))).toBe(true);
    },
    900_000,
  );
});
