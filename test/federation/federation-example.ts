import path from "node:path";
import { check } from "../../src/check.js";
import { RULES } from "../../src/rules/index.js";
import { tempDir, writeFiles } from "../foundation/helpers.js";

/**
 * A rule example that holds a `federation.yaml` block is a whole federation: its other blocks are
 * named by their path from the federation root (`cf/docs/network.md`), and the rule runs as
 * `netstack check federation.yaml` would run it; only its own findings are compared (a site the
 * example leaves out is just not there). Expected lines name files from the federation root.
 * Ages are judged at EXAMPLE_NOW, so examples with a `.backup-state` give the same result every day.
 */
export const EXAMPLE_NOW = Date.parse("2026-05-17T12:00:00Z");

export async function runFederationExample(ruleId: string, files: Record<string, string>): Promise<string[]> {
  const rule = RULES.find((r) => r.id === ruleId)!;
  const root = tempDir();
  writeFiles(root, files);
  const { diagnostics } = await check(path.join(root, "federation.yaml"), { rules: [rule], offline: true, cache: path.join(root, ".cache"), now: EXAMPLE_NOW });
  return diagnostics.filter((d) => d.ruleId === ruleId).map((d) => `${path.relative(root, d.file).split(path.sep).join("/")}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);
}
