import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SITE_DIRS } from "../../src/inventory/site.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const binPath = path.join(repoRoot, "bin/netstack.js");

const made: string[] = [];

/** A fresh temp dir, removed by `cleanTempDirs` (call it in afterAll). */
export function tempDir(prefix = "netstack-test-"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (paths relative to `dir`) creating parent directories. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
}

/** A site in a temp dir: the layout directories of SPEC §2 plus the given files. */
export function makeSite(files: Record<string, string>, options: { dirs?: readonly string[] } = {}): string {
  const root = tempDir();
  for (const dir of options.dirs ?? SITE_DIRS) mkdirSync(path.join(root, dir), { recursive: true });
  writeFiles(root, files);
  return root;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built bin (`node bin/netstack.js`), colors off unless the env says otherwise. */
export function netstack(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, NETSTACK_DEBUG: undefined, TIMING: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [binPath, ...args], { cwd: options.cwd ?? repoRoot, env, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The shared corpus of real site repos, beside the clone (never copied into the repo). */
export const CORPUS = path.resolve(repoRoot, "../shared/corpus");

/**
 * Whether the tests that read the corpus run: in a lone clone it is absent, and they skip,
 * saying so in one line; with NETSTACK_REQUIRE_ALL=1 (CI) they run, and fail if it is absent.
 */
export function corpusTests(what: string): boolean {
  if (existsSync(CORPUS) || process.env.NETSTACK_REQUIRE_ALL === "1") return true;
  process.stderr.write(`skipping ${what}: ../shared/corpus is not beside this clone\n`);
  return false;
}
