// Lint latency, the number a pre-commit hook feels: wall time of one process, start to exit.
// Interleaved in one loop (so machine noise hits all alike) it times
//   node -e 0                     the startup floor of any Node CLI
//   markdownlint-cli2 <3 files>   the linter operators already run on the same files
//   netstack lint <3 files>       the same files, as a pre-commit hook passes them (the whole
//                                 site is loaded as context); the headline number
//   netstack lint <site>          the whole site directory (also globs every Markdown file)
// on a generated 3-file site of about 60 table rows, plain and realistic (40% of the rows with inline
// markup: bench/gen.js, or the independent generator), both in the same loop.
// Target: netstack ≤ 0.5× markdownlint-cli2, on the realistic site.
import { readFileSync } from "node:fs";
import path from "node:path";
import { countRows, DEFAULT_MARKUP, gen } from "./gen.js";
import { gen as genIndependent } from "./gen-independent.js";
import { median, runNode } from "./measure.js";

export const LATENCY_TARGET = 0.5;

export function latency({ repo, work, runs, warmup = 2, generator = "gen" }) {
  const plainSite = gen(path.join(work, "latency-plain"), { sites: 1, rows: 60, markup: 0 }).siteDirs[0];
  const site = (generator === "independent" ? genIndependent : gen)(path.join(work, "latency"), { sites: 1, rows: 60, markup: DEFAULT_MARKUP }).siteDirs[0];
  const filesOf = (dir) => ["devices", "services", "network"].map((f) => path.join(dir, "docs", `${f}.md`));
  const files = filesOf(site);
  const cli = path.join(repo, "bin/netstack.js");
  const markdownlint = path.join(repo, "node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs");
  const cases = [
    { name: "node -e 0", args: ["-e", "0"] },
    { name: "markdownlint-cli2", args: [markdownlint, ...files] },
    { name: "netstack lint", args: [cli, "lint", ...files] },
    { name: "netstack lint <dir>", args: [cli, "lint", site] },
    { name: "markdownlint (plain)", args: [markdownlint, ...filesOf(plainSite)] },
    { name: "netstack (plain)", args: [cli, "lint", ...filesOf(plainSite)] },
  ];
  const times = new Map(cases.map((c) => [c.name, []]));
  for (let i = 0; i < warmup + runs; i++) {
    for (const c of cases) {
      const { ms } = runNode(c.args, { cwd: site });
      if (i >= warmup) times.get(c.name).push(ms);
    }
  }
  const ms = Object.fromEntries(cases.map((c) => {
    const xs = times.get(c.name);
    return [c.name, { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) }];
  }));
  const floor = ms["node -e 0"].median;
  const mdl = ms["markdownlint-cli2"].median;
  const ours = ms["netstack lint"].median;
  return {
    runs,
    rows: countRows(site, readFileSync),
    generator,
    ms,
    ratios: {
      netstackVsMarkdownlint: ours / mdl,
      netstackDirVsMarkdownlint: ms["netstack lint <dir>"].median / mdl,
      netstackVsNode: ours / floor,
      markdownlintVsNode: mdl / floor,
      plainNetstackVsMarkdownlint: ms["netstack (plain)"].median / ms["markdownlint (plain)"].median,
    },
    target: { netstackVsMarkdownlint: LATENCY_TARGET, met: ours / mdl <= LATENCY_TARGET },
  };
}

export function formatLatency(result) {
  const { ms, ratios } = result;
  const mdl = ms["markdownlint-cli2"].median;
  const floor = ms["node -e 0"].median;
  const fmt = (n) => n.toFixed(1).padStart(8);
  const ratio = (n) => `${n.toFixed(2)}×`.padStart(8);
  return [
    `lint latency: ${result.runs} runs each (median, min, max in ms); a site of ${result.rows} table rows in 3 files, 40% of the rows with inline markup${result.generator === "independent" ? " (independent generator)" : ""}; (plain): the same site without markup`,
    `${"".padEnd(20)}${"median".padStart(8)}${"min".padStart(8)}${"max".padStart(8)}${"÷ mdl".padStart(8)}${"÷ node".padStart(8)}`,
    ...Object.entries(ms).map(([name, s]) => `${name.padEnd(20)}${fmt(s.median)}${fmt(s.min)}${fmt(s.max)}${ratio(s.median / mdl)}${ratio(s.median / floor)}`),
    `target netstack lint ≤ ${LATENCY_TARGET}× markdownlint-cli2: ${result.target.met ? "met" : "MISSED"} (${ratios.netstackVsMarkdownlint.toFixed(2)}×; plain tables ${ratios.plainNetstackVsMarkdownlint.toFixed(2)}×)`,
  ].join("\n");
}
