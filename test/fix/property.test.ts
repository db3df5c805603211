import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { siteInventory } from "../../src/emit/inventory.js";
import { loadSite } from "../../src/inventory/site.js";
import { lint } from "../../src/lint.js";
import { LineIndex, parseMarkdown } from "../../src/markdown/index.js";
import { cleanTempDirs, makeSite } from "../foundation/helpers.js";
import { markdownDocument } from "../markdown/generators.js";

afterAll(cleanTempDirs);

/** Device tables as operators write them: MACs in every form and case, ragged padding, markup. */
const mac = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }), fc.constantFrom(":", "-", ".", ""), fc.boolean())
  .map(([bytes, sep, upper]) => {
    const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
    const text = sep === "." ? hex.match(/.{4}/g)!.join(".") : sep === "" ? hex : hex.match(/../g)!.join(sep);
    return upper ? text.toUpperCase() : text;
  });
const word = fc.constantFrom("gw", "nas1", "cf-dc1", "~~old~~", "[ui](https://10.0.0.1/)", "**hv1**", "⚠️ check", "東京", "a \\| b", "`x`", "-", "na", "", "00-11-D9-xx-xx-xx");
const cell = fc.oneof({ weight: 2, arbitrary: mac }, { weight: 3, arbitrary: word }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9 .]{0,10}$/) });
const space = fc.constantFrom("", " ", "  ", "\t");
const deviceTable = fc
  .record({
    rows: fc.array(fc.tuple(cell, cell, cell), { maxLength: 6 }),
    prefix: fc.constantFrom("", "", "", "> ", "  "),
    pad: space,
    align: fc.constantFrom("---", ":--", "--:", ":-:", "-"),
    outer: fc.boolean(),
  })
  .map(({ rows, prefix, pad, align, outer }) => {
    const line = (cells: string[]) => `${prefix}${outer ? "|" : ""}${cells.map((c) => `${pad}${c}${pad}`).join("|")}${outer ? "|" : ""}`;
    return [line(["name", "MAC", "notes"]), line([align, "---", "-"]), ...rows.map(line)].join("\n");
  });
const devicesDoc = fc
  .record({ blocks: fc.array(fc.oneof(deviceTable, fc.constantFrom("# Devices", "Some prose with AA-BB-CC-00-11-22.", "<!-- netstack-disable -->")), { minLength: 1, maxLength: 4 }), crlf: fc.boolean() })
  .map(({ blocks, crlf }) => `${blocks.join("\n\n")}\n`.replace(/\n/g, crlf ? "\r\n" : "\n"));

/** Each line with its terminator, so line-ending bytes are compared too. */
function linesOf(text: string): string[] {
  const index = new LineIndex(text);
  return Array.from({ length: index.lineCount }, (_, i) => text.slice(index.lineStart(i + 1), i + 1 < index.lineCount ? index.lineStart(i + 2) : text.length));
}

/** How many generated documents --fix rewrote: the properties mean little if it rewrote none. */
let rewritten = 0;

async function checkFix(doc: string): Promise<void> {
  const root = makeSite({ "site.yaml": "code: ts\nname: T\n", "docs/devices.md": doc });
  const file = path.join(root, "docs/devices.md");
  const inventoryBefore = siteInventory(loadSite(root));
  const tableLines = new Set(parseMarkdown(doc.replace(/^\uFEFF/, "")).tables.flatMap((t) => Array.from({ length: t.span.end.line - t.span.start.line + 1 }, (_, i) => t.span.start.line + i)));

  await lint([file], { fix: true });
  const once = readFileSync(file, "utf8");
  if (once !== doc) rewritten++;
  // inventory(fix(x)) == inventory(x)
  expect(siteInventory(loadSite(root))).toEqual(inventoryBefore);
  // every byte outside the rewritten tables is as it was
  const before = linesOf(doc);
  const after = linesOf(once);
  expect(after.length).toBe(before.length);
  before.forEach((line, i) => {
    if (!tableLines.has(i + 1)) expect(after[i], `line ${i + 1}`).toBe(line);
  });
  // fix(fix(x)) == fix(x)
  const again = await lint([file], { fix: true });
  expect(again.fixed).toEqual([]);
  expect(readFileSync(file, "utf8")).toBe(once);
}

describe("--fix properties", () => {
  it("device tables with MACs in every form: idempotent, inventory unchanged, nothing outside tables touched", async () => {
    rewritten = 0;
    await fc.assert(fc.asyncProperty(devicesDoc, checkFix), { numRuns: 60 });
    expect(rewritten).toBeGreaterThan(30);
  });

  it("adversarial Markdown (containers, ragged rows, mixed line endings): the same three properties", async () => {
    rewritten = 0;
    await fc.assert(fc.asyncProperty(markdownDocument, checkFix), { numRuns: 150 });
    expect(rewritten).toBeGreaterThan(4);
  });
});
