// Scale: for each generated size, `lint`, `check` and `build` (no mkdocs) as spawned CLI runs
// (wall time and peak RSS), a rebuild with nothing changed (the build cache of the first build
// warm: .netstack-cache/), and the reference parses of the same files (bench/reference.js).
// Each size runs twice: on plain tables (`markup: 0`) and on realistic ones, where 40% of the rows
// carry inline markup (bench/gen.js, or BENCH_GENERATOR=independent: bench/gen-independent.js).
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { DEFAULT_MARKUP, gen } from "./gen.js";
import { gen as genIndependent } from "./gen-independent.js";
import { median, runNode } from "./measure.js";
import { lineScanTime, remarkParseTime } from "./reference.js";

const BASE_SIZES = [
  { name: "1×60", sites: 1, rows: 60 },
  { name: "1×5000 devices.md", sites: 1, rows: 60, devices: 5000 },
  // "1,000 device rows" per site, as in issue 7 (services and network tables come on top).
  { name: "100×1000", sites: 100, rows: 1000, devices: 1000 },
  { name: "200×1000", sites: 200, rows: 1000, devices: 1000 },
];

const QUICK_BASE_SIZES = [
  { name: "1×60", sites: 1, rows: 60 },
  { name: "1×300 devices.md", sites: 1, rows: 60, devices: 300 },
  { name: "4×100", sites: 4, rows: 100 },
  { name: "8×100", sites: 8, rows: 100 },
];

/** Every size twice: plain tables, then the same shapes with inline markup in 40% of the rows. */
const bothKinds = (sizes) => sizes.flatMap((size) => [
  { ...size, kind: "plain", markup: 0 },
  { ...size, kind: "realistic", markup: DEFAULT_MARKUP },
]);
export const SIZES = bothKinds(BASE_SIZES);
export const QUICK_SIZES = bothKinds(QUICK_BASE_SIZES);

/** The generator of realistic tables: bench/gen.js, or the independent one. */
export const GENERATORS = { gen, independent: genIndependent };

const CACHE_DIR = ".netstack-cache";

function markdownFiles(siteDirs) {
  return siteDirs.flatMap((dir) => readdirSync(path.join(dir, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join(dir, "docs", f)));
}

/** Runs `args` `runs` times; the median run's time and the largest peak RSS. */
/**
 * Written data still waiting for the disk (the last run's output, a removed federation) is
 * flushed before each run: otherwise a build pays for the writes of the runs before it (a
 * 100-site build measured 10 s after the plain size's three builds, 8 s alone).
 */
function flushWrites() {
  spawnSync("sync");
}

function measure(args, runs, cwd, before = () => {}) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    before();
    flushWrites();
    results.push(runNode(args, { cwd }));
  }
  return { ms: median(results.map((r) => r.ms)), rssMB: Math.max(...results.map((r) => r.rssMB)), runs, stderr: results.at(-1).stderr };
}

const quiet = ({ stderr: _stderr, ...measured }) => measured;

/** A size's federation written under `work/<label>`: realistic tables by `generator`, plain ones by bench/gen. */
function generated(size, work, label, generator) {
  const root = path.join(work, label.replace(/[^\w]+/g, "_"));
  const generate = size.markup > 0 ? GENERATORS[generator] : gen;
  return { root, ...generate(root, size) };
}

