import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSite } from "../../src/inventory/site.js";
import { runRules } from "../../src/rules/engine.js";
import type { RuleContext } from "../../src/rules/types.js";
import { cleanTempDirs, makeSite, repoRoot } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

/** The per-file rules that skip files whose findings are not reported. */
const PER_FILE = ["sensitive/secret", "sensitive/exposed-address", "table/placeholder", "table/ragged-row", "table/missing-column", "table/unrecognized"];

function context(root: string, files: string[]): RuleContext {
  const site = loadSite(root, { allMarkdown: false, extraFiles: files });
  return { site, sites: [site], federation: null, federationFile: null, profile: "private", mode: "lint" };
}

const line = (root: string) => (d: { file: string; line: number; ruleId: string }) => `${path.relative(root, d.file)}:${d.line} ${d.ruleId}`;

describe("RuleContext.reportOn (lint of named files)", () => {
  // Every per-file rule has something to say in both files.
  const root = makeSite({
    "site.yaml": "code: rf\nname: Reported Files\nsubnet: 10.1.0.0/24\n",
    "docs/devices.md": "# Devices\n\n| name | type | ip | mac | password |\n|---|---|---|---|---|\n| rfgw | gateway | 10.1.0.1 | sw1p? | Tr0ub4dor&3x |\n| rfnas | storage | 10.1.0.2 |\n",
    "docs/services.md": "# Services\n\n| service | host | port | password |\n|---|---|---|---|\n| smb | rfnas | 445 | Winter2024!x |\n| web | rfgw | 443 | x | y |\n\n| what | ever |\n|---|---|\n| a | b |\n",
    "docs/network.md": "# Network\n\n## Subnet\n\n| key | value |\n|---|---|\n| subnet | 10.1.0.0/24 |\n",
  });
  const devices = path.join(root, "docs/devices.md");

  it("per-file rules judge only the named files; their findings there are the same", () => {
    const ctx = context(root, [devices]);
    const all = runRules(ctx).filter((d) => PER_FILE.includes(d.ruleId));
    const named = runRules({ ...ctx, reportOn: new Set([devices]) }).filter((d) => PER_FILE.includes(d.ruleId));
    // Without reportOn the other files are judged too (what lint then dropped).
    expect(all.map(line(root))).toEqual([
      "docs/devices.md:5 sensitive/exposed-address",
      "docs/devices.md:5 table/placeholder",
      "docs/devices.md:5 sensitive/secret",
      "docs/devices.md:6 table/ragged-row",
      "docs/network.md:7 sensitive/exposed-address",
      "docs/services.md:5 sensitive/secret",
      "docs/services.md:6 table/ragged-row",
      "docs/services.md:8 table/unrecognized",
    ]);
    expect(named.map(line(root))).toEqual(all.filter((d) => d.file === devices).map(line(root)));
  });

  it("changes no finding of any rule on the named files, over every example site and each of its files", () => {
    const roots = ["fixtures/federation", "fixtures/broken", "fixtures/real-shapes"].flatMap((dir) => {
      const abs = path.join(repoRoot, dir);
      return readdirSync(abs)
        .map((name) => path.join(abs, name))
        .filter((p) => statSync(p).isDirectory() && (existsSync(path.join(p, "site.yaml")) || existsSync(path.join(p, "docs"))));
    });
    expect(roots.length).toBeGreaterThan(20);
    let judged = 0;
    for (const site of roots) {
      for (const file of loadSite(site, { allMarkdown: true }).files.map((f) => f.abs)) {
        const ctx = context(site, [file]);
        const expected = runRules(ctx).filter((d) => d.file === file);
        const found = runRules({ ...ctx, reportOn: new Set([file]) }).filter((d) => d.file === file);
        expect(found, `${site}: ${path.relative(site, file)}`).toEqual(expected);
        judged++;
      }
    }
    expect(judged).toBeGreaterThan(60);
  });
});
