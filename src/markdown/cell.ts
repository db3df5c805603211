import { inlineValue, type Definitions } from "./inline.js";
import type { Cell, Link, Span } from "./types.js";

/** Shared by every cell without links; frozen so no caller can add to everyone's list. */
export const NO_LINKS: Link[] = Object.freeze([]) as unknown as Link[];
/** Shared by every cell without strikethrough, frozen for the same reason. */
export const NO_STRUCK: string[] = Object.freeze([]) as unknown as string[];

/**
 * A cell's span as six numbers. A large federation holds a million cells at once (100 sites ×
 * 1,000 rows); a span object with two point objects per cell was a large part of the heap, so the
 * span is rebuilt when asked.
 */
abstract class FlatSpan {
  private readonly spanStartLine: number;
  private readonly spanStartColumn: number;
  private readonly spanStartOffset: number;
  private readonly spanEndLine: number;
  private readonly spanEndColumn: number;
  private readonly spanEndOffset: number;

  constructor(span: Span) {
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

  constructor(raw: string, text: string, strike: boolean, struck: string[], links: Link[], line: number, column: number, span: Span) {
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

  constructor(raw: string, text: string, strike: boolean, struck: string[], links: Link[], line: number, column: number, span: Span, definitions: Definitions) {
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
