/**
 * A character `\s+` → " " would change: whitespace other than a space, or a space with whitespace
 * after it (any run longer than one).
 */
const UNEVEN_SPACE = /[^\S ]| \s/;

/**
 * `text.replace(/\s+/g, " ").trim()`: each run of whitespace one space, none at the ends. Most
 * cells have single spaces only, and the replace would copy every one of them (43,000 cells in a
 * 5,000-row device table): those are only trimmed.
 */
export function collapseSpaces(text: string): string {
  return (UNEVEN_SPACE.test(text) ? text.replace(/\s+/g, " ") : text).trim();
}
