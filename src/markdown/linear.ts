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
 * A cut is kept only when remark-gfm proves it sat inside one top-level table: between two
 * consecutive body rows of a table that is a child of the root. Inside such a table, a line
 * starting at column 1 with `|`, a letter or a digit (not an ordered list marker) can only be a
 * body row: no container is open, and no block starts that way. So the cut lines cannot change how
 * anything else parses (their inline content ends with the line). Cuts that fail the proof are
 * dropped and the text parsed again.
 */

/** A run of lines [first, last] (0-based) taken out of the text. */
interface Cut {
  first: number;
  last: number;
}

const NOT_CUTTABLE = 0;
const PLAIN = 1;
const MARKUP = 2;
type RowKind = typeof NOT_CUTTABLE | typeof PLAIN | typeof MARKUP;

/**
 * How a line may start to be cut: after at most three spaces (four make indented code), with a
 * pipe, a `[` that does not open a footnote definition (`[^1]:`; a link reference definition
 * cannot start inside a table), or a character that starts no block (BLOCKLESS_OPENER). Inside an
 * open top-level table such a line can only be one more body row; rows of operators' tables
 * start with a bold or linked name, or no pipe, or sit indented, and a table of those must not
 * fall back to remark row by row.
 */
const ROW_START = new RegExp(`^ {0,3}${NOT_A_THEMATIC_BREAK}(?:\\||\\[(?!\\^)|${BLOCKLESS_OPENER})`);

/**
 * Cuttable: a body row that can start nothing else. Its cells' inline content stays inside them
 * (a row is one line), so what they hold cannot change how any other line parses.
 */
function rowKind(text: string, from: number, to: number): RowKind {
  const line = text.slice(from, to);
  if (!ROW_START.test(line) || DELIMITER_LIKE.test(line)) return NOT_CUTTABLE;
  return INLINE_MARKUP.test(line) ? MARKUP : PLAIN;
}

/** Proposes cuts: the inside of every run of at least three cuttable rows; records each line's kind. */
function proposeCuts(text: string, lines: Lines, kinds: Uint8Array): Cut[] {
  const cuts: Cut[] = [];
  const count = lines.start.length;
  let runStart = -1;
  for (let i = 0; i <= count; i++) {
    const kind = i < count ? rowKind(text, lines.start[i]!, lines.end[i]!) : NOT_CUTTABLE;
    if (i < count) kinds[i] = kind;
    if (kind !== NOT_CUTTABLE) {
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

/** For each placed cut, the top-level table and the index of the body row right after it, if proven. */
function prove(tree: Root, placed: Placed[]): Array<{ table: MdTable; index: number } | null> {
  const rowAt = new Map<number, { table: MdTable; index: number }>();
  for (const node of tree.children) {
    if (node.type !== "table") continue;
    // Index 0 is the header; a cut must follow a body row, so start at 2.
    for (let i = 2; i < node.children.length; i++) {
      const start = node.children[i]!.position?.start;
      // By the start of its line: an indented row starts after its line prefix.
      if (start?.offset !== undefined) rowAt.set(start.offset - (start.column - 1), { table: node, index: i });
    }
  }
  return placed.map((p) => rowAt.get(p.at) ?? null);
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
  const kinds = new Uint8Array(lines.start.length);
  let cuts = proposeCuts(text, lines, kinds);
  for (let round = 1; ; round++) {
    const { reduced, placed } = reduce(text, lines, cuts);
    const tree = parseWithRemark(reduced);
    const proofs = prove(tree, placed);
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
function putBack(text: string, lines: Lines, kinds: Uint8Array, placed: Placed[], proofs: Array<{ table: MdTable; index: number }>, definitions: Definitions): void {
  const inserts = new Map<MdTable, Map<number, TableRow[]>>();
  placed.forEach((p, i) => {
    const { table, index: before } = proofs[i]!;
    const rows: TableRow[] = [];
    for (let line = p.cut.first; line <= p.cut.last; line++) {
      const row = buildRow(text, line + 1, lines.start[line]!, lines.end[line]!, kinds[line] === PLAIN, definitions);
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
