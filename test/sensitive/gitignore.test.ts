import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/lint.js";
import { cleanTempDirs } from "../foundation/helpers.js";
import { lintLines, only, site, STANDARD_GITIGNORE } from "./helpers.js";

afterAll(cleanTempDirs);

async function fixGitignore(before: string | null): Promise<{ after: string; fixed: string[]; left: string[] }> {
  const root = site();
  const file = path.join(root, ".gitignore");
  if (before === null) rmSync(file);
  else writeFileSync(file, before);
  const { fixed } = await lint([root], { fix: true });
  return { after: readFileSync(file, "utf8"), fixed: fixed.map((f) => path.relative(root, f)), left: only(await lintLines(root), "sensitive/gitignore") };
}

describe("sensitive/gitignore --fix", () => {
  it("appends only the missing lines, after what the operator wrote", async () => {
    const { after, fixed, left } = await fixGitignore("# mine\nnode_modules/\n/ops/sensitive\n*.env\n");
    expect(after).toBe("# mine\nnode_modules/\n/ops/sensitive\n*.env\nops/backup/logs/\nops/backup/.backup-state\ndocs/log/\n*.env.*\n");
    expect(fixed).toContain(".gitignore");
    expect(left).toEqual([]);
  });

  it("adds the line break a last line lacks, and keeps CRLF files CRLF", async () => {
    expect((await fixGitignore("site/")).after).toBe(`site/\n${STANDARD_GITIGNORE}`);
    expect((await fixGitignore("site/\r\n")).after).toBe(`site/\r\n${STANDARD_GITIGNORE.replace(/\n/g, "\r\n")}`);
  });

  it("writes the block when there is no .gitignore", async () => {
    const { after, left } = await fixGitignore(null);
    expect(after).toBe(STANDARD_GITIGNORE);
    expect(left).toEqual([]);
  });

  it("a second --fix changes nothing", async () => {
    const root = site({ ".gitignore": "x\n" });
    expect((await lint([root], { fix: true })).fixed.map((f) => path.relative(root, f))).toContain(".gitignore");
    const once = readFileSync(path.join(root, ".gitignore"), "utf8");
    expect((await lint([root], { fix: true })).fixed).toEqual([]);
    expect(readFileSync(path.join(root, ".gitignore"), "utf8")).toBe(once);
  });

  it("without --fix, reports and leaves the file alone", async () => {
    const root = site({ ".gitignore": "ops/sensitive/\n" });
    expect(only(await lintLines(root), "sensitive/gitignore")).toEqual([
      '.gitignore:1:1 error sensitive/gitignore .gitignore lacks "ops/backup/logs/", "ops/backup/.backup-state", "docs/log/", "*.env", "*.env.*" of the standard block',
    ]);
    expect(readFileSync(path.join(root, ".gitignore"), "utf8")).toBe("ops/sensitive/\n");
  });

  it("linting only a Markdown file neither reports nor fixes .gitignore; naming .gitignore does", async () => {
    const root = site({ ".gitignore": "" });
    const md = path.join(root, "docs/devices.md");
    expect(only(await lintLines(root, [md], { fix: true }), "sensitive/gitignore")).toEqual([]);
    expect(readFileSync(path.join(root, ".gitignore"), "utf8")).toBe("");
    await lint([path.join(root, ".gitignore")], { fix: true, cwd: root });
    expect(readFileSync(path.join(root, ".gitignore"), "utf8")).toBe(STANDARD_GITIGNORE);
    expect(existsSync(path.join(root, ".gitignore"))).toBe(true);
  });
});
