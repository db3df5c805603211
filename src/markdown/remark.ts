import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import type { Root, RootContent, Table as MdTable, TableCell, TableRow, PhrasingContent } from "mdast";
import { flatSpanOf, TableCell as FlatCell } from "./cell.js";
import "./edit-map-patch.js";
import { LineIndex } from "./lines.js";
import { cellSourceEnd, cellSourceStart } from "./row-cells.js";
import type { Definitions, InlineValue } from "./inline.js";
import type { Cell, Comment, Heading, Link, MarkdownDoc, Point, Row, Span, Table } from "./types.js";

const processor = unified().use(remarkParse).use(remarkGfm);

/** Parses a whole document with unified + remark-parse + remark-gfm. */
export function parseWithRemark(text: string): Root {
  return processor.parse(text);
}

type AnyNode = { type: string; value?: string; children?: AnyNode[]; url?: string; depth?: number; position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } } };

/** Plain text of a node, like mdast-util-to-string (value of leaves, children concatenated). */
export function nodeText(node: AnyNode): string {
  if (typeof node.value === "string") return node.value;
  if (node.children) return node.children.map(nodeText).join("");
  return "";
}

export function collectLinks(node: AnyNode, out: Link[]): void {
  if (node.type === "link" && typeof node.url === "string") out.push({ text: nodeText(node), url: node.url });
  if (node.children) for (const child of node.children) collectLinks(child, out);
}

/** Plain text of each outermost strikethrough span, trimmed, in document order. */
export function collectStruck(node: AnyNode, out: string[]): void {
  if (node.type === "delete") {
    out.push(nodeText(node).trim());
    return;
  }
  if (node.children) for (const child of node.children) collectStruck(child, out);
}

export function isStruck(children: PhrasingContent[]): boolean {
  const meaningful = children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
  return meaningful.length === 1 && meaningful[0]!.type === "delete";
}

function span(node: { position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } } }): Span {
  const p = node.position!;
  return {
    start: { line: p.start.line, column: p.start.column, offset: p.start.offset! },
    end: { line: p.end.line, column: p.end.column, offset: p.end.offset! },
  };
}

/** The raw trimmed source of a cell and where its content starts. */
function cellSource(text: string, cellSpan: Span): { raw: string; line: number; column: number } {
  const from = cellSourceStart(text, cellSpan.start.offset, cellSpan.end.offset);
  const to = cellSourceEnd(text, from, cellSpan.end.offset);
  const column = cellSpan.start.column + (from - cellSpan.start.offset);
  return { raw: text.slice(from, to), line: cellSpan.start.line, column };
}

function toCell(text: string, node: TableCell): Cell {
  const s = span(node);
  const src = cellSource(text, s);
  const links: Link[] = [];
  collectLinks(node as AnyNode, links);
  const struck: string[] = [];
  collectStruck(node as AnyNode, struck);
  return new FlatCell(src.raw, nodeText(node as AnyNode).trim(), isStruck(node.children), struck, links, src.line, src.column, flatSpanOf(s));
}

/** Identifiers of the link and footnote definitions anywhere in a tree (what `[label]` can refer to). */
export function definitionsOf(tree: Root): Definitions {
  const links = new Set<string>();
  const footnotes = new Set<string>();
  const walk = (node: { type: string; identifier?: string; children?: unknown[] }): void => {
    if (node.type === "definition" && node.identifier !== undefined) links.add(node.identifier);
    else if (node.type === "footnoteDefinition" && node.identifier !== undefined) footnotes.add(node.identifier);
    // Definitions are blocks: no need to look inside paragraphs, headings or tables.
    if (node.children && node.type !== "paragraph" && node.type !== "heading" && node.type !== "table") for (const child of node.children) walk(child as typeof node);
  };
  walk(tree);
  return { links, footnotes };
}

/**
 * The value of one cell's content parsed by remark-gfm, for what the inline scanner (inline.ts)
 * leaves undecided: the content alone in a one-column table, followed by the document's
 * definitions that its text could name, so that references resolve as they do in place.
 */
export function cellByRemark(content: string, definitions: Definitions): InlineValue {
  const key = content.replace(/[\t\n\r ]+/g, " ").toLowerCase().toUpperCase().toLowerCase();
  const defs: string[] = [];
  for (const id of definitions.links) if (key.includes(id)) defs.push(`[${id}]: x`);
  for (const id of definitions.footnotes) if (key.includes(id)) defs.push(`[^${id}]: x`);
  const tree = parseWithRemark(`| x |\n| - |\n| ${content} |\n\n${defs.join("\n\n")}\n`);
  const cell = ((tree.children[0] as MdTable).children[1]!.children[0]!) as AnyNode & TableCell;
  const links: Link[] = [];
  collectLinks(cell, links);
  const struck: string[] = [];
  collectStruck(cell, struck);
  return { text: nodeText(cell).trim(), strike: isStruck(cell.children), struck, links };
}

/** A row the linear path (linear.ts) already built from the source. */
function prebuilt(row: TableRow): Row | undefined {
  return (row.data as { netstackRow?: Row } | undefined)?.netstackRow;
}

function toTable(text: string, node: MdTable, heading: Heading | null): Table {
  const rows: Row[] = node.children.map((row) => prebuilt(row) ?? { cells: row.children.map((c) => toCell(text, c)), span: span(row) });
  return { header: rows[0]!, rows: rows.slice(1), align: (node.align ?? []).map((a) => a ?? null), span: span(node), heading };
}

const COMMENT = /<!--([\s\S]*?)-->/g;

/** Extracts tables, headings and HTML comments from a remark tree. */
export function docFromTree(text: string, tree: Root): MarkdownDoc {
  const lines = new LineIndex(text);
  const doc: MarkdownDoc = { tables: [], headings: [], comments: [] };
  let lastHeading: Heading | null = null;
  const walk = (node: AnyNode): void => {
    if (node.type === "heading" && node.position) {
      lastHeading = { depth: node.depth ?? 1, text: nodeText(node).trim(), line: node.position.start.line, column: node.position.start.column };
      doc.headings.push(lastHeading);
      return;
    }
    if (node.type === "table") {
      doc.tables.push(toTable(text, node as unknown as MdTable, lastHeading));
      return;
    }
    if (node.type === "html" && typeof node.value === "string" && node.position) {
      const base = node.position.start.offset!;
      for (const m of node.value.matchAll(COMMENT)) {
        const start = base + m.index!;
        doc.comments.push({ text: m[1]!.trim(), span: { start: lines.point(start), end: lines.point(start + m[0].length) } });
      }
      return;
    }
    if (node.children) for (const child of node.children) walk(child);
  };
  for (const child of tree.children as RootContent[]) walk(child as AnyNode);
  return doc;
}
