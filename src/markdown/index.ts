import { parseLinear } from "./linear.js";
import { assertNestingWithin } from "./nesting.js";
import type { MarkdownDoc } from "./types.js";

export type * from "./types.js";
export { LineIndex } from "./lines.js";
export { MAX_BRACKET_DEPTH, MAX_LINE_LENGTH, MAX_NESTING, NestingError } from "./nesting.js";

/**
 * The table layer: a Markdown text in, its tables, headings and comments out, with positions.
 * Callers never learn which parser produced the result: the linear path gives what
 * unified + remark-parse + remark-gfm gives, field for field (test/markdown/differential.test.ts).
 */
export function parseMarkdown(text: string): MarkdownDoc {
  assertNestingWithin(text);
  return parseLinear(text);
}

/** Strips a UTF-8 byte-order mark; positions are then relative to the text without it. */
export function stripBom(text: string): { text: string; bom: boolean } {
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), bom: true } : { text, bom: false };
}
