import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/markdown/index.js";
import type { MarkdownDoc } from "../../src/markdown/types.js";
import { markdownSoup } from "./generators.js";

/** Every position the parser reports lies inside the text, and every raw cell is the text there. */
function expectInside(text: string, doc: MarkdownDoc): void {
  for (const table of doc.tables) {
    expect(table.span.start.offset).toBeGreaterThanOrEqual(0);
    expect(table.span.end.offset).toBeLessThanOrEqual(text.length);
    for (const row of [table.header, ...table.rows]) {
      for (const cell of row.cells) {
        expect(cell.span.start.offset).toBeLessThanOrEqual(cell.span.end.offset);
        expect(text.slice(cell.span.start.offset, cell.span.end.offset)).toContain(cell.raw);
      }
    }
  }
  for (const comment of doc.comments) expect(text.slice(comment.span.start.offset, comment.span.end.offset).startsWith("<!--")).toBe(true);
}

describe("parseMarkdown never throws", () => {
  it("on arbitrary unicode strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => expectInside(text, parseMarkdown(text))),
      { numRuns: 500 },
    );
  });

  it("on arbitrary bytes decoded as UTF-8", () => {
    const decoder = new TextDecoder("utf-8");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const text = decoder.decode(bytes);
        expectInside(text, parseMarkdown(text));
      }),
      { numRuns: 500 },
    );
  });

  it("on Markdown-shaped line soup", () => {
    fc.assert(fc.property(markdownSoup, (text) => expectInside(text, parseMarkdown(text))), { numRuns: 500 });
  });

  it("on a long table made of arbitrary cells", () => {
    const row = fc.array(fc.string({ unit: "binary", maxLength: 8 }).map((s) => s.replace(/[\r\n]/g, "")), { maxLength: 4 }).map((cells) => `| ${cells.join(" | ")} |`);
    fc.assert(
      fc.property(fc.array(row, { minLength: 3, maxLength: 60 }), (rows) => {
        const text = ["| a | b |", "|---|---|", ...rows].join("\n");
        const doc = parseMarkdown(text);
        expectInside(text, doc);
        expect(doc.tables.length).toBe(1);
        expect(doc.tables[0]!.rows.length).toBe(rows.length);
      }),
      { numRuns: 200 },
    );
  });
});