/** Before a check or build from scratch: no build cache, no earlier output. */
function clearOutputs(root, out) {
  rmSync(path.join(root, CACHE_DIR), { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}

export function scaleOne(size, { repo, work, runs, generator = "gen" }) {
  const { root, federationFile, siteDirs } = generated(size, work, `${size.name}-${size.kind ?? "plain"}`, generator);
  const files = markdownFiles(siteDirs);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const cli = path.join(repo, "bin/netstack.js");
  const out = path.join(root, "_out");
  const clearCache = () => rmSync(path.join(root, CACHE_DIR), { recursive: true, force: true });
  // Every size is repeated for a stable median: on a shared machine one run of a large size can
  // be a third off (a 100-site build measured once at 10.7 s, then 7.9, 8.1 and 8.3 s).
  const n = runs;
  // A commit hook lints one site: the lone devices.md of the big-table size, else the first site's files.
  const lintFiles = size.sites === 1 && size.devices ? [path.join(siteDirs[0], "docs/devices.md")] : files.filter((f) => f.startsWith(siteDirs[0] + path.sep));

  const lint = { ...quiet(measure([cli, "lint", ...lintFiles], n, root)), files: lintFiles.length };
  const check = quiet(measure([cli, "check", federationFile], n, root, clearCache));
  const build = quiet(measure([cli, "build", federationFile, "--out", out], n, root, () => clearOutputs(root, out)));
  const { stderr: rebuildStderr, ...rebuild } = measure([cli, "build", federationFile, "--out", out], n, root);
  const result = {
    name: size.name,
    kind: size.kind ?? "plain",
    markup: size.markup ?? 0,
    generator: size.markup > 0 ? generator : "gen",
    sites: size.sites,
    files: files.length,
    bytes,
    lint,
    check,
    build,
    rebuild: { ...rebuild, vsBuild: rebuild.ms / build.ms, cacheHit: rebuildStderr.includes("from the build cache") },
    remark: remarkParseTime(files, bytes),
    scan: lineScanTime(files),
  };
  rmSync(root, { recursive: true, force: true });
  return result;
}

/**
 * The larger ÷ smaller size's check and build times from runs made in alternation (small, large,
 * small, large, …), each pair's ratio, and their median. Measured minutes apart, as scaleOne
 * measures the sizes, the two sides fall in different phases of a shared host's load: one day's
 * runs of one version gave 200 ÷ 100 sites from 1.4× to 2.6×.
 */
export function pairedScaling(small, large, { repo, work, runs, generator = "gen" }) {
  const cli = path.join(repo, "bin/netstack.js");
  const [a, b] = [small, large].map((size) => {
    const { root, federationFile } = generated(size, work, `paired-${size.name}`, generator);
    const out = path.join(root, "_out");
    const once = (args) => {
      clearOutputs(root, out);
      flushWrites();
      return runNode(args, { cwd: root }).ms;
    };
    return { root, check: () => once([cli, "check", federationFile]), build: () => once([cli, "build", federationFile, "--out", out]) };
  });
  const pairs = { check: [], build: [] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const command of ["check", "build"]) pairs[command].push([a[command](), b[command]()]);
    }
  } finally {
    for (const side of [a, b]) rmSync(side.root, { recursive: true, force: true });
  }
  const ratio = (list) => median(list.map(([x, y]) => y / x));
  return { small: small.name, large: large.name, kind: large.kind ?? "plain", runs, check: { ratio: ratio(pairs.check), pairs: pairs.check }, build: { ratio: ratio(pairs.build), pairs: pairs.build } };
}

export function formatPaired(scaling) {
  const pairs = (list) => list.map(([x, y]) => `${(x / 1000).toFixed(2)}/${(y / 1000).toFixed(2)} s`).join(", ");
  return [
    `${scaling.large} ÷ ${scaling.small}, ${scaling.kind} tables, ${scaling.runs} alternated pairs (median of the pairs' ratios):`,
    `  check ${scaling.check.ratio.toFixed(2)}× (${pairs(scaling.check.pairs)})`,
    `  build ${scaling.build.ratio.toFixed(2)}× (${pairs(scaling.build.pairs)})`,
  ].join("\n");
}

export function formatScale(results) {
  const s = (ms) => (ms === null ? "skipped" : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const mb = (x) => `${x.toFixed(0)} MB`;
  const cols = ["size", "tables", "MB", "lint", "check", "build", "rebuild", "RSS lint/check/build", "remark", "line scan"];
  const rows = results.map((r) => [
    r.name,
    r.kind === "realistic" ? `${Math.round(r.markup * 100)}% markup${r.generator === "gen" ? "" : ` (${r.generator})`}` : "plain",
    (r.bytes / 1e6).toFixed(2),
    s(r.lint.ms),
    s(r.check.ms),
    s(r.build.ms),
    `${s(r.rebuild.ms)} (${r.rebuild.vsBuild.toFixed(2)}×)`,
    `${mb(r.lint.rssMB)} / ${mb(r.check.rssMB)} / ${mb(r.build.rssMB)}`,
    r.remark.ms === null ? "skipped*" : s(r.remark.ms),
    s(r.scan.ms),
  ]);
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const notes = results.filter((r) => r.remark.skipped).map((r) => `* ${r.name}: remark ${r.remark.skipped}`);
  return [line(cols), ...rows.map(line), ...[...new Set(notes)]].join("\n");
}
