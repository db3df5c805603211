import type { Link } from "./types.js";

/**
 * The inline value of a table cell, for the few shapes whose remark-gfm result is certain without
 * running it: plain text, `~~text~~`, and plain text around one `[text](url)`. Anything else
 * returns null and goes through remark-gfm. test/markdown/differential.test.ts holds these to
 * remark-gfm's own output.
 */
export interface InlineValue {
  text: string;
  strike: boolean;
  /** Text of each strikethrough span (see Cell.struck). */
  struck: string[];
  links: Link[];
}

/** Characters and literals the inline parser could turn into more than text. */
export const INLINE_MARKUP = /[\\`*_~[\]<>!&@\0]|www\.|https?:|mailto:|xmpp:/i;
/** A link destination with nothing to decode, balance or end early. */
const PLAIN_URL = /^[^\s()<>[\]\\&`"'\0-\x1f\x7f|]+$/;
const STRUCK = /^~~([^~]+)~~$/;
const ONE_LINK = /^([^[\]]*)\[([^[\]]+)\]\(([^()]*)\)([^[\]]*)$/;

/** The value of a cell's content (first to last non-blank character), or null when not certain. */
export function simpleInline(content: string): InlineValue | null {
  if (!INLINE_MARKUP.test(content)) return { text: content.trim(), strike: false, struck: [], links: [] };
  const struck = STRUCK.exec(content);
  if (struck) {
    const inner = struck[1]!;
    // GFM strikethrough opens before and closes after a non-whitespace character only.
    if (INLINE_MARKUP.test(inner) || /^\s|\s$/.test(inner)) return null;
    return { text: inner.trim(), strike: true, struck: [inner.trim()], links: [] };
  }
  const link = ONE_LINK.exec(content);
  if (link) {
    const [, before, label, url, after] = link as unknown as [string, string, string, string, string];
    if (INLINE_MARKUP.test(before) || INLINE_MARKUP.test(label) || label.startsWith("^") || INLINE_MARKUP.test(after) || !PLAIN_URL.test(url)) return null;
    return { text: (before + label + after).trim(), strike: false, struck: [], links: [{ text: label, url }] };
  }
  return null;
}
