import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { CLEAN } from "../cli/sites.js";
import { binPath, makeSite, repoRoot, tempDir, type CliResult } from "../foundation/helpers.js";

export const HOSTILE = path.join(repoRoot, "fixtures/hostile");

/** Set in every run: a payload that reads the builder's environment (/proc/self/environ) would carry it out. */
export const CANARY = "PLANTED-ENV-CI-SECRET";

/** The small clean site of the CLI tests in a temp dir, with a hostile case's files laid over it. */
export function hostileSite(name: string | null, extra: Record<string, string> = {}): string {
  const dir = makeSite({ ...CLEAN, ...extra });
  if (name) cpSync(path.join(HOSTILE, name), dir, { recursive: true });
  return dir;
}

/**
 * Runs the built CLI in `cwd`, colors off, the canary in its environment, stdout to a file (a
 * hostile run may print a lot); a run that hangs is stopped and fails the test.
 */
export function run(cwd: string, args: string[], env: Record<string, string | undefined> = {}): CliResult {
  const merged: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, NETSTACK_DEBUG: undefined, CI_SECRET: CANARY, ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  const result = spawnSync(process.execPath, [binPath, ...args], { cwd, env: merged, encoding: "utf8", maxBuffer: 512 * 1024 * 1024, timeout: 300_000 });
  expect(result.error, `netstack ${args.join(" ")} did not finish`).toBeUndefined();
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fatal refusal: exit 2, one line on stderr, nothing on stdout. */
export function expectRefusal(result: CliResult, pattern: RegExp): void {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: "" });
  expect(result.stderr).toMatch(/^netstack: [^\n]+\n$/);
  expect(result.stderr).toMatch(pattern);
}

/** Every file under `dir` (relative path → bytes), symbolic links as their target text; dot-dirs included. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const child = rel ? `${rel}/${name}` : name;
      const abs = path.join(dir, child);
      const stat = statSync(abs, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(child);
      else out.set(child, stat?.isFile() ? readFileSync(abs).toString("base64") : "(special)");
    }
  };
  walk("");
  return out;
}

/** Files named `pwned-*` anywhere under `dir`: what a payload's command would have made. */
export function pwned(dir: string): string[] {
  const found: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const child = path.join(abs, entry.name);
      if (entry.name.startsWith("pwned")) found.push(child);
      if (entry.isDirectory() && !entry.isSymbolicLink()) walk(child);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

/** Text of every regular file under `dir`, for "no planted value in any output file". */
export function allText(dir: string): string {
  let text = "";
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const child = path.join(abs, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) text += `${readFileSync(child, "latin1")}\n`;
    }
  };
  walk(dir);
  return text;
}

const GIT_ID = ["-c", "user.email=t@example.invalid", "-c", "user.name=test", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"];

/** Makes `dir` a git repo with everything committed. */
export function commitAll(dir: string): void {
  execFileSync("git", [...GIT_ID, "init", "-q"], { cwd: dir });
  execFileSync("git", [...GIT_ID, "add", "-A"], { cwd: dir });
  execFileSync("git", [...GIT_ID, "commit", "-qm", "site"], { cwd: dir });
}

/** A federation.yaml in its own temp dir; returns its directory. */
export function federationDir(yaml: string): string {
  const dir = path.join(tempDir("netstack-hostile-"), "federation");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "federation.yaml"), yaml);
  return dir;
}
