// Lint latency, the number a pre-commit hook feels: wall time of one process, start to exit.
// Interleaved in one loop (so machine noise hits all alike) it times
//   node -e 0                     the startup floor of any Node CLI
//   markdownlint-cli2 <3 files>   the linter operators already run on the same files
//   netstack lint <3 files>       the same files, as a pre-commit hook passes them (the whole
//                                 site is loaded as context); the headline number
//   netstack lint <site>          the whole site directory (also globs every Markdown file)
// on a generated 3-file site of about 60 table rows. Target: netstack ≤ 0.5× markdownlint-cli2.
import { readFileSync } from "node:fs";
import path from "node:path";
import { countRows, gen } from "./gen.js";
import { median, runNode } from "./measure.js";

export const LATENCY_TARGET = 0.5;

export function latency({ repo, work, runs, warmup = 2 }) {
  const { siteDirs } = gen(path.join(work, "latency"), { sites: 1, rows: 60 });
  const site = siteDirs[0];
  const files = ["devices", "services", "network"].map((f) => path.join(site, "docs", `${f}.md`));
  const cli = path.join(repo, "bin/netstack.js");
  const cases = [
    { name: "node -e 0", args: ["-e", "0"] },
    { name: "markdownlint-cli2", args: [path.join(repo, "node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs"), ...files] },
    { name: "netstack lint", args: [cli, "lint", ...files] },
    { name: "netstack lint <dir>", args: [cli, "lint", site] },
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
    ms,
    ratios: { netstackVsMarkdownlint: ours / mdl, netstackDirVsMarkdownlint: ms["netstack lint <dir>"].median / mdl, netstackVsNode: ours / floor, markdownlintVsNode: mdl / floor },
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
    `lint latency: ${result.runs} runs each (median, min, max in ms); a site of ${result.rows} table rows in 3 files`,
    `${"".padEnd(20)}${"median".padStart(8)}${"min".padStart(8)}${"max".padStart(8)}${"÷ mdl".padStart(8)}${"÷ node".padStart(8)}`,
    ...Object.entries(ms).map(([name, s]) => `${name.padEnd(20)}${fmt(s.median)}${fmt(s.min)}${fmt(s.max)}${ratio(s.median / mdl)}${ratio(s.median / floor)}`),
    `target netstack lint ≤ ${LATENCY_TARGET}× markdownlint-cli2: ${result.target.met ? "met" : "MISSED"} (${ratios.netstackVsMarkdownlint.toFixed(2)}×)`,
  ].join("\n");
}
