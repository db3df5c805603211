import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rulesMarkdown } from "../../src/rules/docs.js";
import { RULES } from "../../src/rules/index.js";
import { repoRoot } from "../foundation/helpers.js";

/** docs/rules.md is generated from the rules and their examples; it must match what they say now. */
describe("docs/rules.md", () => {
  const text = rulesMarkdown(RULES, path.join(repoRoot, "src/rules"));

  it("is up to date (run npm run docs:rules)", () => {
    expect(readFileSync(path.join(repoRoot, "docs/rules.md"), "utf8")).toBe(text);
  });

  it("lists every rule once, with a section each", () => {
    for (const rule of RULES) {
      expect(text.split("\n").filter((l) => l === `## ${rule.id}`)).toHaveLength(1);
      expect(text).toContain(`| [\`${rule.id}\`](#`);
    }
  });
});
