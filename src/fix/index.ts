import { realpathSync } from "node:fs";
import path from "node:path";
import type { Diagnostic, Edit } from "../diagnostics.js";
import { writeFileAtomic } from "../fs.js";
import { isInside, MAX_CONFIG_BYTES, readInside } from "../io/safe-read.js";
import { parseSourceFile, type SiteModel, type SourceFile } from "../inventory/site.js";
import { LineIndex, stripBom } from "../markdown/index.js";
import { disabledChecker } from "../rules/control.js";
import { applyEdits } from "./apply.js";
import { macCaseEdits } from "./mac-case.js";
import { tableAlignmentEdits } from "./table-alignment.js";

/**
 * Formatting that `--fix` applies and no rule reports: the docs reading as the inventory does
 * is not a problem to warn about on every commit, but it is what `--fix` is asked for.
 * Passes produce edits, as rules' fixes do, and go through the same engine. They run in this
 * order, each on the text the one before left: MACs first, so alignment measures the new cells.
 * Lines under a `<!-- netstack-disable -->` that names no rule (so: everything) are left as written.
 */
const PASSES: ((file: SourceFile) => Edit[])[] = [macCaseEdits, tableAlignmentEdits];

/** What one lint round hands the fixer: the diagnostics it reports and, per site, the Markdown files in scope. */
export interface FixInput {
  diagnostics: readonly Diagnostic[];
  scope: readonly { site: SiteModel; files: readonly SourceFile[] }[];
}

/** A file a rule's fix edits (a .gitignore), read through the safe reader under its site's root; null when refused. */
function readText(roots: readonly string[], file: string): { text: string; bom: boolean } | null {
  const root = roots.find((r) => isInside(r, path.resolve(file)));
  if (root === undefined) return null;
  const result = readInside(root, file, { maxBytes: MAX_CONFIG_BYTES });
  if (result.ok) return stripBom(result.text);
  return result.problem === "missing" ? { text: "", bom: false } : null;
}

/**
 * Where a fixed file is written: a link inside the site is followed, so the link stays a link and
 * its target gets the new text (an editor does the same); anything else is written in place.
 */
function writeTarget(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** A Markdown file after the rules' edits and then each formatting pass in turn. */
function fixMarkdown(site: SiteModel, file: SourceFile, ruleEdits: readonly Edit[]): string {
  let text = applyEdits(file.text, ruleEdits).text;
  let current = text === file.text ? file : parseSourceFile(site.root, file.abs, text, site.config);
  for (const pass of PASSES) {
    const disabled = disabledChecker(current.doc.comments);
    const lines = new LineIndex(current.text);
    // "" is no rule's id, so only a directive without a rule list covers it.
    const edits = pass(current).filter((e) => !disabled("", lines.point(e.start).line));
    if (edits.length === 0) continue;
    text = applyEdits(text, edits).text;
    current = parseSourceFile(site.root, file.abs, text, site.config);
  }
  return text;
}

/**
 * Applies one round of fixes: each reported diagnostic's edits, and the formatting passes over
 * the Markdown files in scope; one atomic write per changed file. Returns the files it rewrote.
 */
export function applyFixRound(input: FixInput): string[] {
  const ruleEdits = new Map<string, Edit[]>();
  for (const d of input.diagnostics) {
    if (!d.fix) continue;
    const edits = ruleEdits.get(d.file) ?? [];
    for (const edit of d.fix.edits) edits.push(edit);
    ruleEdits.set(d.file, edits);
  }

  const results = new Map<string, { before: string; after: string; bom: boolean }>();
  for (const { site, files } of input.scope) {
    for (const file of files) results.set(file.abs, { before: file.text, after: fixMarkdown(site, file, ruleEdits.get(file.abs) ?? []), bom: file.bom });
  }
  const roots = input.scope.map(({ site }) => site.root);
  for (const [file, edits] of ruleEdits) {
    if (results.has(file)) continue;
    const read = readText(roots, file);
    if (read === null) continue;
    results.set(file, { before: read.text, after: applyEdits(read.text, edits).text, bom: read.bom });
  }

  const written: string[] = [];
  for (const [file, { before, after, bom }] of [...results].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (after === before) continue;
    writeFileAtomic(writeTarget(file), bom ? `\uFEFF${after}` : after);
    written.push(file);
  }
  return written;
}
