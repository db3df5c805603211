/** A place in a source text. Lines and columns are 1-based, offsets 0-based (UTF-16 units). */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Span {
  start: Point;
  end: Point;
}

export interface Link {
  text: string;
  url: string;
}

/** One table cell, as the operator wrote it and as plain text. */
export interface Cell {
  /** Source text between the pipes, trimmed. */
  raw: string;
  /** Plain-text value: inline markup removed, link text kept, `\|` unescaped. */
  text: string;
  /** The whole content is struck through (`~~name~~`). */
  strike: boolean;
  /**
   * Plain text of each strikethrough span in the cell, in order (empty when none): a partly struck
   * cell (`~~old~~ new`, `offline ~~x~~ host`) is a rename or a status note, not a retirement.
   */
  struck: string[];
  /** Links inside the cell, in order. */
  links: Link[];
  /** Where the cell's content starts (after the pipe and whitespace); the cell start when empty. */
  line: number;
  column: number;
  /** The cell's full extent, pipes included as remark-gfm reports it (built on each read: see cell.ts). */
  readonly span: Span;
}

export interface Row {
  cells: Cell[];
  span: Span;
}

export type Align = "left" | "right" | "center" | null;

export interface Heading {
  depth: number;
  text: string;
  line: number;
  column: number;
}

export interface Table {
  header: Row;
  rows: Row[];
  align: Align[];
  span: Span;
  /** The nearest heading above the table, if any. */
  heading: Heading | null;
}

/** An HTML comment (`<!-- … -->`), used for inline control (`netstack-disable`) and managed blocks. */
export interface Comment {
  text: string;
  span: Span;
}

export interface MarkdownDoc {
  tables: Table[];
  headings: Heading[];
  comments: Comment[];
}
