/**
 * Cell boundaries of one GFM table body row, computed the way micromark-extension-gfm-table
 * does: its row tokenizer (dividers, whitespace, data with `\|` escapes) followed by the cell
 * grouping of its resolver, replayed here over the same tokens without building events.
 */

/** Offsets of one cell: its extent (pipes included) and its content (first to last data). */
export interface CellRange {
  start: number;
  end: number;
  /** -1 when the cell holds no data. */
  contentStart: number;
  contentEnd: number;
}

const PIPE = 124;
const BACKSLASH = 92;

/** A line that could be a delimiter row (`| --- | :-: |`): the linear paths never take one for a body row. */
export const DELIMITER_LIKE = /^[|:\-\s]*-[|:\-\s]*$/;

export function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/**
 * Splits the body row `text[from, to)` (no line ending, no line prefix) into cells.
 * `to` is the end of the row, which is also where its last cell ends.
 */
export function bodyRowCells(text: string, from: number, to: number): CellRange[] {
  const flat: number[] = [];
  const cells: CellRange[] = [];
  for (let i = 0, n = splitBodyRow(text, from, to, flat); i < n; i++) {
    cells.push({ start: flat[4 * i]!, end: flat[4 * i + 1]!, contentStart: flat[4 * i + 2]!, contentEnd: flat[4 * i + 3]! });
  }
  return cells;
}

/**
 * `bodyRowCells` into a flat array (start, end, contentStart, contentEnd per cell), which the
 * caller may reuse from row to row: no object per cell. Returns the number of cells.
 */
export function splitBodyRow(text: string, from: number, to: number, out: number[]): number {
  out.length = 0;
  // The resolver's `cell` / `lastCell`: start offset and data range, `open` when set.
  let cellStart = from;
  let cellData = -1;
  let cellDataEnd = -1;
  let lastOpen = false;
  let lastStart = 0;
  let lastData = -1;
  let lastDataEnd = -1;
  let awaitingFirstPipe = true;

  const flushLast = (end: number): void => {
    out.push(lastStart, end, lastData, lastDataEnd);
    lastOpen = false;
  };

  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code === PIPE) {
      if (awaitingFirstPipe) awaitingFirstPipe = false;
      else {
        if (lastOpen) flushLast(cellStart);
        lastOpen = true;
        lastStart = cellStart;
        lastData = cellData;
        lastDataEnd = cellDataEnd;
        cellStart = i;
        cellData = -1;
        cellDataEnd = -1;
      }
      i++;
      continue;
    }
    if (isSpace(code)) {
      i++;
      continue;
    }
    // A data run: up to whitespace or an unescaped pipe.
    const dataStart = i;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === PIPE || isSpace(c)) break;
      i++;
      if (c === BACKSLASH && i < to) {
        const next = text.charCodeAt(i);
        if (next === BACKSLASH || next === PIPE) i++;
      }
    }
    awaitingFirstPipe = false;
    if (cellData === -1) {
      if (lastOpen) flushLast(cellStart);
      cellData = dataStart;
    }
    cellDataEnd = i;
  }

  if (lastOpen) {
    // A trailing divider with no data after it belongs to the cell before it.
    out.push(lastStart, to, lastData, lastDataEnd);
  } else {
    out.push(cellStart, to, cellData, cellDataEnd);
  }
  return out.length / 4;
}

/**
 * The source of the cell `text[start, end)` (its extent, pipes included) without its pipes and
 * the spaces and tabs around its content: the offsets of the raw text every Cell keeps.
 */
export function cellSourceStart(text: string, start: number, end: number): number {
  if (text.charCodeAt(start) === PIPE) start++;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  return start;
}

/** See cellSourceStart; `from` is what it returned. An escaped closing pipe (`\|`) is content. */
export function cellSourceEnd(text: string, from: number, end: number): number {
  if (end > from && text.charCodeAt(end - 1) === PIPE && text.charCodeAt(end - 2) !== BACKSLASH) end--;
  while (end > from && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}
