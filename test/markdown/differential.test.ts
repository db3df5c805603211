import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/markdown/index.js";
import { parseLinear } from "../../src/markdown/linear.js";
import { docFromTree, parseWithRemark } from "../../src/markdown/remark.js";
import type { MarkdownDoc } from "../../src/markdown/types.js";
import { markdownDocument, markdownSoup } from "./generators.js";
import { corpusTests, CORPUS } from "../foundation/helpers.js";

/**
 * The linear table path (src/markdown/linear.ts) must give exactly what unified + remark-parse +
 * remark-gfm gives: every table, row and cell with every field and position, every heading and
 * comment. Checked on generated documents, on every fixture and on the real corpus.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function reference(text: string): MarkdownDoc {
  return docFromTree(text, parseWithRemark(text));
}

/** Compares table by table and cell by cell, so a failure names the first cell that differs. */
function expectSame(text: string): void {
  const fast = parseLinear(text);
  const ref = reference(text);
  expect(fast.headings).toEqual(ref.headings);
  expect(fast.comments).toEqual(ref.comments);
  expect(fast.tables.length).toBe(ref.tables.length);
  fast.tables.forEach((table, t) => {
    const want = ref.tables[t]!;
    expect({ table: t, span: table.span, align: table.align, heading: table.heading }).toEqual({ table: t, span: want.span, align: want.align, heading: want.heading });
    const rows = [table.header, ...table.rows];
    const wantRows = [want.header, ...want.rows];
    expect(rows.length).toBe(wantRows.length);
    rows.forEach((row, r) => {
      expect({ table: t, row: r, span: row.span, cells: row.cells.length }).toEqual({ table: t, row: r, span: wantRows[r]!.span, cells: wantRows[r]!.cells.length });
      row.cells.forEach((cell, c) => expect({ table: t, row: r, cell: c, ...cell }).toEqual({ table: t, row: r, cell: c, ...wantRows[r]!.cells[c]! }));
    });
  });
  // Nothing outside the fields compared above.
  expect(fast).toEqual(ref);
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...markdownFiles(full));
    else if (name.endsWith(".md")) out.push(full);
  }
  return out;
}

/** Every pipe line three times: real content, but long enough runs for the path to cut rows. */
function amplified(text: string): string {
  return text
    .split("\n")
    .flatMap((line) => (line.startsWith("|") ? [line, line, line] : [line]))
    .join("\n");
}

describe("linear table path vs remark-gfm", () => {
  it("agrees on generated documents", () => {
    fc.assert(fc.property(markdownDocument, (text) => expectSame(text)), { numRuns: 400 });
  });

  it("agrees on line soup from a Markdown alphabet", () => {
    fc.assert(fc.property(markdownSoup, (text) => expectSame(text)), { numRuns: 400 });
  });

  it("agrees on long tables of arbitrary unicode cells", () => {
    const cell = fc.string({ unit: "binary", maxLength: 8 }).map((s) => s.replace(/[\r\n]/g, ""));
    const row = fc.array(cell, { maxLength: 4 }).map((cells) => `| ${cells.join(" | ")} |`);
    fc.assert(
      fc.property(fc.array(row, { minLength: 3, maxLength: 40 }), (rows) => expectSame(["| a | b |", "|---|---|", ...rows].join("\n"))),
      { numRuns: 200 },
    );
  });

  const withCorpus = corpusTests("the corpus files of the differential test (test/markdown/differential.test.ts)");
  const files = [...markdownFiles(path.join(repoRoot, "fixtures")), ...(withCorpus ? markdownFiles(CORPUS) : [])];

  it("has fixtures to compare on", () => {
    expect(files.some((f) => f.includes(`${path.sep}fixtures${path.sep}`))).toBe(true);
  });

  it.runIf(withCorpus)("has the corpus to compare on", () => {
    expect(files.some((f) => f.includes(`${path.sep}corpus${path.sep}`))).toBe(true);
  });

  it.each(files.map((f) => [path.relative(path.dirname(repoRoot), f), f]))("agrees on %s (as is, CRLF, rows tripled)", (_, file) => {
    const text = readFileSync(file!, "utf8");
    expectSame(text);
    expectSame(text.replace(/\r?\n/g, "\r\n"));
    expectSame(amplified(text));
  });

  it("cuts rows out of a long table and puts back the same cells", () => {
    const rows = Array.from({ length: 500 }, (_, i) => `| h${i} | 10.0.${i >> 8}.${i & 255} |${i % 7 === 0 ? " [doc](http://d) |" : " x |"}`);
    const text = ["# Devices", "", "| Name | IP | Notes |", "|:-----|---:|:-:|", ...rows, "after", "", "<!-- end -->"].join("\n");
    expectSame(text);
    const doc = parseMarkdown(text);
    expect(doc.tables[0]!.rows.length).toBe(501);
    expect(doc.tables[0]!.rows[250]!.cells.map((c) => c.text)).toEqual(["h250", "10.0.0.250", "x"]);
    expect(doc.tables[0]!.rows[7]!.cells[2]!.links).toEqual([{ text: "doc", url: "http://d" }]);
  });

  it("leaves a table-shaped block inside a code fence alone", () => {
    const body = Array.from({ length: 50 }, (_, i) => `| ${i} | x |`);
    const text = ["```", "| a | b |", "| - | - |", ...body, "```", "", "| a |", "| - |", ...body.slice(0, 5)].join("\n");
    expectSame(text);
    expect(parseMarkdown(text).tables.length).toBe(1);
  });
});
