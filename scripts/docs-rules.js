// `npm run docs:rules`: writes docs/rules.md from the rules and their .examples.md files
// (after `tsc`, from dist/). `--check` only compares, exiting 1 when docs/rules.md is stale.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../dist/fs.js";
import { rulesMarkdown } from "../dist/rules/docs.js";
import { RULES } from "../dist/rules/index.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(repo, "docs/rules.md");
const text = rulesMarkdown(RULES, path.join(repo, "src/rules"));

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current !== text) {
    process.stderr.write("docs/rules.md is stale: run npm run docs:rules\n");
    process.exit(1);
  }
} else {
  writeFileAtomic(target, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)} (${RULES.length} rules)\n`);
}
