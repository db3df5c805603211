import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs } from "../foundation/helpers.js";
import { diagnosticsOf, expectFatal, federationWithCase, run, siteWithCase } from "./helpers.js";

/** fixtures/bad config cases: broken YAML is fatal at file:line:col, schema problems are diagnostics. */
afterAll(cleanTempDirs);

describe("broken YAML", () => {
  it("site.yaml: lint, check and inventory stop with one line naming site.yaml:line:col", () => {
    const site = siteWithCase("site-yaml-broken");
    const line = `netstack: ${path.join(site, "site.yaml")}:4:1: invalid YAML: `;
    for (const args of [["lint", "."], ["check", "."], ["inventory", "."]]) {
      expect(expectFatal(run(site, ...args), /invalid YAML/).startsWith(line)).toBe(true);
    }
  });

  it("federation.yaml: check, inventory and build stop with one line naming federation.yaml:line:col, nothing written", () => {
    const dir = federationWithCase("federation-yaml-broken");
    const line = `netstack: ${path.join(dir, "federation.yaml")}:9:1: invalid YAML: Missing closing "quote`;
    for (const args of [["check", "federation.yaml"], ["inventory", "federation.yaml", "-o", "out.json"], ["build", "federation.yaml", "--out", "out"]]) {
      expect(expectFatal(run(dir, ...args), /invalid YAML/)).toBe(line);
    }
    expect([existsSync(path.join(dir, "out.json")), existsSync(path.join(dir, "out"))]).toEqual([false, false]);
  });
});

describe("YAML that parses but cannot be resolved", () => {
  it("site.yaml with an alias to no anchor: one line naming the alias", () => {
    const site = siteWithCase("site-yaml-unresolved-alias");
    expect(expectFatal(run(site, "lint", "."), /alias/)).toBe(
      `netstack: ${path.join(site, "site.yaml")}:4:7: invalid YAML: Unresolved alias (the anchor must be set before the alias): role`,
    );
  });

  it("federation.yaml alias bomb (billion laughs): refused in one line, not expanded", () => {
    const dir = federationWithCase("federation-yaml-alias-bomb");
    for (const args of [["check", "federation.yaml"], ["inventory", "federation.yaml"]]) {
      expect(expectFatal(run(dir, ...args), /alias/)).toBe(
        `netstack: ${path.join(dir, "federation.yaml")}:1:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack`,
      );
    }
  });
});

describe("wrong types", () => {
  it("site.yaml `subnet: 42` is a federation/schema error at the key", () => {
    const site = siteWithCase("site-yaml-wrong-type");
    expect(diagnosticsOf(run(site, "lint", ".", "--format", "json"))).toEqual([
      { file: "site.yaml", line: 3, column: 1, ruleId: "federation/schema", severity: "error", message: '"subnet": Invalid input: expected string, received number' },
    ]);
  });

  it("federation.yaml `sites: foo` is a federation/schema error at the key", () => {
    const dir = federationWithCase("federation-yaml-wrong-type");
    const result = run(dir, "check", "federation.yaml", "--format", "json");
    expect(result.code).toBe(1);
    expect(diagnosticsOf(result).filter((d) => d.ruleId === "federation/schema")).toEqual([
      { file: "federation.yaml", line: 5, column: 1, ruleId: "federation/schema", severity: "error", message: '"sites": Invalid input: expected array, received string' },
    ]);
  });
});

describe("unknown keys, with a did-you-mean", () => {
  it("site.yaml `vizibility` → visibility", () => {
    const site = siteWithCase("site-yaml-unknown-key");
    expect(diagnosticsOf(run(site, "lint", ".", "--format", "json"))).toEqual([
      { file: "site.yaml", line: 4, column: 1, ruleId: "federation/schema", severity: "error", message: 'Unknown key "vizibility"; did you mean "visibility"?' },
    ]);
  });

  it("federation.yaml `sitez` → sites (and `sites` is then missing)", () => {
    const dir = federationWithCase("federation-yaml-unknown-key");
    const result = run(dir, "check", "federation.yaml", "--format", "json");
    expect(result.code).toBe(1);
    expect(diagnosticsOf(result).filter((d) => d.file === "federation.yaml")).toEqual([
      { file: "federation.yaml", line: 1, column: 1, ruleId: "federation/schema", severity: "error", message: '"sites": Invalid input: expected array, received undefined' },
      { file: "federation.yaml", line: 5, column: 1, ruleId: "federation/schema", severity: "error", message: 'Unknown key "sitez"; did you mean "sites"?' },
    ]);
  });
});
