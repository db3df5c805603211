import type { Point } from "./types.js";

/** Maps offsets to line/column in O(log n); built once per text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    if (!text.includes("\r")) {
      // indexOf is native: several times faster than a loop over every character.
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  point(offset: number): Point {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1, offset };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line - 1, 0), this.starts.length - 1)]!;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** Where each line of a text starts and ends. */
export interface Lines {
  /** Offset of each line's first character. */
  start: number[];
  /** Offset just past each line's content (before its line ending). */
  end: number[];
}

/** The lines of `text`, ended by LF, CRLF or CR (as CommonMark ends them). */
export function splitLines(text: string): Lines {
  const start: number[] = [0];
  const end: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) {
      end.push(i);
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      start.push(i + 1);
    }
  }
  end.push(text.length);
  return { start, end };
}

/** Whether `text[start, end)` holds only spaces and tabs (a blank line). */
export function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 32 && ch !== 9) return false;
  }
  return true;
}
