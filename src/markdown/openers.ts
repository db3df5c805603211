/**
 * How a line may open when it must start no block: what CommonMark + GFM (micromark's constructs)
 * start no block or container with. A letter of any script, a digit that does not open an ordered
 * list item, punctuation that starts nothing (`!`, `"`, `&`, `(`, `\`, `:` …), `*` or `_` before a
 * non-blank (not a bullet), one or two backticks or tildes (three open a fence). Not `#`, `>`, `<`,
 * `-`, `+`, `=`, `|` or `[` (each path decides those), a tab or a space. Used after
 * `NOT_A_THEMATIC_BREAK`, at the line's first non-space character.
 */
export const BLOCKLESS_OPENER = String.raw`[A-Za-z!"$%&'(),./:;?@\\\]^{}\u0080-\uffff]|\d(?!\d{0,8}[.)](?:[ \t]|$))|[*_](?![ \t]|$)|` + "`{1,2}(?!`)|~{1,2}(?!~)";

/** The rest of the line is not `***` or `___` (spaces between allowed): a thematic break. */
export const NOT_A_THEMATIC_BREAK = String.raw`(?!(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$)`;
