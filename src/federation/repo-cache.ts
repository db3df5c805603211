import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The cache of cloned site repos: `--cache DIR`, else `$XDG_CACHE_HOME/netstack`, else `~/.cache/netstack`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), ".cache"), "netstack");
}

/** One directory per site and URL, readable (`sl-…`) and distinct when a site moves to another repo. */
export function repoCachePath(cacheDir: string, code: string, url: string): string {
  const hash = createHash("sha256").update(url).digest("hex").slice(0, 12);
  return path.join(cacheDir, `${code}-${hash}`);
}

export type RepoResult =
  | { ok: true; dir: string; /** Set when a fetch failed but an older copy in the cache was used. */ stale?: string }
  | { ok: false; reason: string };

/** git never prompts: a site that needs credentials fails instead of hanging the check. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? "ssh -o BatchMode=yes", LC_ALL: "C" };
}

function git(args: string[], cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile("git", args, { cwd, env: gitEnv(), maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const lines = String(stderr).split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("warning:") && !l.startsWith("hint:"));
      const code = (error as NodeJS.ErrnoException).code;
      // git's first `fatal:` line says what failed; the last is often advice ("and the repository exists.").
      const reason = lines.find((l) => l.startsWith("fatal: ")) ?? lines.at(-1) ?? error.message.split("\n")[0]!;
      reject(new Error(code === "ENOENT" ? "git is not installed" : reason.replace(/^fatal: /, "")));
    });
  });
}

/**
 * Brings a site repo into the cache with real git: a fresh clone goes to a temp dir and is renamed
 * into place (never half-written); an existing clone is fetched and checked out at `ref` (default: the
 * remote's HEAD). Offline, the cache is used as it is.
 */
export async function syncRepo(url: string, dir: string, options: { ref?: string; offline?: boolean }): Promise<RepoResult> {
  const cached = existsSync(path.join(dir, ".git"));
  if (options.offline) {
    return cached ? { ok: true, dir } : { ok: false, reason: `not in the cache (${dir}); --offline uses the cache only` };
  }
  if (cached) {
    try {
      await git(["fetch", "--quiet", "--depth", "1", "origin", options.ref ?? "HEAD"], dir);
      await git(["checkout", "--quiet", "--force", "--detach", "FETCH_HEAD"], dir);
      return { ok: true, dir };
    } catch (error) {
      return { ok: true, dir, stale: (error as Error).message };
    }
  }
  const temp = `${dir}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(path.dirname(dir), { recursive: true });
    const branch = options.ref ? ["--branch", options.ref] : [];
    await git(["clone", "--quiet", "--depth", "1", ...branch, "--", url, temp]);
    renameSync(temp, dir);
    return { ok: true, dir };
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    return { ok: false, reason: (error as Error).message };
  }
}
