import { readFileSync } from "node:fs";
import path from "node:path";
import { lint as markdownlint } from "markdownlint-cli2/markdownlint/promise";
import { afterAll, describe, expect, it } from "vitest";
import { applyEdits } from "../../src/fix/apply.js";
import { lint } from "../../src/lint.js";
import { cleanTempDirs, makeSite, netstack } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

const GITIGNORE = "ops/sensitive/\nops/backup/logs/\nops/backup/.backup-state\ndocs/log/\n*.env\n*.env.*\n";

/** Runs `lint --fix` on one docs file of a fresh site and returns the file's new text. */
async function fixed(rel: string, text: string): Promise<string> {
  const root = makeSite({ "site.yaml": "code: ts\nname: T\n", ".gitignore": GITIGNORE, [rel]: text });
  await lint([path.join(root, rel)], { fix: true });
  return readFileSync(path.join(root, rel), "utf8");
}

async function md060(text: string): Promise<string[]> {
  const result = await markdownlint({ strings: { doc: text }, config: { default: false, MD060: { style: "aligned" } } });
  return result.doc!.map((e) => `${e.lineNumber} ${e.ruleNames[0]}`);
}

describe("applyEdits", () => {
  it("applies edits in offset order and leaves an overlapping one for the next round", () => {
    expect(applyEdits("abcdef", [{ start: 4, end: 5, text: "E" }, { start: 0, end: 2, text: "AB" }, { start: 1, end: 3, text: "x" }])).toEqual({ text: "ABcdEf", applied: 2 });
  });

  it("applies identical edits once", () => {
    expect(applyEdits("ab", [{ start: 2, end: 2, text: "!" }, { start: 2, end: 2, text: "!" }])).toEqual({ text: "ab!", applied: 1 });
  });
});

describe("table alignment (markdownlint MD060 aligned)", () => {
  it("aligns pipes under the header's, keeps alignment colons, touches nothing else", async () => {
    const before = "# Devices\n\nText  with  spaces.\n\nname|ip|notes\n:--|--:|:-:\ngw|192.168.5.1|main router\n|nas1 |192.168.5.10| |\n\nAfter.\n";
    expect(await fixed("docs/devices.md", before)).toBe(
      "# Devices\n\nText  with  spaces.\n\n" +
        "| name | ip           | notes       |\n" +
        "| :--- | -----------: | :---------: |\n" +
        "| gw   | 192.168.5.1  | main router |\n" +
        "| nas1 | 192.168.5.10 |             |\n" +
        "\nAfter.\n",
    );
  });

  it("the result passes markdownlint's own MD060 check, wide characters included", async () => {
    const before = "| name | notes |\n|---|---|\n| ⚠️ gw | 東京 office |\n| nas1 | ok |\n";
    expect(await md060(before)).not.toEqual([]);
    expect(await md060(await fixed("docs/devices.md", before))).toEqual([]);
  });

  it("keeps what precedes a table on its lines: blockquotes and list indentation", async () => {
    expect(await fixed("docs/notes.md", "> | a | b |\n> |-|-|\n> | long cell | 1 |\n")).toBe("> | a         | b   |\n> | --------- | --- |\n> | long cell | 1   |\n");
    expect(await fixed("docs/notes.md", "- list\n\n  | a | b |\n  |-|-|\n  | long cell | 1 |\n")).toBe("- list\n\n  | a         | b   |\n  | --------- | --- |\n  | long cell | 1   |\n");
  });

  it("keeps CRLF line endings and a byte-order mark", async () => {
    expect(await fixed("docs/notes.md", "\uFEFF| a | b |\r\n|-|-|\r\n| long | 1 |\r\n")).toBe("\uFEFF| a    | b   |\r\n| ---- | --- |\r\n| long | 1   |\r\n");
  });

  it("leaves a ragged table alone (padding it would hide table/ragged-row)", async () => {
    const ragged = "| name | ip |\n|---|---|\n| gw | 192.168.5.1 | extra |\n| nas |\n";
    expect(await fixed("docs/devices.md", ragged)).toBe(ragged);
  });

  it("keeps escaped pipes, code, links and strike-through as written", async () => {
    expect(await fixed("docs/notes.md", "| a | b |\n|-|-|\n| `x\\|y` | [ui](http://h/) ~~old~~ |\n")).toBe(
      "| a      | b                       |\n| ------ | ----------------------- |\n| `x\\|y` | [ui](http://h/) ~~old~~ |\n",
    );
  });
});

