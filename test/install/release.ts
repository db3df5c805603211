import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { repoRoot, tempDir } from "../foundation/helpers.js";

export const VERSION: string = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
export const TAG = `v${VERSION}`;

/** Commands these tests run as a user would: no colors, no npm update notices or funding lines. */
export function userEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: "1",
    FORCE_COLOR: undefined,
    NETSTACK_DEBUG: undefined,
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.org",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.org",
    ...extra,
  };
  // What vitest's own npm run put in the environment must not steer the npm these tests run.
  for (const key of Object.keys(env)) if (/^npm_(config|package|lifecycle)_/i.test(key) && !(key in extra) && !/^npm_config_(update_notifier|fund|audit|cache)$/.test(key)) delete env[key];
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  output: string;
}

export function run(command: string, args: string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {}): Run {
  const result = spawnSync(command, args, { encoding: "utf8", env: userEnv(), maxBuffer: 64 << 20, ...options });
  const stdout = String(result.stdout ?? "");
  const stderr = String(result.stderr ?? (result.error ? result.error.message : ""));
  return { code: result.status, stdout, stderr, output: `${stdout}${stderr}` };
}

/**
 * This checkout as a release: its files (what git tracks or would track, without dist/) in a new
 * git repo, committed and tagged `v<version>` as a release of netstack is. Tests install from it
 * by path, as a git URL or as the tarball `npm pack` makes of it.
 */
export function releaseRepo(): string {
  const root = path.join(tempDir("netstack-release-"), "netstack");
  mkdirSync(root);
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repoRoot, encoding: "utf8" });
  const files = listed.status === 0 ? listed.stdout.split("\0").filter(Boolean) : readdirSync(repoRoot);
  for (const rel of files) {
    if (rel.startsWith("dist/") || rel.startsWith("node_modules/") || !existsSync(path.join(repoRoot, rel))) continue;
    cpSync(path.join(repoRoot, rel), path.join(root, rel), { recursive: true });
  }
  const env = userEnv();
  for (const args of [["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", `netstack ${VERSION}`], ["tag", TAG]]) {
    const result = run("git", args, { cwd: root, env });
    if (result.code !== 0) throw new Error(`git ${args.join(" ")}: ${result.output}`);
  }
  return root;
}

/**
 * `npm pack` of a release, as a developer makes it in a checkout after `npm ci` (which builds
 * dist/): here the checkout borrows this repo's node_modules instead of installing its own.
 * Returns the tarball and what `npm pack` printed on stdout.
 */
export function packRelease(release: string): { tarball: string; stdout: string } {
  const work = path.join(tempDir("netstack-pack-"), "netstack");
  const cloned = run("git", ["clone", "-q", release, work]);
  if (cloned.code !== 0) throw new Error(cloned.output);
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(work, "node_modules"));
  const built = run(process.execPath, ["scripts/build.js"], { cwd: work });
  if (built.code !== 0) throw new Error(`build: ${built.output}`);
  const packed = run("npm", ["pack", "--pack-destination", path.dirname(work)], { cwd: work });
  if (packed.code !== 0) throw new Error(`npm pack: ${packed.output}`);
  return { tarball: path.join(path.dirname(work), packed.stdout.trim()), stdout: packed.stdout };
}

/** An empty npm prefix whose bin/ is what a user's PATH would hold after `npm install --global`. */
export function npmPrefix(): { prefix: string; bin: string; env: NodeJS.ProcessEnv } {
  const prefix = tempDir("netstack-prefix-");
  const bin = path.join(prefix, "bin");
  return { prefix, bin, env: userEnv({ npm_config_prefix: prefix, PATH: `${bin}${path.delimiter}${process.env.PATH}` }) };
}
