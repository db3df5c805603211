import type { Root, Table as MdTable, TableRow } from "mdast";
import { buildRow } from "./build-row.js";
import { splitLines, type Lines } from "./lines.js";
import { DELIMITER_LIKE } from "./row-cells.js";
import { INLINE_MARKUP, NO_DEFINITIONS, type Definitions } from "./inline.js";
import { BLOCKLESS_OPENER, NOT_A_THEMATIC_BREAK } from "./openers.js";
import { definitionsOf, docFromTree, parseWithRemark } from "./remark.js";
import { parseSimple } from "./simple.js";
import type { MarkdownDoc, Point, Row } from "./types.js";

/*
 * The linear table path. remark-gfm is correct but costs far more per table row than a line scan
 * (quadratic in older releases of its table resolver, still about 1 ms a row in micromark), so long
 * tables never reach it whole. Runs of body rows are cut out of the text; remark-gfm parses
 * what remains (headers, delimiter rows, the rows around each cut, and the rest of the document);
 * the cut rows are then built here and put back, their cells' inline content valued by the inline
 * scanner (inline.ts), which knows the document's definitions from the reduced tree (a table row
 * holds none), or, for the rare cell it leaves undecided, by remark-gfm on that cell alone.
 * A cut is kept only when remark-gfm proves it sat inside one table: between two consecutive body
 * rows of it. Inside a top-level table, a line that opens (after at most three spaces) with a
 * character that starts no block can only be one more body row: no container is open. Inside a
 * table in a blockquote, list item or footnote, the same holds for a line whose container prefix
 * (`> `, indentation) is byte for byte the prefix of the row before the cut: the block parser
 * continues the same containers on the same bytes, and what follows opens no block. So the cut
 * lines cannot change how anything else parses (their inline content ends with the line). Cuts
 * that fail the proof are dropped and the text parsed again.
 */

/** A run of lines [first, last] (0-based) taken out of the text. */
interface Cut {
  first: number;
  last: number;
}

const NOT_CUTTABLE = 0;
const PLAIN = 1;
const MARKUP = 2;

/**
 * How a row may open to be cut: with a pipe, a `[` that does not open a footnote definition
 * (`[^1]:`; a link reference definition cannot start inside a table), or a character that starts
 * no block (BLOCKLESS_OPENER). Inside an open table such a line can only be one more body row;
 * rows of operators' tables start with a bold or linked name, or no pipe, or sit indented or in a
 * list item or quote, and a table of those must not fall back to remark row by row. At the top
 * level the row may follow at most three spaces (four make indented code).
 */
const ROW_OPENER = `${NOT_A_THEMATIC_BREAK}(?:\\||\\[(?!\\^)|${BLOCKLESS_OPENER})`;
/**
 * A row after its line prefix: blockquote markers and indentation (`> `, `>   `, four spaces in a
 * list item; up to three spaces at the top level), then a row opener, which is neither. A prefix
 * longer than the top level's is proven against the table's rows (see prove).
 */
const PREFIXED_ROW = new RegExp(`^[ >]*${ROW_OPENER}`);

/** Each line's kind and where its row starts (after the line or container prefix). */
interface LineKinds {
  /** NOT_CUTTABLE, PLAIN or MARKUP. */
  kind: Uint8Array;
  /** Length of the line's prefix, for cuttable lines. */
  prefix: Int32Array;
  /** 1: the line opens a row after at most three spaces, as in a top-level table. */
  top: Uint8Array;
}

/**
 * Cuttable: a body row that can start nothing else. Its cells' inline content stays inside them
 * (a row is one line), so what they hold cannot change how any other line parses.
 */
function classify(text: string, from: number, to: number, kinds: LineKinds, i: number): void {
  const line = text.slice(from, to);
  if (!PREFIXED_ROW.test(line)) return;
  let prefix = 0;
  let quoted = false;
  for (let c = line.charCodeAt(0); c === 32 || c === 62; c = line.charCodeAt(++prefix)) quoted ||= c === 62;
  const row = prefix === 0 ? line : line.slice(prefix);
  if (DELIMITER_LIKE.test(row)) return;
  kinds.kind[i] = INLINE_MARKUP.test(row) ? MARKUP : PLAIN;
  kinds.prefix[i] = prefix;
  kinds.top[i] = !quoted && prefix <= 3 ? 1 : 0;
}

