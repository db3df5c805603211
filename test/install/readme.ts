import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../foundation/helpers.js";

const README = readFileSync(path.join(repoRoot, "README.md"), "utf8");

/** The first fenced block of a language under a README heading (the heading's text, without #). */
export function readmeBlock(heading: string, lang: string): string {
  const at = README.split("\n").findIndex((line) => /^#{2,4} /.test(line) && line.replace(/^#+ /, "") === heading);
  if (at < 0) throw new Error(`README has no heading "${heading}"`);
  const rest = README.split("\n").slice(at + 1).join("\n");
  const match = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(rest);
  if (!match) throw new Error(`README: no \`\`\`${lang} block under "${heading}"`);
  return match[1]!;
}
