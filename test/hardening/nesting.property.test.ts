import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_NESTING, NestingError } from "../../src/markdown/index.js";
import { assertNestingWithin } from "../../src/markdown/nesting.js";
import { parseWithRemark } from "../../src/markdown/remark.js";

/**
 * The nesting guard (src/markdown/nesting.ts) must be an upper bound: whatever it lets through,
 * remark nests no deeper than MAX_NESTING block quotes and list items.
 */

type Node = { type: string; children?: Node[] };

function realDepth(node: Node): number {
  const own = node.type === "blockquote" || node.type === "listItem" ? 1 : 0;
  let deepest = 0;
  for (const child of node.children ?? []) deepest = Math.max(deepest, realDepth(child));
  return own + deepest;
}

const MARKER = fc.constantFrom("> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "> ", "- ");
const END = fc.constantFrom("x", "", "- - -", "| a | b |", "```", "```a`b", "~~~", "***");
/** One line of markers around the limit, sometimes with an extra space between them. */
const MARKED_LINE = fc
  .tuple(fc.array(fc.tuple(MARKER, fc.boolean()), { minLength: 80, maxLength: 130 }), END)
  .map(([markers, end]) => markers.map(([m, space]) => (space && m.endsWith(" ") ? `${m} ` : m)).join("") + end);
/** A staircase of list items nested by indentation: `- a`, `  - a`, `    - a`, … */
const STAIRS = fc
  .tuple(fc.integer({ min: 80, max: 130 }), fc.constantFrom("- ", "* ", "1. "), fc.constantFrom("", "> "))
  .map(([n, marker, quote]) => Array.from({ length: n }, (_, i) => quote + " ".repeat(i * marker.length) + marker + "a").join("\n"));
/** Fence lines, real and not, which the guard must track exactly as CommonMark does. */
const FENCE_LINE = fc.constantFrom("```", "~~~~", "```js", "```a`b", "   ```", "    ```", "``");
const DOC = fc.array(fc.oneof(MARKED_LINE, STAIRS, FENCE_LINE), { minLength: 1, maxLength: 4 }).map((parts) => parts.join("\n"));

describe("nesting guard", () => {
  it("lets nothing deeper than MAX_NESTING through to remark", () => {
    fc.assert(
      fc.property(DOC, (doc) => {
        let refused = false;
        try {
          assertNestingWithin(doc);
        } catch (error) {
          expect(error).toBeInstanceOf(NestingError);
          refused = true;
        }
        if (!refused) expect(realDepth(parseWithRemark(doc) as Node)).toBeLessThanOrEqual(MAX_NESTING);
      }),
      { numRuns: 200 },
    );
  });

  it("points at the marker that opens the level past the limit", () => {
    const doc = `ok\n\n${"> ".repeat(60)}${"- ".repeat(60)}x\n`;
    expect(() => assertNestingWithin(doc)).toThrow(NestingError);
    try {
      assertNestingWithin(doc);
    } catch (error) {
      expect((error as NestingError).point).toEqual({ line: 3, column: 60 * 2 + 40 * 2 + 1, offset: 4 + 60 * 2 + 40 * 2 });
    }
  });

  it("counts nothing for a thematic break, and checks code lines too (a fence may sit in a list item)", () => {
    expect(() => assertNestingWithin(`${"* ".repeat(500)}\n${"-".repeat(500)}\n${" - ".repeat(300)}\n`)).not.toThrow();
    expect(() => assertNestingWithin(`\`\`\`\n${">".repeat(101)}\n\`\`\`\n`)).toThrow(NestingError);
  });
});