/** Two cuttable lines can be rows of one table: both top-level shaped, or the same prefix. */
function samePrefix(text: string, lines: Lines, kinds: LineKinds, a: number, b: number): boolean {
  if (kinds.top[a] === 1 && kinds.top[b] === 1) return true;
  const length = kinds.prefix[a]!;
  if (kinds.top[a] !== kinds.top[b] || length !== kinds.prefix[b]) return false;
  for (let k = 0; k < length; k++) if (text.charCodeAt(lines.start[a]! + k) !== text.charCodeAt(lines.start[b]! + k)) return false;
  return true;
}

/** Proposes cuts: the inside of every run of at least three cuttable rows; records each line's kind. */
function proposeCuts(text: string, lines: Lines, kinds: LineKinds): Cut[] {
  const cuts: Cut[] = [];
  const count = lines.start.length;
  let runStart = -1;
  for (let i = 0; i <= count; i++) {
    if (i < count) classify(text, lines.start[i]!, lines.end[i]!, kinds, i);
    if (i < count && kinds.kind[i] !== NOT_CUTTABLE) {
      if (runStart >= 0 && !samePrefix(text, lines, kinds, runStart, i)) {
        if (i - 1 - runStart >= 2) cuts.push({ first: runStart + 1, last: i - 2 });
        runStart = -1;
      }
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0 && i - 1 - runStart >= 2) cuts.push({ first: runStart + 1, last: i - 2 });
    runStart = -1;
  }
  return cuts;
}

/** Where a cut sits in the reduced text, and how much it removed. */
interface Placed {
  cut: Cut;
  /** Offset in the reduced text where the removed lines were. */
  at: number;
  /** Characters and lines removed by this cut and every earlier one. */
  shiftOffset: number;
  shiftLines: number;
}

function reduce(text: string, lines: Lines, cuts: Cut[]): { reduced: string; placed: Placed[] } {
  const parts: string[] = [];
  const placed: Placed[] = [];
  let from = 0;
  let shiftOffset = 0;
  let shiftLines = 0;
  for (const cut of cuts) {
    const cutFrom = lines.start[cut.first]!;
    const cutTo = lines.start[cut.last + 1]!;
    parts.push(text.slice(from, cutFrom));
    shiftOffset += cutTo - cutFrom;
    shiftLines += cut.last - cut.first + 1;
    placed.push({ cut, at: cutFrom - (shiftOffset - (cutTo - cutFrom)), shiftOffset, shiftLines });
    from = cutTo;
  }
  parts.push(text.slice(from));
  return { reduced: parts.join(""), placed };
}

/** A body row that may follow a cut, and what the rows of the cut must begin with to be proven. */
interface RowAfter {
  table: MdTable;
  index: number;
  /** null in a top-level table; otherwise the line prefix of the row before (containers, indentation). */
  prefix: string | null;
}

/** Nodes that can hold a table: GFM's containers. */
const CONTAINERS = new Set(["blockquote", "list", "listItem", "footnoteDefinition"]);

/**
 * For each placed cut, the table and the index of the body row right after it, if proven: that
 * row and the one before it are consecutive body rows of one table, and every cut line can only
 * be one more row of it (top level: at most three spaces, then a row opener; in containers: the
 * row before's prefix, byte for byte, then a row opener).
 */
function prove(reduced: string, text: string, lines: Lines, kinds: LineKinds, tree: Root, placed: Placed[]): Array<{ table: MdTable; index: number } | null> {
  const rowAt = new Map<number, RowAfter>();
  const lineStart = (point: Point) => point.offset - (point.column - 1);
  const visit = (nodes: Root["children"], nested: boolean): void => {
    for (const node of nodes) {
      if (CONTAINERS.has(node.type)) visit((node as { children: Root["children"] }).children, true);
      if (node.type !== "table") continue;
      // Index 0 is the header; a cut must follow a body row, so start at 2.
      for (let i = 2; i < node.children.length; i++) {
        const start = node.children[i]!.position?.start as Point | undefined;
        const before = node.children[i - 1]!.position?.start as Point | undefined;
        if (start?.offset === undefined || before?.offset === undefined) continue;
        // By the start of its line: an indented row starts after its line prefix.
        rowAt.set(lineStart(start), { table: node, index: i, prefix: nested ? reduced.slice(lineStart(before), before.offset) : null });
      }
    }
  };
  visit(tree.children, false);
  return placed.map((p) => {
    const row = rowAt.get(p.at);
    if (!row) return null;
    const { first, last } = p.cut;
    if (row.prefix === null) return kinds.top[first] === 1 ? row : null;
    for (let line = first; line <= last; line++) {
      if (kinds.prefix[line] !== row.prefix.length || !text.startsWith(row.prefix, lines.start[line]!)) return null;
    }
    return row;
  });
}

