import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ALLOWED_PROTOCOLS, maskUrlCredentials, refProblem, runGit } from "../git/run.js";
import { pidAlive } from "../emit/output.js";

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

/** A `repo:` value as git will be given it: a URL of an allowed transport, or an absolute local path. */
export type RepoLocation = { ok: true; url: string } | { ok: false; reason: string };

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * Where a `repo:` of federation.yaml points. URLs must use https, ssh, git or file; `user@host:path`
 * is ssh; anything else is a local path, resolved against federation.yaml's directory (not the
 * directory netstack runs in). Remote-helper forms (`ext::…`, `fd::17`) and values git could read
 * as an option are refused.
 */
export function repoLocation(repo: string, baseDir: string): RepoLocation {
  const shown = maskUrlCredentials(repo);
  if (repo.trim() === "" || repo.startsWith("-")) return { ok: false, reason: `"${shown}" is not a git URL or path` };
  if (/[\0-\x1f\x7f]/.test(repo)) return { ok: false, reason: "the repo URL holds a control character" };
  const scheme = URL_SCHEME.exec(repo)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (!(ALLOWED_PROTOCOLS as readonly string[]).includes(scheme)) return { ok: false, reason: `${scheme}:// is not an allowed transport (https, ssh, git, file)` };
    return { ok: true, url: repo };
  }
  if (/^[a-z][a-z0-9+.-]*::/i.test(repo)) return { ok: false, reason: `"${shown}" uses a git remote helper; only https, ssh, git and file are allowed` };
  // git's own rule: a colon before any slash makes `host:path` an ssh location.
  const colon = repo.indexOf(":");
  const slash = repo.indexOf("/");
  if (colon > 0 && (slash === -1 || colon < slash) && !/^[a-z]:[\\/]/i.test(repo)) return { ok: true, url: repo };
  return { ok: true, url: path.resolve(baseDir, repo) };
}

/** Clones of one cache directory, one at a time within this process. */
const running = new Map<string, Promise<RepoResult>>();

/**
 * Brings a site repo into the cache with real git: a fresh clone goes to a temp dir and is renamed
 * into place (never half-written); an existing clone is fetched and checked out at `ref` (default: the
 * remote's HEAD). Offline, the cache is used as it is. One clone or fetch per cache directory at a
 * time, across processes too (a lock file beside it).
 */
export async function syncRepo(url: string, dir: string, options: { ref?: string; offline?: boolean; env?: NodeJS.ProcessEnv }): Promise<RepoResult> {
  const before = running.get(dir);
  const mine = (async () => {
    if (before) await before;
    return withLock(dir, options.env, () => syncUnlocked(url, dir, options));
  })();
  running.set(dir, mine);
  try {
    return await mine;
  } finally {
    if (running.get(dir) === mine) running.delete(dir);
  }
}

async function syncUnlocked(url: string, dir: string, options: { ref?: string; offline?: boolean; env?: NodeJS.ProcessEnv }): Promise<RepoResult> {
  const cached = existsSync(path.join(dir, ".git"));
  if (options.offline) {
    return cached ? { ok: true, dir } : { ok: false, reason: `not in the cache (${dir}); --offline uses the cache only` };
  }
  if (options.ref !== undefined) {
    const problem = refProblem(options.ref);
    if (problem) return { ok: false, reason: problem };
  }
  const env = options.env;
  if (cached) {
    const fetched = await runGit(["fetch", "--quiet", "--depth", "1", "--", "origin", options.ref ?? "HEAD"], { cwd: dir, network: true, env });
    if (!fetched.ok) return { ok: true, dir, stale: fetched.reason };
    const checkedOut = await runGit(["checkout", "--quiet", "--force", "--detach", "FETCH_HEAD", "--"], { cwd: dir, env });
    return checkedOut.ok ? { ok: true, dir } : { ok: true, dir, stale: checkedOut.reason };
  }
  const temp = `${dir}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(path.dirname(dir), { recursive: true });
    const branch = options.ref !== undefined ? [`--branch=${options.ref}`] : [];
    const cloned = await runGit(["clone", "--quiet", "--depth", "1", "--no-recurse-submodules", ...branch, "--", url, temp], { network: true, env });
    if (!cloned.ok) {
      rmSync(temp, { recursive: true, force: true });
      return { ok: false, reason: cloned.reason };
    }
    renameSync(temp, dir);
    return { ok: true, dir };
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    return { ok: false, reason: maskUrlCredentials((error as Error).message) };
  }
}

const LOCK_POLL_MS = 100;

/** Runs `work` holding `<dir>.lock` (made with O_EXCL, holding our pid); a lock of a dead process is taken over. */
async function withLock<T>(dir: string, env: NodeJS.ProcessEnv | undefined, work: () => Promise<T>): Promise<T> {
  const lock = `${dir}.lock`;
  mkdirSync(path.dirname(dir), { recursive: true });
  const fromEnv = Number((env ?? process.env).NETSTACK_GIT_TIMEOUT);
  const waitMs = (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 600) * 1000;
  const start = Date.now();
  for (;;) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return work();
      const holder = Number(readQuietly(lock));
      if (!Number.isInteger(holder) || holder <= 0 || !pidAlive(holder) || Date.now() - start > waitMs) {
        rmSync(lock, { force: true });
        continue;
      }
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function readQuietly(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}
