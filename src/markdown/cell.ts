import type { Cell, Link, Span } from "./types.js";

/** Shared by every cell without links; frozen so no caller can add to everyone's list. */
export const NO_LINKS: Link[] = Object.freeze([]) as unknown as Link[];
/** Shared by every cell without strikethrough, frozen for the same reason. */
export const NO_STRUCK: string[] = Object.freeze([]) as unknown as string[];

/**
 * A table cell stored flat. A large federation holds a million cells at once (100 sites × 1,000
 * rows); a span object with two point objects, an empty links array and a second copy of equal
 * raw/text strings per cell were about 40% of the heap. The span is rebuilt from numbers when asked.
 */
export class TableCell implements Cell {
  readonly raw: string;
  readonly text: string;
  readonly strike: boolean;
  readonly struck: string[];
  readonly links: Link[];
  readonly line: number;
  readonly column: number;
  private readonly spanStartLine: number;
  private readonly spanStartColumn: number;
  private readonly spanStartOffset: number;
  private readonly spanEndLine: number;
  private readonly spanEndColumn: number;
  private readonly spanEndOffset: number;

  constructor(raw: string, text: string, strike: boolean, struck: string[], links: Link[], line: number, column: number, span: Span) {
    this.raw = raw;
    // Most cells are plain: their text equals their source, kept once.
    this.text = text === raw ? raw : text;
    this.strike = strike;
    this.struck = struck.length === 0 ? NO_STRUCK : struck;
    this.links = links.length === 0 ? NO_LINKS : links;
    this.line = line;
    this.column = column;
    this.spanStartLine = span.start.line;
    this.spanStartColumn = span.start.column;
    this.spanStartOffset = span.start.offset;
    this.spanEndLine = span.end.line;
    this.spanEndColumn = span.end.column;
    this.spanEndOffset = span.end.offset;
  }

  get span(): Span {
    return {
      start: { line: this.spanStartLine, column: this.spanStartColumn, offset: this.spanStartOffset },
      end: { line: this.spanEndLine, column: this.spanEndColumn, offset: this.spanEndOffset },
    };
  }
}
