import type * as ChildProcess from "node:child_process";
import { createRequire } from "node:module";

/**
 * node:child_process, loaded when git first runs: it brings net, dgram and streams with it, ~6 ms
 * a commit hook would pay on every run for a rule that rarely needs git.
 */
let childProcess: typeof ChildProcess | undefined;
const loadBuiltin = createRequire(import.meta.url);
function processes(): typeof ChildProcess {
  return (childProcess ??= loadBuiltin("node:child_process") as typeof ChildProcess);
}

/**
 * The one way netstack runs git. A federation build fetches other people's repos in a CI that holds
 * secrets, and reads work trees it did not make, so every call:
 * - ignores what a repo's own config could make git run: `core.fsmonitor`, hooks, `core.sshCommand`,
 *   `core.askPass` are overridden on the command line (`-c` wins over every config file), and the
 *   system config is not read (`GIT_CONFIG_NOSYSTEM`);
 * - allows only the https, ssh, git and file transports (`GIT_ALLOW_PROTOCOL`; `ext::` and `fd::`
 *   are refused by git itself), never prompts, and stops slow HTTP transfers;
 * - has a timeout, after which git and what it started (ssh, remote helpers) are killed;
 * - reports its failure as one line with any credentials in URLs masked.
 * Callers put `--` before refs and URLs themselves (git's options differ per command); refs from
 * config are checked with `validRef` first.
 */

/** The transports a site repo may use (git's GIT_ALLOW_PROTOCOL syntax). */
export const ALLOWED_PROTOCOLS = ["https", "ssh", "git", "file"] as const;

/** Seconds a network call (clone, fetch) may take; `NETSTACK_GIT_TIMEOUT` overrides it. */
export const NETWORK_TIMEOUT_S = 300;
/** Seconds a local call (ls-files, rev-parse, status, merge-file) may take. */
export const LOCAL_TIMEOUT_S = 60;

const OVERRIDES = [
  "core.fsmonitor=false",
  "core.hooksPath=/dev/null",
  "core.sshCommand=ssh -o BatchMode=yes",
  "core.askPass=",
  "protocol.ext.allow=never",
  "protocol.fd.allow=never",
  // A server that accepts and then sends nothing: git gives up after a minute under 1 KB/s.
  "http.lowSpeedLimit=1000",
  "http.lowSpeedTime=60",
];

export interface GitOptions {
  cwd?: string;
  /** Seconds before git is killed; default NETWORK_TIMEOUT_S or LOCAL_TIMEOUT_S by `network`. */
  timeoutS?: number;
  /** A clone or fetch: the longer default timeout. */
  network?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Largest stdout kept (bytes). */
  maxBuffer?: number;
}

export type GitResult = { ok: true; stdout: string } | { ok: false; reason: string };

/** The environment of every git call: the caller's, plus what keeps git from prompting or leaving the allowed transports. */
export function gitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_SSH_COMMAND: env.GIT_SSH_COMMAND ?? "ssh -o BatchMode=yes -o ConnectTimeout=30",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS.join(":"),
    GIT_PROTOCOL_FROM_USER: "0",
    LC_ALL: "C",
  };
}

/** The full argument list: the overrides, then the caller's command. */
export function gitArgs(args: readonly string[]): string[] {
  return [...OVERRIDES.flatMap((o) => ["-c", o]), ...args];
}

/** The git command of an argument list (`fetch` of `-C dir -c x=y fetch …`), for messages. */
function commandOf(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "-c" || args[i] === "-C") i++;
    else if (!args[i]!.startsWith("-")) return args[i]!;
  }
  return "";
}

function timeoutOf(options: GitOptions): number {
  const fromEnv = Number((options.env ?? process.env).NETSTACK_GIT_TIMEOUT);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  return options.timeoutS ?? (options.network ? NETWORK_TIMEOUT_S : LOCAL_TIMEOUT_S);
}

/** `https://user:token@host/x` → `https://***@host/x`, and `user:pw@host:path` likewise: credentials never reach a message. */
export function maskUrlCredentials(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, "$1***@")
    .replace(/(^|[\s'"(])[^\s:/@'"(]+:[^\s/@'"]+@(?=[^\s/@]+:)/g, "$1***@");
}

/** git's first `fatal:`/`error:` line says what failed; the last is often advice. */
function reasonOf(stderr: string, fallback: string): string {
  const lines = stderr.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("warning:") && !l.startsWith("hint:"));
  const line = lines.find((l) => l.startsWith("fatal: ")) ?? lines.find((l) => l.startsWith("error: ")) ?? lines.at(-1) ?? fallback;
  return maskUrlCredentials(line.replace(/^(fatal|error): /, ""));
}

/** Runs git asynchronously (clone, fetch). Never throws. */
export function runGit(args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const timeoutS = timeoutOf(options);
  const maxBuffer = options.maxBuffer ?? 16 * 1024 * 1024;
  return new Promise((resolve) => {
    // Its own process group, so a timeout also ends ssh and the remote helpers git started.
    const child = processes().spawn("git", gitArgs(args), { cwd: options.cwd, env: gitEnv(options.env), stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => {
      if (stdout.length < maxBuffer) stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutS * 1000);
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: error.code === "ENOENT" ? "git is not installed" : maskUrlCredentials(error.message) });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut) resolve({ ok: false, reason: `git ${commandOf(args)} gave no result within ${timeoutS} s; stopped` });
      else if (code === 0) resolve({ ok: true, stdout });
      else resolve({ ok: false, reason: reasonOf(stderr, `git ${commandOf(args)} failed (exit ${code})`) });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Runs git synchronously (local reads: ls-files, rev-parse, status, merge-file). Never throws. */
export function runGitSync(args: readonly string[], options: GitOptions & { input?: string } = {}): GitResult & { status?: number | null } {
  const timeoutS = timeoutOf(options);
  const result = processes().spawnSync("git", gitArgs(args), {
    cwd: options.cwd,
    env: gitEnv(options.env),
    encoding: "utf8",
    timeout: timeoutS * 1000,
    killSignal: "SIGKILL",
    maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
    input: options.input,
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, reason: "git is not installed" };
    if (code === "ETIMEDOUT") return { ok: false, reason: `git ${commandOf(args)} gave no result within ${timeoutS} s; stopped` };
    return { ok: false, reason: maskUrlCredentials(result.error.message) };
  }
  if (result.status === 0) return { ok: true, stdout: result.stdout, status: 0 };
  return { ok: false, reason: reasonOf(result.stderr ?? "", `git ${commandOf(args)} failed (exit ${result.status})`), status: result.status };
}

/**
 * A ref a federation.yaml may name: a branch, tag or commit that `git check-ref-format` accepts,
 * and never something git could read as an option. Returns why not, or null.
 */
export function refProblem(ref: string): string | null {
  if (ref === "" || ref.startsWith("-")) return `ref "${ref}" is not a branch, tag or commit name`;
  const result = runGitSync(["check-ref-format", "--allow-onelevel", ref]);
  return result.ok ? null : `ref "${ref}" is not a valid git ref name`;
}
