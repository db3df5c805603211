// Would a content-hash cache of parsed Markdown pay? For every Markdown file of a generated
// federation it times, in-process: parsing (parseMarkdown, the linear table path), and loading
// the same result from cache entries on disk (sha256 of the text, read, decode), which is what
// a rebuild with no change would do instead. Two encodings: the MarkdownDoc as plain JSON, and a
// compact one (cells and spans as arrays, rebuilt into objects on load). `npm run compile` first.
// Usage: node bench/parse-cache.js [sites=100] [rows=1000] [devices=1000]
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gen } from "./gen.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { parseMarkdown } = await import(path.join(repo, "dist/markdown/index.js"));

const point = (p) => [p.line, p.column, p.offset];
const span = (s) => [...point(s.start), ...point(s.end)];
const encodeCell = (c) => [c.raw, c.text === c.raw ? 0 : c.text, c.strike ? 1 : 0, c.links.length ? c.links : 0, c.line, c.column, ...span(c.span)];
const encodeRow = (r) => [span(r.span), r.cells.map(encodeCell)];
const toPoint = (a, i) => ({ line: a[i], column: a[i + 1], offset: a[i + 2] });
const toSpan = (a, i) => ({ start: toPoint(a, i), end: toPoint(a, i + 3) });
const decodeCell = (c) => ({ raw: c[0], text: c[1] === 0 ? c[0] : c[1], strike: c[2] === 1, links: c[3] === 0 ? [] : c[3], line: c[4], column: c[5], span: toSpan(c, 6) });
const decodeRow = (r) => ({ cells: r[1].map(decodeCell), span: toSpan(r[0], 0) });

/** Parsed cells are class instances with a computed span (src/markdown/cell.ts); loaded ones are plain. */
const flatSpan = (c) => ({
  start: { line: c.spanStartLine, column: c.spanStartColumn, offset: c.spanStartOffset },
  end: { line: c.spanEndLine, column: c.spanEndColumn, offset: c.spanEndOffset },
});
const comparable = (doc) =>
  JSON.stringify(doc, (_key, v) =>
    v && typeof v === "object" && "raw" in v && "strike" in v
      ? { raw: v.raw, text: v.text, strike: v.strike, links: v.links, line: v.line, column: v.column, span: "span" in v ? v.span : flatSpan(v) }
      : v,
  );

const ENCODINGS = {
  json: { encode: (doc) => doc, decode: (data) => data },
  compact: {
    encode: (doc) => ({ h: doc.headings, c: doc.comments, t: doc.tables.map((t) => [encodeRow(t.header), t.rows.map(encodeRow), t.align, span(t.span), t.heading]) }),
    decode: (e) => ({ tables: e.t.map((t) => ({ header: decodeRow(t[0]), rows: t[1].map(decodeRow), align: t[2], span: toSpan(t[3], 0), heading: t[4] })), headings: e.h, comments: e.c }),
  },
};

const [sites = 100, rows = 1000, devices = 1000] = process.argv.slice(2).map(Number);
const work = mkdtempSync(path.join(os.tmpdir(), "netstack-parse-cache-"));
const timed = (work) => {
  const start = process.hrtime.bigint();
  const value = work();
  return { ms: Math.round(Number(process.hrtime.bigint() - start) / 1e6), value };
};
const key = (text) => createHash("sha256").update(text).digest("hex");
try {
  const { siteDirs } = gen(path.join(work, "f"), { sites, rows, devices });
  const files = siteDirs.flatMap((dir) => readdirSync(path.join(dir, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join(dir, "docs", f)));
  const texts = files.map((f) => readFileSync(f, "utf8"));
  const parsed = timed(() => texts.map((t) => parseMarkdown(t)));
  const result = { sites, rows, devices, files: files.length, sourceMB: +(texts.reduce((n, t) => n + t.length, 0) / 1e6).toFixed(1), parseMs: parsed.ms };
  for (const [name, { encode, decode }] of Object.entries(ENCODINGS)) {
    const dir = path.join(work, name);
    mkdirSync(dir);
    let bytes = 0;
    texts.forEach((t, i) => {
      const json = JSON.stringify(encode(parsed.value[i]));
      bytes += json.length;
      writeFileSync(path.join(dir, `${key(t)}.json`), json);
    });
    const loaded = timed(() => texts.map((t) => decode(JSON.parse(readFileSync(path.join(dir, `${key(t)}.json`), "utf8")))));
    if (!loaded.value.every((doc, i) => comparable(doc) === comparable(parsed.value[i]))) throw new Error(`${name}: a cached document differs from the parsed one`);
    result[name] = { cacheMB: +(bytes / 1e6).toFixed(1), loadMs: loaded.ms, vsParse: +(loaded.ms / parsed.ms).toFixed(2) };
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
