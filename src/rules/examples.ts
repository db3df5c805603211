import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The `<rule>.examples.md` format, one file beside each rule: its manual and its test.
 * After the `# rule/id` title comes prose, then each `## ok…` or `## not-ok…` heading starts one
 * example: a tiny site made of the fenced blocks under it. A block's info string names its file
 * (`md devices.md`; bare devices/services/network.md live in docs/, other names are relative
 * to the site root). Two block names are special: `expected` holds one
 * `file:line:column ruleId message` line per diagnostic, and `layout` lists the directories
 * to create instead of the full layout of SPEC §2, and `git` lists the files to stage with
 * `git add -f` in a repository made at the site root (for rules that ask real git), and
 * `observe` lists the observation files (blocks of the example, by name) that `netstack drift`
 * is given, in order, for the drift rules.
 */
export interface RuleExample {
  kind: "ok" | "not-ok";
  title: string;
  /** Line of the example's heading in the examples file. */
  line: number;
  files: Record<string, string>;
  layout: string[] | null;
  /** Files to stage in a fresh git repository at the site root; null means no repository. */
  git: string[] | null;
  /** Observation files given to `netstack drift`, relative to the site root; null when none. */
  observe: string[] | null;
  expected: string[];
}

export interface RuleExamples {
  /** The prose between the title and the first example. */
  intro: string;
  examples: RuleExample[];
}

const DOCS = new Set(["devices.md", "services.md", "network.md"]);
const HEADING = /^##\s+(ok|not-ok)\b\s*:?\s*(.*)$/;
const FENCE = /^(`{3,}|~{3,})\s*(\S*)\s*(\S*)\s*$/;

/** `table/ragged-row` → `<rulesDir>/table/ragged-row.examples.md`. */
export function examplesFile(ruleId: string, rulesDir: string): string {
  return path.join(rulesDir, `${ruleId}.examples.md`);
}

export function parseExamples(text: string): RuleExamples {
  const lines = text.split(/\r?\n/);
  const examples: RuleExample[] = [];
  const intro: string[] = [];
  let current: RuleExample | null = null;
  for (let i = 0; i < lines.length; i++) {
    const heading = HEADING.exec(lines[i]!);
    if (heading) {
      current = { kind: heading[1] as RuleExample["kind"], title: heading[2]!.trim() || heading[1]!, line: i + 1, files: {}, layout: null, git: null, observe: null, expected: [] };
      examples.push(current);
      continue;
    }
    if (!current) {
      if (!lines[i]!.startsWith("# ")) intro.push(lines[i]!);
      continue;
    }
    const fence = FENCE.exec(lines[i]!);
    if (!fence) continue;
    const [, marker, first, second] = fence;
    const name = second || first!;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trimEnd() !== marker; i++) body.push(lines[i]!);
    if (name === "expected") current.expected = body.filter((l) => l.trim() !== "");
    else if (name === "layout") current.layout = body.map((l) => l.trim()).filter(Boolean);
    else if (name === "git") current.git = body.map((l) => l.trim()).filter(Boolean);
    else if (name === "observe") current.observe = body.map((l) => l.trim()).filter(Boolean);
    else if (name) current.files[DOCS.has(name) ? `docs/${name}` : name] = body.length ? `${body.join("\n")}\n` : "";
  }
  return { intro: intro.join("\n").trim(), examples };
}

export function readExamples(file: string): RuleExamples | null {
  return existsSync(file) ? parseExamples(readFileSync(file, "utf8")) : null;
}
