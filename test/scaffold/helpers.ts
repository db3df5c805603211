import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/io.js";
import { createSite, type CreateSiteOptions } from "../../src/scaffold/create-site.js";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TEMPLATES = path.join(REPO, "templates/site");

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp directory, removed after the file's tests. */
export function tempDir(prefix = "netstack-scaffold-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with its own Io. */
export async function cli(argv: string[], options: { cwd: string; stdinIsTty?: boolean; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdoutIsTty: false,
    stderrIsTty: false,
    stdinIsTty: options.stdinIsTty ?? false,
    env: options.env ?? {},
    cwd: options.cwd,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.org",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.org",
  GIT_CONFIG_NOSYSTEM: "1",
  HOME: tmpdir(),
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: GIT_ENV, encoding: "utf8" });
}

/** `git init` + commit everything. */
export function commitAll(cwd: string, message = "snapshot"): void {
  if (spawnSync("git", ["rev-parse", "--git-dir"], { cwd, env: GIT_ENV }).status !== 0) git(cwd, "init", "-q", "-b", "main");
  git(cwd, "add", "-A");
  git(cwd, "commit", "-q", "--allow-empty", "-m", message);
}

export const BASIC = { name: "Cedar Falls", role: "primary", subnet: "192.168.9.0/24", gateway: "192.168.9.1" } as const;

/** Creates a site with the library, non-interactively. */
export async function makeSite(parent: string, options: Partial<CreateSiteOptions> = {}): Promise<string> {
  const result = await createSite({ code: "cf", ...BASIC, cwd: parent, ...options });
  return result.root;
}

/** Every file under a directory, relative, sorted (directories with a trailing /). */
export function listTree(root: string, rel = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, rel)).sort()) {
    const child = rel ? `${rel}/${entry}` : entry;
    if (statSync(path.join(root, child)).isDirectory()) {
      const inner = listTree(root, child);
      out.push(...(inner.length ? inner : [`${child}/`]));
    } else out.push(child);
  }
  return out;
}

export function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), "utf8");
}

/** A copy of the shipped templates to change in a test. */
export function copyTemplates(): string {
  const dir = path.join(tempDir("netstack-templates-"), "site");
  cpSync(TEMPLATES, dir, { recursive: true });
  return dir;
}
