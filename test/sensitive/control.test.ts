import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs } from "../foundation/helpers.js";
import { lintLines, only, site } from "./helpers.js";

afterAll(cleanTempDirs);

const PW = "| service | host | pw |\n|---|---|---|\n| smb | tsnas | Hunter2! |\n";
const PROSE = "root/Sup3rSecret! here\n";

/** The rules and lines reported for docs/notes.md. */
async function reported(notes: string): Promise<string[]> {
  const root = site({ "docs/notes.md": notes });
  const lines = await lintLines(root, [path.join(root, "docs/notes.md")]);
  return only(lines, "sensitive/secret", "sensitive/exposed-address").map((l) => l.split(" ").slice(0, 3).join(" "));
}

describe("inline control comments (SPEC §6, as in markdownlint)", () => {
  it("without comments both rules report", async () => {
    expect(await reported(`${PROSE}\nnas 192.168.5.10\n`)).toEqual(["docs/notes.md:1:6 error sensitive/secret", "docs/notes.md:3:5 warn sensitive/exposed-address"]);
  });

  it("netstack-disable with a rule list holds until the matching enable", async () => {
    const text = `<!-- netstack-disable sensitive/secret -->\n\n${PROSE}\nnas 192.168.5.10\n\n<!-- netstack-enable sensitive/secret -->\n\n${PROSE}`;
    expect(await reported(text)).toEqual(["docs/notes.md:5:5 warn sensitive/exposed-address", "docs/notes.md:9:6 error sensitive/secret"]);
  });

  it("netstack-disable with no list disables every rule; an enable of one rule brings back only that one", async () => {
    const text = `<!-- netstack-disable -->\n\n${PROSE}\nnas 192.168.5.10\n\n<!-- netstack-enable sensitive/secret -->\n\n${PROSE}\nnas 192.168.5.11\n`;
    expect(await reported(text)).toEqual(["docs/notes.md:9:6 error sensitive/secret"]);
  });

  it("a list may name several rules, separated by spaces or commas", async () => {
    const text = `<!-- netstack-disable sensitive/secret, sensitive/exposed-address -->\n\n${PROSE}\nnas 192.168.5.10\n`;
    expect(await reported(text)).toEqual([]);
  });

  it("netstack-disable-next-line covers only the next line, for the listed rules or for all", async () => {
    const text =
      `<!-- netstack-disable-next-line sensitive/secret -->\n${PROSE}${PROSE}\n` +
      `<!-- netstack-disable-next-line sensitive/exposed-address -->\n${PROSE}\n<!-- netstack-disable-next-line -->\n${PROSE}`;
    expect(await reported(text)).toEqual(["docs/notes.md:3:6 error sensitive/secret", "docs/notes.md:6:6 error sensitive/secret"]);
  });

  it("a disable around a table silences its rows", async () => {
    const text = `<!-- netstack-disable sensitive/secret -->\n\n${PW}\n<!-- netstack-enable -->\n\n${PW}`;
    expect(await reported(text)).toEqual(["docs/notes.md:11:17 error sensitive/secret"]);
  });
});
