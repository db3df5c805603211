import { inlineValue, type Definitions } from "./inline.js";
import type { Cell, Link, Row, Span } from "./types.js";

/** Shared by every cell without links; frozen so no caller can add to everyone's list. */
export const NO_LINKS: Link[] = Object.freeze([]) as unknown as Link[];
/** Shared by every cell without strikethrough, frozen for the same reason. */
export const NO_STRUCK: string[] = Object.freeze([]) as unknown as string[];

/**
 * A cell's span as six numbers. A large federation holds a million cells at once (100 sites ×
 * 1,000 rows); a span object with two point objects per cell was a large part of the heap, so the
 * span is rebuilt when asked.
 */
/** A span as its six numbers: start line, column, offset, end line, column, offset. */
export type FlatSpanAt = readonly [number, number, number, number, number, number];

/** The six numbers of a span object. */
export function flatSpanOf(span: Span): FlatSpanAt {
  return [span.start.line, span.start.column, span.start.offset, span.end.line, span.end.column, span.end.offset];
}

abstract class FlatSpan {
  private readonly spanStartLine: number;
  private readonly spanStartColumn: number;
  private readonly spanStartOffset: number;
  private readonly spanEndLine: number;
  private readonly spanEndColumn: number;
  private readonly spanEndOffset: number;

  constructor(at: FlatSpanAt) {
    this.spanStartLine = at[0];
    this.spanStartColumn = at[1];
    this.spanStartOffset = at[2];
    this.spanEndLine = at[3];
    this.spanEndColumn = at[4];
    this.spanEndOffset = at[5];
  }

  get span(): Span {
    return {
      start: { line: this.spanStartLine, column: this.spanStartColumn, offset: this.spanStartOffset },
      end: { line: this.spanEndLine, column: this.spanEndColumn, offset: this.spanEndOffset },
    };
  }
}

/**
 * A table cell stored flat: no span objects (FlatSpan), one shared empty links list, and equal
 * raw/text strings (most cells are plain) kept once.
 */
export class TableCell extends FlatSpan implements Cell {
  readonly raw: string;
  readonly text: string;
  readonly strike: boolean;
  readonly struck: string[];
  readonly links: Link[];
  readonly line: number;
  readonly column: number;

  constructor(raw: string, text: string, strike: boolean, struck: string[], links: Link[], line: number, column: number, span: FlatSpanAt) {
    super(span);
    this.raw = raw;
    this.text = text === raw ? raw : text;
    this.strike = strike;
    this.struck = struck.length === 0 ? NO_STRUCK : struck;
    this.links = links.length === 0 ? NO_LINKS : links;
    this.line = line;
    this.column = column;
  }
}

const HAS_LINKS = 1;
const HAS_STRUCK = 2;

/**
 * A cell whose inline markup the inline scanner values (linear.ts): its text and whole-cell
 * strikethrough are kept, since nearly every rule reads them; its links and strikethrough spans,
 * which a few rules read once, are not kept but scanned again from `raw` when asked (a few
 * microseconds). A flag says whether there are any, so a cell without them never scans.
 */
export class MarkupCell extends FlatSpan implements Cell {
  readonly raw: string;
  readonly text: string;
  readonly strike: boolean;
  readonly line: number;
  readonly column: number;
  private readonly has: number;
  /** The document's definitions (one object per document, usually the shared empty one). */
  private readonly definitions: Definitions;

  constructor(raw: string, text: string, strike: boolean, struck: string[], links: Link[], line: number, column: number, span: FlatSpanAt, definitions: Definitions) {
    super(span);
    this.raw = raw;
    this.text = text === raw ? raw : text;
    this.strike = strike;
    this.line = line;
    this.column = column;
    this.has = (links.length > 0 ? HAS_LINKS : 0) | (struck.length > 0 ? HAS_STRUCK : 0);
    this.definitions = definitions;
  }

  get links(): Link[] {
    return this.has & HAS_LINKS ? inlineValue(this.raw, this.definitions)!.links : NO_LINKS;
  }

  get struck(): string[] {
    return this.has & HAS_STRUCK ? inlineValue(this.raw, this.definitions)!.struck : NO_STRUCK;
  }
}

/** The span from `start` to `end` (offsets) on one line that starts at offset `lineStart`. */
function spanOnLine(line: number, lineStart: number, start: number, end: number): Span {
  return { start: { line, column: start - lineStart + 1, offset: start }, end: { line, column: end - lineStart + 1, offset: end } };
}

/**
 * A cell without inline markup on a one-line table row (the linear and simple paths): most cells
 * of a large federation. Seven fields where TableCell has thirteen: its span is rebuilt from the
 * line's start offset and its own start and end offsets, its text is its raw source unless they
 * differ, and it has no links or strikethrough.
 */
export class LineCell implements Cell {
  readonly raw: string;
  readonly text: string;
  readonly line: number;
  readonly column: number;
  private readonly lineStart: number;
  private readonly startOffset: number;
  private readonly endOffset: number;

  constructor(raw: string, text: string, line: number, column: number, lineStart: number, startOffset: number, endOffset: number) {
    this.raw = raw;
    this.text = text === raw ? raw : text;
    this.line = line;
    this.column = column;
    this.lineStart = lineStart;
    this.startOffset = startOffset;
    this.endOffset = endOffset;
  }

  get strike(): boolean {
    return false;
  }

  get struck(): string[] {
    return NO_STRUCK;
  }

  get links(): Link[] {
    return NO_LINKS;
  }

  get span(): Span {
    return spanOnLine(this.line, this.lineStart, this.startOffset, this.endOffset);
  }
}

/**
 * A table row on one line (the linear and simple paths): its span is rebuilt on each read from the
 * line's start and the row's own start and end offsets, not kept as three objects per row (a
 * large federation holds hundreds of thousands of rows while it is checked).
 */
export class LineRow implements Row {
  constructor(
    readonly cells: Cell[],
    private readonly line: number,
    private readonly lineStart: number,
    private readonly startOffset: number,
    private readonly endOffset: number,
  ) {}

  get span(): Span {
    return spanOnLine(this.line, this.lineStart, this.startOffset, this.endOffset);
  }
}
