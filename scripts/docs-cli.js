// `npm run docs:cli`: writes docs/cli.md from every command's --help (after `tsc`, from dist/).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cliMarkdown } from "../dist/cli/docs.js";
import { writeFileAtomic } from "../dist/fs.js";

const target = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."), "docs/cli.md");
writeFileAtomic(target, await cliMarkdown());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
