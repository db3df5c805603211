import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanTempDirs, repoRoot } from "../foundation/helpers.js";
import { npmPrefix, packRelease, releaseRepo, run, TAG, VERSION } from "./release.js";

/**
 * The README's two ways to install netstack without a registry name, done for real: into an
 * empty npm prefix, from a git URL (a local bare repo tagged as a release) and from the tarball
 * `npm pack` makes. Each must put a working `netstack` on PATH.
 */
let release: string;
beforeAll(() => {
  release = releaseRepo();
});
afterAll(cleanTempDirs);

const INSTALL_TIMEOUT = 900_000;

function expectWorkingNetstack(env: NodeJS.ProcessEnv): void {
  const version = run("netstack", ["--version"], { env });
  expect(version.output).toBe(`${VERSION}\n`);
  const lint = run("netstack", ["lint", "--quiet", path.join(repoRoot, "fixtures/federation/cf")], { env });
  expect(lint.code, lint.output).toBe(0);
  const help = run("netstack", ["--help"], { env });
  expect(help.stdout).toContain("init [dir]");
}

describe("installing netstack", () => {
  it(
    "npm install --global <git URL>#<tag> puts netstack on PATH (compiled from src/ on first run)",
    () => {
      const bare = `${release}.git`;
      expect(run("git", ["clone", "-q", "--bare", release, bare]).code).toBe(0);
      const { prefix, env } = npmPrefix();
      const installed = run("npm", ["install", "--global", `git+file://${bare}#${TAG}`], { env });
      expect(installed.code, installed.output).toBe(0);
      expect(installed.stderr).not.toMatch(/npm (warn|error)/i);
      expect(existsSync(path.join(prefix, "lib/node_modules/netstack/dist"))).toBe(false);
      expectWorkingNetstack(env);
      expect(existsSync(path.join(prefix, "lib/node_modules/netstack/dist/cli/main.js"))).toBe(true);
    },
    INSTALL_TIMEOUT,
  );

  it(
    "npm pack prints only the tarball's name, and npm install --global ./netstack-x.y.z.tgz puts netstack on PATH",
    () => {
      const { tarball, stdout } = packRelease(release);
      expect(stdout).toBe(`netstack-${VERSION}.tgz\n`);
      const listing = run("tar", ["-tzf", tarball]).stdout.split("\n");
      expect(listing).toContain("package/dist/netstack.cjs");
      expect(listing).toContain("package/bin/netstack.js");
      expect(listing.filter((f) => f.startsWith("package/test/") || f.startsWith("package/node_modules/") || f.startsWith("package/fixtures/"))).toEqual([]);
      const { prefix, env } = npmPrefix();
      const installed = run("npm", ["install", "--global", tarball], { env, cwd: path.dirname(tarball) });
      expect(installed.code, installed.output).toBe(0);
      expect(installed.stderr).not.toMatch(/npm (warn|error)/i);
      expectWorkingNetstack(env);
      // The bundle shipped in the tarball is what runs: nothing was compiled at first run.
      expect(readFileSync(path.join(prefix, "lib/node_modules/netstack/package.json"), "utf8")).toContain(`"version": "${VERSION}"`);
      expect(existsSync(path.join(prefix, "lib/node_modules/netstack/dist/netstack.cjs"))).toBe(true);
    },
    INSTALL_TIMEOUT,
  );
});
