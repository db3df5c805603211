import { afterAll, describe, expect, it } from "vitest";
import { RULES } from "../../src/rules/index.js";
import { ruleTimingTable } from "../../src/rules/timing.js";
import { cleanTempDirs, netstack } from "../foundation/helpers.js";
import { brokenSite } from "./sites.js";

afterAll(cleanTempDirs);

describe("TIMING (eslint's rule timing)", () => {
  it("lays out the slowest rules as eslint does, ten at least", () => {
    const rows: [string, number][] = Array.from({ length: 12 }, (_, i) => [`rule/r${String(i).padStart(2, "0")}`, 12 - i]);
    rows[0] = ["sensitive/exposed-address", 50];
    const table = ruleTimingTable(rows, "1").split("\n");
    expect(table.slice(0, 4)).toEqual([
      "Rule                      | Time (ms) | Relative",
      ":-------------------------|----------:|--------:",
      "sensitive/exposed-address |      50.0 |    43.1%",
      "rule/r01                  |      11.0 |     9.5%",
    ]);
    expect(table).toHaveLength(2 + 10 + 1);
    expect(ruleTimingTable(rows, "all").split("\n")).toHaveLength(2 + 12 + 1);
    expect(ruleTimingTable(rows, "11").split("\n")).toHaveLength(2 + 11 + 1);
    expect(ruleTimingTable([], "1")).toBe("Rule | Time (ms) | Relative\n:----|----------:|--------:\n");
  });

  it("lint reports on stderr, leaves stdout as it was, and times every rule that ran", () => {
    // The test site turns sensitive/exposed-address off: that one does not run.
    const site = brokenSite();
    const plain = netstack(["lint", site, "--format", "json"]);
    const timed = netstack(["lint", site, "--format", "json"], { env: { TIMING: "all" } });
    expect(timed.code).toBe(plain.code);
    expect(timed.stdout).toBe(plain.stdout);
    const lines = timed.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Rule +\| Time \(ms\) \| Relative$/);
    const ids = lines.slice(2).map((line) => line.split(" | ")[0]!.trim());
    const lintRules = RULES.filter((r) => r.scope !== "federation" && r.scope !== "drift" && r.id !== "sensitive/exposed-address").map((r) => r.id);
    expect(ids.sort()).toEqual(lintRules.sort());
    expect(netstack(["lint", site, "--format", "json"]).stderr).toBe("");
  });
});
