import { describe, expect, it } from "vitest";
import { backupDiagram, backupGaps, coverage, type Flow } from "../../src/emit/mkdocs/backup-graph.js";

const SITES = [
  { code: "cf", name: "Cedar Falls" },
  { code: "sl", name: "O'Fallon" },
  { code: "wf", name: "Winfield" },
];
const CODES = SITES.map((s) => s.code);
const flow = (from: string, to: string, mode: string, tier: string | null = "critical"): Flow => ({ from, to, mode, tier });

describe("backup gaps", () => {
  it("in a triangle, every ordered pair needs a push and a pull", () => {
    const flows = [flow("cf", "sl", "push"), flow("cf", "sl", "pull"), flow("cf", "wf", "push"), flow("sl", "cf", "push")];
    expect(backupGaps(CODES, flows, 2)).toEqual([
      { from: "cf", to: "wf", missing: "pull" },
      { from: "sl", to: "cf", missing: "pull" },
      { from: "sl", to: "wf", missing: "push" },
      { from: "sl", to: "wf", missing: "pull" },
      { from: "wf", to: "cf", missing: "push" },
      { from: "wf", to: "cf", missing: "pull" },
      { from: "wf", to: "sl", missing: "push" },
      { from: "wf", to: "sl", missing: "pull" },
    ]);
  });

  it("beyond the triangle, each site needs minOffsite other sites", () => {
    const codes = ["a1", "b1", "c1", "d1"];
    const flows = [flow("a1", "b1", "push"), flow("a1", "c1", "pull"), flow("b1", "c1", "push")];
    expect(backupGaps(codes, flows, 2)).toEqual([
      { from: "b1", to: null, missing: "1 more offsite copy" },
      { from: "c1", to: null, missing: "2 more offsite copies" },
      { from: "d1", to: null, missing: "2 more offsite copies" },
    ]);
  });
});

describe("backupDiagram", () => {
  it("draws one line per pair of sites, with modes and tiers each way in its label, and gaps in red", () => {
    const flows = [flow("cf", "sl", "push"), flow("cf", "sl", "push", "media"), flow("sl", "cf", "pull")];
    const diagram = backupDiagram(SITES, flows, [{ from: "wf", to: "cf", missing: "push" }]);
    expect(diagram).toBe(
      [
        "flowchart LR",
        '  s0["cf · Cedar Falls"]',
        '  s1["sl · O#39;Fallon"]',
        '  s2["wf · Winfield"]',
        '  s0 <-->|"cf #8594; sl: push · critical, media<br/>sl #8594; cf: pull · critical"| s1',
        '  s2 -->|"wf #8594; cf: missing push"| s0',
        "  linkStyle 1 stroke:#d32f2f,stroke-width:2px,color:#d32f2f",
        "  classDef gap stroke:#d32f2f,stroke-width:3px",
        "  class s2 gap",
      ].join("\n"),
    );
  });

  it("draws a full triangle (12 flows) as three lines", () => {
    const flows = CODES.flatMap((a) => CODES.filter((b) => b !== a).flatMap((b) => [flow(a, b, "push"), flow(a, b, "pull")]));
    const edges = backupDiagram(SITES, flows, [])!.split("\n").filter((l) => l.includes("|"));
    expect(edges).toEqual([
      '  s0 <-->|"cf #8594; sl: push, pull · critical<br/>sl #8594; cf: push, pull · critical"| s1',
      '  s0 <-->|"cf #8594; wf: push, pull · critical<br/>wf #8594; cf: push, pull · critical"| s2',
      '  s1 <-->|"sl #8594; wf: push, pull · critical<br/>wf #8594; sl: push, pull · critical"| s2',
    ]);
  });

  it("gives up on drawing past Mermaid's edge limit", () => {
    const codes = Array.from({ length: 30 }, (_, i) => `s${i}x`);
    const flows = codes.flatMap((a) => codes.filter((b) => b !== a).map((b) => flow(a, b, "push")));
    expect(backupDiagram(codes.map((code) => ({ code, name: code })), flows, [])).toBeNull();
  });
});

describe("coverage", () => {
  it("marks who holds whose data, per tier", () => {
    const flows = [flow("cf", "sl", "push"), flow("cf", "sl", "pull"), flow("sl", "wf", "push", "media")];
    const all = coverage(CODES, flows, null);
    expect(all.get("cf")!.get("sl")).toBe("push+pull");
    expect(all.get("sl")!.get("wf")).toBe("push");
    expect(coverage(CODES, flows, "critical").get("sl")!.get("wf")).toBe("");
  });
});
