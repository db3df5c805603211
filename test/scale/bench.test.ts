import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript benchmark modules, no types
import { countRows, gen } from "../../bench/gen.js";
// @ts-expect-error plain JavaScript benchmark modules, no types
import { formatBench, runBench } from "../../bench/run.js";
// @ts-expect-error plain JavaScript benchmark modules, no types
import { formatPaired, pairedScaling } from "../../bench/scale.js";
import { repoRoot } from "../foundation/helpers.js";

const work = mkdtempSync(path.join(os.tmpdir(), "netstack-scale-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("bench/gen", () => {
  it("writes the same bytes for the same options", () => {
    const a = gen(path.join(work, "a"), { sites: 3, rows: 40 });
    const b = gen(path.join(work, "b"), { sites: 3, rows: 40 });
    for (const rel of ["federation.yaml", "s001/docs/devices.md", "s002/docs/network.md"]) {
      const read = (root: string) => readFileSync(path.join(root, rel), "utf8").replaceAll(root, "");
      expect(read(path.join(work, "b"))).toBe(read(path.join(work, "a")));
    }
    expect(a.siteDirs.map((d: string) => path.basename(d))).toEqual(["s000", "s001", "s002"]);
    expect(b.federationFile).toBe(path.join(work, "b", "federation.yaml"));
  });

  it("puts inline markup in the asked share of rows, and none at 0", () => {
    const markupRows = (markup: number) => {
      const { siteDirs } = gen(path.join(work, `m${markup}`), { sites: 1, rows: 60, devices: 1000, markup });
      const rows = readFileSync(path.join(siteDirs[0], "docs/devices.md"), "utf8").split("\n").filter((l) => /^\| [^-R]/.test(l) && !l.startsWith("| Hostname"));
      // The notes cell (the last) of each device row; row 0 always holds the admin link.
      return rows.slice(1).filter((l) => /[*`~_<\[&\\]|https?:|www\.|@/.test(l.split(" | ").at(-1)!)).length / (rows.length - 1);
    };
    expect(markupRows(0)).toBe(0);
    expect(markupRows(0.4)).toBeGreaterThan(0.35);
    expect(markupRows(0.4)).toBeLessThan(0.45);
  });

  it("gives a site exactly the device rows asked for", () => {
    const { siteDirs } = gen(path.join(work, "d"), { sites: 1, rows: 60, devices: 250 });
    const devices = readFileSync(path.join(siteDirs[0], "docs/devices.md"), "utf8").split("\n");
    const dataRows = devices.filter((l) => l.startsWith("|") && !l.startsWith("| Hostname") && !l.startsWith("| ---") && !l.includes("| ---- |"));
    expect(dataRows).toHaveLength(250);
    expect(countRows(siteDirs[0], readFileSync)).toBeGreaterThan(250);
  });
});

describe("bench/run in quick mode", () => {
  it("measures every command of every size and judges the targets it can", async () => {
    const sizes = [
      { name: "1×60", sites: 1, rows: 60, kind: "plain", markup: 0 },
      { name: "3×30", sites: 3, rows: 30, kind: "realistic", markup: 0.4 },
    ];
    const result = await runBench({ quick: true, sizes, runs: 1, latencyRuns: 1, scalingPair: ["1×60", "3×30"] });
    expect(result.sizes.map((s: { name: string; kind: string }) => `${s.name} ${s.kind}`)).toEqual(["1×60 plain", "3×30 realistic"]);
    for (const size of result.sizes) {
      for (const command of ["lint", "check", "build", "rebuild"]) {
        expect(size[command].ms).toBeGreaterThan(0);
        expect(size[command].rssMB).toBeGreaterThan(10);
      }
      expect(size.remark.skipped).toBeNull();
      expect(size.scan.tableLines).toBeGreaterThan(0);
    }
    expect(Object.keys(result.latency.ms)).toEqual(["node -e 0", "markdownlint-cli2", "netstack lint", "netstack lint <dir>", "markdownlint (plain)", "netstack (plain)"]);
    expect(result.targets.map((t: { target: string }) => t.target)).toEqual(["lint 3-file 60-row site ÷ markdownlint-cli2"]);
    expect(result.machine.cores).toBe(os.cpus().length);
    const text = formatBench(result);
    expect(text).toContain("lint latency: 1 runs each");
    expect(text).toMatch(/^3×30 +40% markup /m);
    expect(text).toMatch(/^1×60 +plain /m);
    // 1×60 is plain here: no realistic pair, no alternated runs.
    expect(result.scaling).toBeNull();
    expect(result.drift.hosts).toBe(1024);
    expect(text).toMatch(/^drift: nmap -oX of 1,024 hosts \(\d+\.\d MB\) read in \d+\.\d\d s( \(\d+\.\d\d s of CPU\))?, peak RSS \d+ MB$/m);
  });
});

describe("bench/scale pairedScaling", () => {
  it("runs check and build of two sizes in alternation and gives the median of the pairs' ratios", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "netstack-paired-"));
    try {
      const small = { name: "1×20", sites: 1, rows: 20, kind: "realistic", markup: 0.4 };
      const large = { name: "2×20", sites: 2, rows: 20, kind: "realistic", markup: 0.4 };
      const scaling = pairedScaling(small, large, { repo: repoRoot, work: dir, runs: 2 });
      expect({ small: scaling.small, large: scaling.large, kind: scaling.kind, runs: scaling.runs }).toEqual({ small: "1×20", large: "2×20", kind: "realistic", runs: 2 });
      for (const command of ["check", "build"] as const) {
        const pairs: [number, number][] = scaling[command].pairs;
        expect(pairs).toHaveLength(2);
        for (const pair of pairs) for (const ms of pair) expect(ms).toBeGreaterThan(0);
        const ratios = pairs.map(([x, y]) => y / x).sort((p, q) => p - q);
        expect(scaling[command].ratio).toBeCloseTo((ratios[0]! + ratios[1]!) / 2, 10);
      }
      expect(formatPaired(scaling)).toMatch(/^2×20 ÷ 1×20, realistic tables, 2 alternated pairs \(median of the pairs' ratios\):\n  check \d+\.\d\d× \(\d+\.\d\d\/\d+\.\d\d s, \d+\.\d\d\/\d+\.\d\d s\)\n  build /);
      // Both generated federations are removed.
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
