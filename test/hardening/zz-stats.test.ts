import fc from "fast-check";
import { it } from "vitest";
import { assertNestingWithin } from "../../src/markdown/nesting.js";
import { parseWithRemark } from "../../src/markdown/remark.js";
type Node = { type: string; children?: Node[] };
function realDepth(node: Node): number { const own = node.type === "blockquote" || node.type === "listItem" ? 1 : 0; let d = 0; for (const c of node.children ?? []) d = Math.max(d, realDepth(c)); return own + d; }
const MARKER = fc.constantFrom("> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "> ", "- ");
const END = fc.constantFrom("x", "", "- - -", "| a | b |", "```", "***");
/** One line of markers around the limit, sometimes with an extra space between them. */
const MARKED_LINE = fc
  .tuple(fc.array(fc.tuple(MARKER, fc.boolean()), { minLength: 80, maxLength: 130 }), END)
  .map(([markers, end]) => markers.map(([m, space]) => (space && m.endsWith(" ") ? `${m} ` : m)).join("") + end);
/** A staircase of list items nested by indentation: `- a`, `  - a`, `    - a`, … */
const STAIRS = fc
  .tuple(fc.integer({ min: 80, max: 130 }), fc.constantFrom("- ", "* ", "1. "), fc.constantFrom("", "> "))
  .map(([n, marker, quote]) => Array.from({ length: n }, (_, i) => quote + " ".repeat(i * marker.length) + marker + "a").join("\n"));
const DOC = fc.array(fc.oneof(MARKED_LINE, STAIRS), { minLength: 1, maxLength: 3 }).map((parts) => parts.join("\n\n"));


it("stats", () => {
  let refused = 0, passed = 0, maxPassed = 0, minRefused = 1e9;
  for (const doc of fc.sample(DOC, { numRuns: 100, seed: 1 })) {
    const d = realDepth(parseWithRemark(doc) as Node);
    try { assertNestingWithin(doc); passed++; maxPassed = Math.max(maxPassed, d); } catch { refused++; minRefused = Math.min(minRefused, d); }
  }
  console.log({ refused, passed, maxPassed, minRefused });
});
