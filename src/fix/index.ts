import { readFileSync } from "node:fs";
import type { Diagnostic, Edit } from "../diagnostics.js";
import { writeFileAtomic } from "../fs.js";
import type { SourceFile } from "../inventory/site.js";
import { stripBom } from "../markdown/index.js";
import { applyEdits } from "./apply.js";
import { macCaseEdits } from "./mac-case.js";
import { tableAlignmentEdits } from "./table-alignment.js";

/**
 * Formatting that `--fix` applies and no rule reports: the docs reading as the inventory does
 * is not a problem to warn about on every commit, but it is what `--fix` is asked for (§7).
 * Passes produce edits, as rules' fixes do, and go through the same engine.
 */
const PASSES: ((file: SourceFile) => Edit[])[] = [macCaseEdits, tableAlignmentEdits];

/** What one lint round hands the fixer: the diagnostics it reports and the Markdown files in scope. */
export interface FixInput {
  diagnostics: readonly Diagnostic[];
  files: readonly SourceFile[];
}

function readText(file: string): { text: string; bom: boolean } {
  try {
    return stripBom(readFileSync(file, "utf8"));
  } catch {
    return { text: "", bom: false };
  }
}

/**
 * Applies one round of fixes: each reported diagnostic's edits and the formatting passes over
 * the files in scope, one atomic write per changed file. Returns the files it rewrote.
 */
export function applyFixRound(input: FixInput): string[] {
  const byFile = new Map<string, Edit[]>();
  const add = (file: string, edits: readonly Edit[]) => {
    if (edits.length) byFile.set(file, [...(byFile.get(file) ?? []), ...edits]);
  };
  for (const d of input.diagnostics) if (d.fix) add(d.file, d.fix.edits);
  for (const file of input.files) for (const pass of PASSES) add(file.abs, pass(file));

  const parsed = new Map(input.files.map((f) => [f.abs, f]));
  const written: string[] = [];
  for (const [file, edits] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const source = parsed.get(file);
    const { text, bom } = source ? { text: source.text, bom: source.bom } : readText(file);
    const result = applyEdits(text, edits);
    if (result.applied === 0 || result.text === text) continue;
    writeFileAtomic(file, bom ? `\uFEFF${result.text}` : result.text);
    written.push(file);
  }
  return written;
}
