import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSite } from "../../src/inventory/site.js";
import { runRules } from "../../src/rules/engine.js";
import { RULES } from "../../src/rules/index.js";
import { cleanTempDirs, makeSite, repoRoot } from "../foundation/helpers.js";
import { examplesFile, readExamples } from "../../src/rules/examples.js";
import { EXAMPLE_NOW, runFederationExample } from "../federation/federation-example.js";
import { drift } from "../../src/drift.js";

/** Entries of an observation that carry no time of their own are dated at this time in examples. */
const EXAMPLE_OBSERVED_AT = Date.parse("2026-05-17T10:00:00Z");

const rulesDir = path.join(repoRoot, "src/rules");
afterAll(cleanTempDirs);

/** Runs one rule over an example site and renders its diagnostics as `file:line:column ruleId message`. */
function run(ruleId: string, files: Record<string, string>, layout: string[] | null, git: string[] | null, observe: string[] | null): string[] {
  const rule = RULES.find((r) => r.id === ruleId)!;
  const root = makeSite(files, layout ? { dirs: layout } : {});
  if (git) {
    execFileSync("git", ["init", "-q"], { cwd: root });
    if (git.length) execFileSync("git", ["add", "-f", "--", ...git], { cwd: root });
  }
  const site = loadSite(root, { allMarkdown: true });
  const show = (d: { file: string; line: number; column: number; ruleId: string; message: string }) =>
    `${path.relative(root, d.file).split(path.sep).join("/")}:${d.line}:${d.column} ${d.ruleId} ${d.message}`;
  if (rule.scope === "drift") {
    const result = drift(root, { site, files: (observe ?? []).map((f) => path.join(root, f)), now: EXAMPLE_NOW, observedAt: EXAMPLE_OBSERVED_AT, rules: [rule] });
    return result.diagnostics.filter((d) => d.ruleId === ruleId).map(show);
  }
  const found = runRules({ site, sites: [site], federation: null, federationFile: null, profile: site.config.visibility, mode: "lint" }, [rule]);
  return found.map((d) => `${path.relative(root, d.file).split(path.sep).join("/")}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);
}

for (const rule of RULES) {
  describe(rule.id, () => {
    const file = examplesFile(rule.id, rulesDir);
    const examples = readExamples(file)?.examples ?? null;

    it("has ok and not-ok examples", () => {
      expect(examples, `${path.relative(repoRoot, file)} is missing`).not.toBeNull();
      expect(examples!.some((e) => e.kind === "ok")).toBe(true);
      expect(examples!.some((e) => e.kind === "not-ok")).toBe(true);
    });

    for (const example of examples ?? []) {
      it(`${example.kind}: ${example.title} (line ${example.line})`, async () => {
        if (example.kind === "not-ok") expect(example.expected.length).toBeGreaterThan(0);
        // An example with a federation.yaml block is a federation, checked as `netstack check` does.
        const found = "federation.yaml" in example.files ? await runFederationExample(rule.id, example.files) : run(rule.id, example.files, example.layout, example.git, example.observe);
        expect(found).toEqual(example.expected);
      });
    }
  });
}
