import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliMarkdown } from "../../src/cli/docs.js";
import { COMMAND_NAMES } from "../../src/cli/main.js";
import { repoRoot } from "../foundation/helpers.js";

/** docs/cli.md is every command's --help; it must match what the commands print now. */
describe("docs/cli.md", () => {
  it("is up to date (run npm run docs:cli)", async () => {
    expect(readFileSync(path.join(repoRoot, "docs/cli.md"), "utf8")).toBe(await cliMarkdown());
  });

  it("has a section for every command", async () => {
    const text = await cliMarkdown();
    for (const name of COMMAND_NAMES) expect(text).toContain(`\n## ${name}\n`);
  });
});
