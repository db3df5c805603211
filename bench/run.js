// Lint latency, the number a pre-commit hook feels: wall time of one process, start to exit.
// In the same run and interleaved (so machine noise hits all alike) it times
//   node -e 0                     the startup floor of any Node CLI
//   markdownlint-cli2 <3 files>   the linter operators already run on the same files
//   netstack lint <3 files>       the same files, as a pre-commit hook passes them (the whole
//                                 site is loaded as context); the headline number
//   netstack lint <site>          the whole site directory (also globs every Markdown file)
// on a generated 3-file site of about 60 table rows, and prints medians with ratios;
// results go to bench/results.json.
// Target (issue 2): netstack ≤ 0.5× markdownlint-cli2. BENCH_RUNS=N changes the run count.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { countRows, gen } from "./gen.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const WARMUP = 2;
const TARGET = 0.5;

const work = mkdtempSync(path.join(os.tmpdir(), "netstack-bench-"));
const { siteDirs } = gen(work, { sites: 1, rows: 60 });
const site = siteDirs[0];
const files = ["devices", "services", "network"].map((f) => path.join(site, "docs", `${f}.md`));

const cases = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "markdownlint-cli2", args: [path.join(repo, "node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs"), ...files] },
  { name: "netstack lint", args: [path.join(repo, "bin/netstack.js"), "lint", ...files] },
  { name: "netstack lint <dir>", args: [path.join(repo, "bin/netstack.js"), "lint", site] },
];

function once(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: site, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error || result.status === null || result.status > 1) {
    throw new Error(`${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr}`);
  }
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

try {
  const times = new Map(cases.map((c) => [c.name, []]));
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const c of cases) {
      const ms = once(c.args);
      if (i >= WARMUP) times.get(c.name).push(ms);
    }
  }
  const stats = Object.fromEntries(cases.map((c) => {
    const xs = times.get(c.name);
    return [c.name, { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) }];
  }));
  const floor = stats["node -e 0"].median;
  const mdl = stats["markdownlint-cli2"].median;
  const ours = stats["netstack lint"].median;
  const oursDir = stats["netstack lint <dir>"].median;

  const fmt = (n) => n.toFixed(1).padStart(8);
  const ratio = (n) => `${(n).toFixed(2)}×`.padStart(8);
  const out = [
    `lint latency: ${RUNS} runs each (median, min, max in ms); site of ${countRows(site, readFileSync)} table rows in 3 files; node ${process.version}, ${os.cpus().length} cpus`,
    "",
    `${"".padEnd(20)}${"median".padStart(8)}${"min".padStart(8)}${"max".padStart(8)}${"÷ mdl".padStart(8)}${"÷ node".padStart(8)}`,
    ...cases.map((c) => {
      const s = stats[c.name];
      return `${c.name.padEnd(20)}${fmt(s.median)}${fmt(s.min)}${fmt(s.max)}${ratio(s.median / mdl)}${ratio(s.median / floor)}`;
    }),
    "",
    `above the node floor: netstack ${(ours - floor).toFixed(1)} ms (dir ${(oursDir - floor).toFixed(1)} ms), markdownlint-cli2 ${(mdl - floor).toFixed(1)} ms`,
    `target netstack ≤ ${TARGET}× markdownlint-cli2: ${ours / mdl <= TARGET ? "met" : "MISSED"} (${(ours / mdl).toFixed(2)}×)`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    runs: RUNS,
    rows: countRows(site, readFileSync),
    ms: stats,
    ratios: { netstackVsMarkdownlint: ours / mdl, netstackDirVsMarkdownlint: oursDir / mdl, netstackVsNode: ours / floor, markdownlintVsNode: mdl / floor },
    target: { netstackVsMarkdownlint: TARGET, met: ours / mdl <= TARGET },
  };
  writeFileSync(path.join(repo, "bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
