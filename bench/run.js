// `npm run bench`: in one run, the lint-latency comparison (bench/latency.js) and, for each size,
// lint, check, build and rebuild time and peak RSS with the reference parses (bench/scale.js);
// the targets judged on realistic tables (40% of the rows with inline markup), the plain figures
// beside them; a table on stdout and everything in bench/results.json.
// BENCH_QUICK=1: tiny sizes and few runs, a smoke test of the harness (its numbers mean little).
// BENCH_RUNS=N: runs per latency case (default 21) and per size (default 3; the median is reported).
// BENCH_GENERATOR=independent: realistic tables from bench/gen-independent.js instead of bench/gen.js.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatLatency, latency, LATENCY_TARGET } from "./latency.js";
import { RSS_METHOD } from "./measure.js";
import { formatPaired, formatScale, pairedScaling, QUICK_SIZES, scaleOne, SIZES } from "./scale.js";
import { DRIFT_BOUNDS, driftBench, formatDrift } from "./drift.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The sizes whose realistic tables are also run in alternation for the 200 ÷ 100 targets. */
const SCALING_PAIR = ["100×1000", "200×1000"];

/** The targets, judged on the realistic tables of whichever sizes were run. */
export function judge(result) {
  const size = (name) => result.sizes.find((s) => s.name === name && s.kind === "realistic");
  const targets = [];
  const add = (target, bound, value, unit) => targets.push({ target, bound, value, unit, met: value <= bound });
  if (result.latency) add("lint 3-file 60-row site ÷ markdownlint-cli2", LATENCY_TARGET, result.latency.ratios.netstackVsMarkdownlint, "×");
  const d5000 = size("1×5000 devices.md");
  if (d5000) add("lint one 5,000-row devices.md", 500, d5000.lint.ms, "ms");
  const f100 = size("100×1000");
  const f200 = size("200×1000");
  if (f100) {
    add("check 100×1,000", 5000, f100.check.ms, "ms");
    add("build 100×1,000 (no mkdocs)", 8000, f100.build.ms, "ms");
    add("peak RSS at 100×1,000", 600, Math.max(f100.check.rssMB, f100.build.rssMB), "MB");
    add("rebuild with no change ÷ first build", 0.5, f100.rebuild.vsBuild, "×");
  }
  // From the alternated runs when they were made: the sizes' own medians are minutes apart.
  const paired = result.scaling?.small === SCALING_PAIR[0] && result.scaling.large === SCALING_PAIR[1] ? result.scaling : null;
  if (paired) {
    add("check 200 ÷ 100 sites (alternated runs)", 2.2, paired.check.ratio, "×");
    add("build 200 ÷ 100 sites (alternated runs)", 2.2, paired.build.ratio, "×");
  } else if (f100 && f200) {
    add("check 200 ÷ 100 sites", 2.2, f200.check.ms / f100.check.ms, "×");
    add("build 200 ÷ 100 sites", 2.2, f200.build.ms / f100.build.ms, "×");
  }
  if (result.drift && !result.quick) {
    add("read a 65,536-host nmap XML (issue 16)", DRIFT_BOUNDS.ms, result.drift.ms, "ms");
    add("peak RSS reading it (issue 16)", DRIFT_BOUNDS.rssMB, result.drift.rssMB, "MB");
  }
  return targets;
}

export function formatTargets(targets) {
  const v = (t) => (t.unit === "×" ? `${t.value.toFixed(2)}×` : `${t.value.toFixed(0)} ${t.unit}`);
  const b = (t) => (t.unit === "×" ? `${t.bound}×` : `${t.bound} ${t.unit}`);
  return targets.map((t) => `${t.met ? "met   " : "MISSED"}  ${t.target}: ${v(t)} (bound ${b(t)})`).join("\n");
}

function machine() {
  const cpuinfo = (() => {
    try {
      return readFileSync("/proc/cpuinfo", "utf8");
    } catch {
      return "";
    }
  })();
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  return { cpu: model.trim(), cores: os.cpus().length, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

/** Runs the whole benchmark; `log` receives progress lines. */
export async function runBench({ repo = REPO, quick = false, sizes = quick ? QUICK_SIZES : SIZES, runs, latencyRuns, generator = "gen", scalingPair = SCALING_PAIR, log = () => {} } = {}) {
  const work = mkdtempSync(path.join(os.tmpdir(), "netstack-bench-"));
  const sizeRuns = runs ?? (quick ? 1 : 3);
  try {
    log("lint latency…");
    const lat = latency({ repo, work, runs: latencyRuns ?? (quick ? 2 : 21), warmup: quick ? 0 : 2, generator });
    const results = [];
    for (const size of sizes) {
      log(`${size.name} ${size.kind ?? "plain"}…`);
      results.push(scaleOne(size, { repo, work, runs: sizeRuns, generator }));
    }
    const [small, large] = scalingPair.map((name) => sizes.find((s) => s.name === name && s.kind === "realistic"));
    let scaling = null;
    if (small && large) {
      log(`${large.name} ÷ ${small.name}, alternated…`);
      scaling = pairedScaling(small, large, { repo, work, runs: sizeRuns, generator });
    }
    log("drift: nmap XML…");
    const drift = await driftBench({ repo, work, hosts: quick ? 1024 : undefined });
    const result = { date: new Date().toISOString(), quick, machine: machine(), load: os.loadavg(), rssMethod: RSS_METHOD, generator, latency: lat, sizes: results, scaling, drift };
    return { ...result, targets: judge(result) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatBench(result) {
  const m = result.machine;
  return [
    `netstack bench${result.quick ? " (BENCH_QUICK: smoke run)" : ""} — ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, node ${m.node}; peak RSS by ${result.rssMethod}; load average at the end ${result.load.map((l) => l.toFixed(2)).join(", ")}`,
    "",
    formatLatency(result.latency),
    "",
    formatScale(result.sizes),
    "",
    ...(result.scaling ? [formatPaired(result.scaling), ""] : []),
    formatDrift(result.drift),
    "",
    "targets (on the realistic tables):",
    formatTargets(result.targets),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : undefined;
  const generator = process.env.BENCH_GENERATOR ?? "gen";
  if (generator !== "gen" && generator !== "independent") {
    process.stderr.write(`BENCH_GENERATOR must be gen or independent, not ${generator}\n`);
    process.exit(2);
  }
  const result = await runBench({ quick: process.env.BENCH_QUICK === "1", runs, latencyRuns: runs, generator, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${formatBench(result)}\n`);
  // A smoke run's numbers would only overwrite the real ones.
  if (!result.quick) writeFileSync(path.join(REPO, "bench/results.json"), `${JSON.stringify(result, null, 2)}\n`);
}