describe("MAC case", () => {
  it("rewrites plain MAC cells of device tables to lowercase colon form, then aligns", async () => {
    const before = "| name | mac | notes |\n|---|---|---|\n| a | 48-8F-5A-3C-11-02 | AA-BB-CC-00-11-22 |\n| b | 0011.32A4.5E71 | |\n| c | 00-11-D9-xx-xx-xx | |\n| d | [AA:BB:CC:00:11:22](http://x/) | |\n";
    expect(await fixed("docs/devices.md", before)).toBe(
      "| name | mac                            | notes             |\n" +
        "| ---- | ------------------------------ | ----------------- |\n" +
        "| a    | 48:8f:5a:3c:11:02              | AA-BB-CC-00-11-22 |\n" +
        "| b    | 00:11:32:a4:5e:71              |                   |\n" +
        "| c    | 00-11-D9-xx-xx-xx              |                   |\n" +
        "| d    | [AA:BB:CC:00:11:22](http://x/) |                   |\n",
    );
  });

  it("leaves MAC-looking cells outside device tables alone", async () => {
    expect(await fixed("docs/notes.md", "| name | mac |\n| ---- | ----------------- |\n| a    | 48-8F-5A-3C-11-02 |\n")).toBe("| name | mac               |\n| ---- | ----------------- |\n| a    | 48-8F-5A-3C-11-02 |\n");
  });
});

describe("netstack lint --fix (the bin)", () => {
  it("fixes only the files named, reports what is left, exit code from what is left", () => {
    const table = "| name | mac |\n|---|---|\n| gw | 48-8F-5A-3C-11-02 |\n";
    const root = makeSite({
      "site.yaml": "code: ts\nname: T\nrules:\n  sensitive/exposed-address: off\n",
      ".gitignore": "",
      "docs/devices.md": table,
      "docs/services.md": "| service | host | pw |\n|---|---|---|\n| smb | gw | Hunter2! |\n",
    });
    const result = netstack(["lint", "--fix", "docs/services.md", "--format", "json"], { cwd: root });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).map((d: { file: string; ruleId: string }) => `${d.file} ${d.ruleId}`)).toEqual(["docs/services.md sensitive/secret"]);
    expect(readFileSync(path.join(root, "docs/services.md"), "utf8")).toBe("| service | host | pw       |\n| ------- | ---- | -------- |\n| smb     | gw   | Hunter2! |\n");
    expect(readFileSync(path.join(root, "docs/devices.md"), "utf8")).toBe(table);
    expect(readFileSync(path.join(root, ".gitignore"), "utf8")).toBe("");

    const whole = netstack(["lint", "--fix", "."], { cwd: root });
    expect(whole.stdout).not.toContain("sensitive/gitignore");
    expect(readFileSync(path.join(root, ".gitignore"), "utf8")).toBe(GITIGNORE);
    expect(readFileSync(path.join(root, "docs/devices.md"), "utf8")).toBe("| name | mac               |\n| ---- | ----------------- |\n| gw   | 48:8f:5a:3c:11:02 |\n");
  });
});

describe("--fix and inline control", () => {
  it("leaves a table under a netstack-disable with no rule list as written; one naming rules does not stop it", async () => {
    const table = "| name | mac |\n|---|---|\n| gw | 48-8F-5A-3C-11-02 |\n";
    const aligned = "| name | mac               |\n| ---- | ----------------- |\n| gw   | 48:8f:5a:3c:11:02 |\n";
    const text = `<!-- netstack-disable -->\n\n${table}\n<!-- netstack-enable -->\n\n${table}\n<!-- netstack-disable sensitive/exposed-address -->\n\n${table}`;
    expect(await fixed("docs/devices.md", text)).toBe(
      `<!-- netstack-disable -->\n\n${table}\n<!-- netstack-enable -->\n\n${aligned}\n<!-- netstack-disable sensitive/exposed-address -->\n\n${aligned}`,
    );
  });
});
