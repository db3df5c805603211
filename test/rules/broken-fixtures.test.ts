import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint.js";
import { RULES } from "../../src/rules/index.js";
import { repoRoot } from "../foundation/helpers.js";

/**
 * fixtures/broken/<family--rule>/: one small site per rule, and in expected.json the
 * diagnostics that rule must report (`[{file, line, ruleId}]`). Each case must report exactly
 * those, and no error from any other rule. A rule may have more cases, `<family--rule--variant>`
 * (the same rule found in site-config.yml, for one).
 */
const brokenDir = path.join(repoRoot, "fixtures/broken");
const cases = existsSync(brokenDir) ? readdirSync(brokenDir).filter((name) => statSync(path.join(brokenDir, name)).isDirectory()).sort() : [];

/** The rules of the Foundation issue; each must have a broken case. */
const FOUNDATION_RULES = [
  "table/missing-column", "table/ragged-row", "table/placeholder", "table/unrecognized",
  "site/missing-file", "site/structure",
  "device/duplicate-name", "device/duplicate-ip", "device/duplicate-mac", "device/invalid-ip", "device/invalid-mac",
  "device/ip-outside-subnet", "device/unknown-type", "device/unknown-host",
  "service/unknown-host", "service/invalid-port",
];

interface Expected {
  file: string;
  line: number;
  ruleId: string;
}

const key = (d: Expected) => `${d.file}:${d.line} ${d.ruleId}`;

describe("fixtures/broken", () => {
  it("has a case for every Foundation rule, and every case names a registered rule", () => {
    const ruleOf = (name: string) => name.split("--").slice(0, 2).join("/");
    expect(cases.map(ruleOf)).toEqual(expect.arrayContaining(FOUNDATION_RULES));
    const registered = new Set(RULES.map((r) => r.id));
    expect(cases.map(ruleOf).filter((id) => !registered.has(id))).toEqual([]);
  });

  for (const name of cases) {
    const ruleId = name.split("--").slice(0, 2).join("/");
    it(name.includes("--", name.indexOf("--") + 2) ? `${ruleId} (${name.split("--")[2]})` : ruleId, async () => {
      const root = path.join(brokenDir, name);
      const expected = JSON.parse(readFileSync(path.join(root, "expected.json"), "utf8")) as Expected[];
      expect(expected.length).toBeGreaterThan(0);
      const judged = new Set([ruleId, ...expected.map((d) => d.ruleId)]);
      const { diagnostics } = await lint([root]);
      const found = diagnostics.map((d) => ({ ...d, file: path.relative(root, d.file).split(path.sep).join("/") }));
      expect(found.filter((d) => judged.has(d.ruleId)).map(key).sort()).toEqual(expected.map(key).sort());
      expect(found.filter((d) => d.severity === "error" && !judged.has(d.ruleId)).map(key)).toEqual([]);
    });
  }
});
