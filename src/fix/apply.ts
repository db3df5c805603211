import type { Edit } from "../diagnostics.js";

/**
 * Applies edits to a text, in offset order. An edit that overlaps one already taken is left for
 * the next round (the fixer re-lints and asks again), as eslint does; identical edits apply once.
 */
export function applyEdits(text: string, edits: readonly Edit[]): { text: string; applied: number } {
  const unique = new Map(edits.map((e) => [`${e.start}:${e.end}:${e.text}`, e]));
  const sorted = [...unique.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  let applied = 0;
  for (const edit of sorted) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length) continue;
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
    applied++;
  }
  return { text: out + text.slice(at), applied };
}
