
const INLINE_LINK = /(!?)\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;

/** Pages that exist beside each other in the site's docs and in the generated project alike. */
const SIBLING_PAGE = /^(\.\/)?(devices|services|network)\.md(#.*)?$/;

/**
 * Other relative links of the operator's prose point into the site repo (`../ops/…`, `log/…`),
 * not into the generated project; kept, they would fail `mkdocs build --strict`. Their text stays.
 */
export function unlinkRelative(text: string): string {
  return text.replace(INLINE_LINK, (whole, _bang: string, label: string, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#") || SIBLING_PAGE.test(target)) return whole;
    return label;
  });
}

/**
 * A source file with each table replaced by `render(table)` and the prose between them passed
 * through `prose`. Pieces are joined by one blank line, so every table stands as its own block.
 */
export function spliceTables<T extends { start: number; end: number }>(file: { text: string; tables: readonly T[] }, render: (table: T) => string, prose: (text: string) => string): string {
  const tables = [...file.tables].sort((a, b) => a.start - b.start);
  const pieces: string[] = [];
  let at = 0;
  const addProse = (text: string) => {
    const trimmed = text.replace(/^\s*\n/, "").replace(/\s+$/, "");
    if (trimmed.trim() !== "") pieces.push(prose(trimmed));
  };
  for (const table of tables) {
    // A table's span starts at its first pipe; the indentation before it belongs to the table.
    const lineStart = file.text.lastIndexOf("\n", table.start - 1) + 1;
    addProse(file.text.slice(at, lineStart));
    pieces.push(render(table));
    at = table.end;
  }
  addProse(file.text.slice(at));
  return `${pieces.join("\n\n")}\n`;
}
