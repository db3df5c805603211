// One spawned CLI run: wall time (start to exit) and peak RSS (the child's ru_maxrss).
// Peak RSS comes from GNU time (`/usr/bin/time`, Debian package `time`) when installed, else from
// a preloaded probe that reports the process's own maxRSS as it exits.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const GNU_TIME = "/usr/bin/time";
const PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), "rss-probe.cjs");

/** How peak RSS is measured here: "gnu-time" or "probe". */
export const RSS_METHOD = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ["-f", "%M", "true"]).status === 0 ? "gnu-time" : "probe";

/**
 * Runs `node <args>` and returns { ms, rssMB, status, stdout, stderr }.
 * Exit 0 and 1 (findings) are results; anything else throws with the child's stderr.
 */
export function runNode(args, { cwd, env = {} } = {}) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "netstack-rss-"));
  const rssFile = path.join(tmp, "rss");
  const [cmd, argv, extraEnv] =
    RSS_METHOD === "gnu-time"
      ? [GNU_TIME, ["-f", "%M", "-o", rssFile, process.execPath, ...args], {}]
      : [process.execPath, ["--require", PROBE, ...args], { NETSTACK_BENCH_RSS_FILE: rssFile }];
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync(cmd, argv, { cwd, encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: "1", ...env, ...extraEnv } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error || result.status === null || result.status > 1) {
      throw new Error(`node ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr}`);
    }
    const kb = Number(readFileSync(rssFile, "utf8").trim().split("\n").pop());
    return { ms, rssMB: kb / 1024, status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