type Positioned = { position?: { start: Point; end: Point } | undefined; children?: Positioned[] };

/** Moves every position in the reduced tree back to the original text. */
function shiftPositions(tree: Root, placed: Placed[]): void {
  if (placed.length === 0) return;
  const shift = (p: Point): Point => {
    // The last cut at or before this offset decides the shift.
    let lo = 0;
    let hi = placed.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (placed[mid]!.at <= p.offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return p;
    const { shiftOffset, shiftLines } = placed[found]!;
    return { line: p.line + shiftLines, column: p.column, offset: p.offset + shiftOffset };
  };
  const walk = (node: Positioned): void => {
    if (node.position) node.position = { start: shift(node.position.start as Point), end: shift(node.position.end as Point) };
    if (node.children) for (const child of node.children) walk(child);
  };
  walk(tree as Positioned);
}

/** A table row node that carries its finished Row; docFromTree uses it as is. */
interface PrebuiltRow extends TableRow {
  data: { netstackRow: Row };
}

/** Parses at most this many times: the last parse has no cuts at all. */
const MAX_ROUNDS = 3;

/** Parses like `docFromTree(text, parseWithRemark(text))`, in time linear in the table rows. */
export function parseLinear(text: string): MarkdownDoc {
  const lines = splitLines(text);
  const simple = parseSimple(text, lines);
  if (simple) return simple;
  const count = lines.start.length;
  const kinds: LineKinds = { kind: new Uint8Array(count), prefix: new Int32Array(count), top: new Uint8Array(count) };
  let cuts = proposeCuts(text, lines, kinds);
  for (let round = 1; ; round++) {
    const { reduced, placed } = reduce(text, lines, cuts);
    const tree = parseWithRemark(reduced);
    const proofs = prove(reduced, text, lines, kinds, tree, placed);
    if (proofs.some((p) => p === null)) {
      // Restoring lines can unprove other cuts, so parse again; give up cutting if that repeats.
      cuts = round >= MAX_ROUNDS - 1 ? [] : cuts.filter((_, i) => proofs[i] !== null);
      continue;
    }
    shiftPositions(tree, placed);
    // Both kinds of definition need `]:`; without it no bracket in a cell can refer to anything.
    const definitions = placed.length > 0 && text.includes("]:") ? definitionsOf(tree) : NO_DEFINITIONS;
    putBack(text, lines, kinds, placed, proofs as Array<{ table: MdTable; index: number }>, definitions);
    return docFromTree(text, tree);
  }
}

/** Inserts the rows of every cut into its table, before the row that followed it. */
function putBack(text: string, lines: Lines, kinds: LineKinds, placed: Placed[], proofs: Array<{ table: MdTable; index: number }>, definitions: Definitions): void {
  const inserts = new Map<MdTable, Map<number, TableRow[]>>();
  placed.forEach((p, i) => {
    const { table, index: before } = proofs[i]!;
    const rows: TableRow[] = [];
    for (let line = p.cut.first; line <= p.cut.last; line++) {
      const row = buildRow(text, line + 1, lines.start[line]!, lines.end[line]!, kinds.kind[line] === PLAIN, definitions, lines.start[line]! + kinds.prefix[line]!);
      rows.push({ type: "tableRow", children: [], data: { netstackRow: row } } as PrebuiltRow);
    }
    let byIndex = inserts.get(table);
    if (!byIndex) inserts.set(table, (byIndex = new Map()));
    byIndex.set(before, rows);
  });
  for (const [table, byIndex] of inserts) {
    const children: TableRow[] = [];
    table.children.forEach((row, i) => {
      const rows = byIndex.get(i);
      if (rows) for (const r of rows) children.push(r);
      children.push(row);
    });
    table.children = children;
  }
}
