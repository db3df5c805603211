import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineCell, MarkupCell } from "../../src/markdown/cell.js";
import { parseMarkdown } from "../../src/markdown/index.js";
import { inlineValue, simpleValue, type Definitions } from "../../src/markdown/inline.js";
import { parseLinear } from "../../src/markdown/linear.js";
import { cellByRemark, docFromTree, parseWithRemark } from "../../src/markdown/remark.js";
import { bodyRowCells } from "../../src/markdown/row-cells.js";
import type { Cell, MarkdownDoc, Row } from "../../src/markdown/types.js";
// @ts-expect-error plain JavaScript benchmark modules, no types
import { gen } from "../../bench/gen.js";
// @ts-expect-error plain JavaScript benchmark modules, no types
import { gen as genIndependent } from "../../bench/gen-independent.js";
import { inlineContent, markdownDocument, markdownSoup, simpleDocument } from "./generators.js";
import { parseSimple } from "../../src/markdown/simple.js";
import { corpusTests, CORPUS } from "../foundation/helpers.js";

/**
 * The linear table path (src/markdown/linear.ts) must give exactly what unified + remark-parse +
 * remark-gfm gives: every table, row and cell with every field and position, every heading and
 * comment. Checked on generated documents, on every fixture and on the real corpus.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function reference(text: string): MarkdownDoc {
  return docFromTree(text, parseWithRemark(text));
}

/** Every field of the Cell interface, read through it (cells are classes with getters). */
function fields(cell: Cell): Omit<Cell, "span"> & { span: Cell["span"] } {
  return { raw: cell.raw, text: cell.text, strike: cell.strike, struck: cell.struck, links: cell.links, line: cell.line, column: cell.column, span: cell.span };
}

/** A document with its cells as plain field objects. */
function plain(doc: MarkdownDoc): unknown {
  const row = (r: Row) => ({ span: r.span, cells: r.cells.map(fields) });
  return { ...doc, tables: doc.tables.map((t) => ({ ...t, header: row(t.header), rows: t.rows.map(row) })) };
}

/** Compares table by table and cell by cell, so a failure names the first cell that differs. */
function expectSame(text: string): void {
  const fast = parseLinear(text);
  const ref = reference(text);
  expect(fast.headings).toEqual(ref.headings);
  expect(fast.comments).toEqual(ref.comments);
  expect(fast.tables.length).toBe(ref.tables.length);
  fast.tables.forEach((table, t) => {
    const want = ref.tables[t]!;
    expect({ table: t, span: table.span, align: table.align, heading: table.heading }).toEqual({ table: t, span: want.span, align: want.align, heading: want.heading });
    const rows = [table.header, ...table.rows];
    const wantRows = [want.header, ...want.rows];
    expect(rows.length).toBe(wantRows.length);
    rows.forEach((row, r) => {
      expect({ table: t, row: r, span: row.span, cells: row.cells.length }).toEqual({ table: t, row: r, span: wantRows[r]!.span, cells: wantRows[r]!.cells.length });
      row.cells.forEach((cell, c) => expect({ table: t, row: r, cell: c, ...fields(cell) }).toEqual({ table: t, row: r, cell: c, ...fields(wantRows[r]!.cells[c]!) }));
    });
  });
  // Nothing outside the fields compared above.
  expect(plain(fast)).toEqual(plain(ref));
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    // Not a build's .netstack-cache/ (another test may be writing one): the same files every run.
    if (statSync(full).isDirectory()) {
      if (!name.startsWith(".")) out.push(...markdownFiles(full));
    } else if (name.endsWith(".md")) out.push(full);
  }
  return out;
}

/** Every pipe line three times: real content, but long enough runs for the path to cut rows. */
function amplified(text: string): string {
  return text
    .split("\n")
    .flatMap((line) => (line.startsWith("|") ? [line, line, line] : [line]))
    .join("\n");
}

describe("linear table path vs remark-gfm", () => {
  it("agrees on generated documents", () => {
    fc.assert(fc.property(markdownDocument, (text) => expectSame(text)), { numRuns: 400 });
  });

  it("agrees on documents of the simple path's shapes and their near misses, and takes that path for most", () => {
    let simple = 0;
    fc.assert(
      fc.property(simpleDocument, (text) => {
        if (parseSimple(text) !== null) simple++;
        expectSame(text);
      }),
      { numRuns: 500 },
    );
    // A near miss anywhere sends the whole document to remark; still, many take the simple path.
    expect(simple).toBeGreaterThan(60);
  });

  it("reads the simple path's shapes without remark, and leaves every other document to it", () => {
    const simple = "# s000 — devices\n\nGenerated by **bench/gen.js**, see [it](http://x).\n- one `item`\n2. two\n\n| Hostname | IP |\n| --- | :-: |\n| gw | 10.0.0.1 |\n| nas | [ui](http://x) |\n\n## Subnet\n| Key | Value |\n|---|---|\n";
    const doc = parseSimple(simple)!;
    expect(doc.headings).toEqual([{ depth: 1, text: "s000 — devices", line: 1, column: 1 }, { depth: 2, text: "Subnet", line: 12, column: 1 }]);
    expect(doc.tables.map((t) => [t.heading?.text, t.align, t.rows.map((r) => r.cells.map((c) => c.text))])).toEqual([
      ["s000 — devices", [null, "center"], [["gw", "10.0.0.1"], ["nas", "ui"]]],
      ["Subnet", [null, null], []],
    ]);
    expectSame(simple);
    for (const other of ["# T #\n", "Para\n| a |\n| - |\n", "| a | b |\n| - |\n", "| a |\n| - |\n1 |\n", "Title\n===\n", "- item\n  continued\n", "- # x\n", "Name\n:---:\nvalue\n", "x <!-- c -->\n", "[a]: b\n", "| a |\r\n| - |\r\n"]) {
      expect({ other, simple: parseSimple(other) }).toEqual({ other, simple: null });
      expectSame(other);
    }
  });

  it("agrees on line soup from a Markdown alphabet", () => {
    fc.assert(fc.property(markdownSoup, (text) => expectSame(text)), { numRuns: 400 });
  });

  it("agrees on long tables of arbitrary unicode cells", () => {
    const cell = fc.string({ unit: "binary", maxLength: 8 }).map((s) => s.replace(/[\r\n]/g, ""));
    const row = fc.array(cell, { maxLength: 4 }).map((cells) => `| ${cells.join(" | ")} |`);
    fc.assert(
      fc.property(fc.array(row, { minLength: 3, maxLength: 40 }), (rows) => expectSame(["| a | b |", "|---|---|", ...rows].join("\n"))),
      { numRuns: 200 },
    );
  });

  const withCorpus = corpusTests("the corpus files of the differential test (test/markdown/differential.test.ts)");
  const files = [...markdownFiles(path.join(repoRoot, "fixtures")), ...(withCorpus ? markdownFiles(CORPUS) : [])];

  it("has fixtures to compare on", () => {
    expect(files.some((f) => f.includes(`${path.sep}fixtures${path.sep}`))).toBe(true);
  });

  it.runIf(withCorpus)("has the corpus to compare on", () => {
    expect(files.some((f) => f.includes(`${path.sep}corpus${path.sep}`))).toBe(true);
  });

  it.each(files.map((f) => [path.relative(path.dirname(repoRoot), f), f]))("agrees on %s (as is, CRLF, rows tripled)", (_, file) => {
    const text = readFileSync(file!, "utf8");
    expectSame(text);
    expectSame(text.replace(/\r?\n/g, "\r\n"));
    expectSame(amplified(text));
  });

  it("cuts rows out of a long table and puts back the same cells", () => {
    const rows = Array.from({ length: 500 }, (_, i) => `| h${i} | 10.0.${i >> 8}.${i & 255} |${i % 7 === 0 ? " [doc](http://d) |" : " x |"}`);
    const text = ["# Devices", "", "| Name | IP | Notes |", "|:-----|---:|:-:|", ...rows, "after", "", "<!-- end -->"].join("\n");
    expectSame(text);
    const doc = parseMarkdown(text);
    expect(doc.tables[0]!.rows.length).toBe(501);
    expect(doc.tables[0]!.rows[250]!.cells.map((c) => c.text)).toEqual(["h250", "10.0.0.250", "x"]);
    expect(doc.tables[0]!.rows[7]!.cells[2]!.links).toEqual([{ text: "doc", url: "http://d" }]);
  });

  it("agrees on operators' long tables (indented, without outer pipes, rows opening with markup) and cuts them", () => {
    // What a row may open with: what the linear path cuts, and near misses that start a block.
    const cuttable = ["**nas**", "*vm*", "_x_", "__y__", "[nas](http://n)", "[ref]", "![i](j)", "`c`", "``c``", "~~old~~", "~x~", "\\*x", "&amp;", "(x)", "\"q\"", "Küche", "京", "@x", ":x", "]x", "^x", "123", "h1"];
    const blockStarts = ["[^1]: note", "```c", "~~~", "***", "* * *", "___", "* x", "- x", "+ x", "# x", "> x", "<div>", "1. x", "=x", "*", "_"];
    const table = fc.record({
      prefix: fc.constantFrom("", "", " ", "  ", "   ", "    "),
      lead: fc.boolean(),
      rows: fc.array(fc.tuple(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...cuttable) }, { weight: 1, arbitrary: fc.constantFrom(...blockStarts) }), fc.constantFrom("10.0.0.1", "b", "**c**")), { minLength: 4, maxLength: 30 }),
    });
    fc.assert(
      fc.property(table, ({ prefix, lead, rows }) => {
        const line = (cells: string[]) => `${prefix}${lead ? "| " : ""}${cells.join(" | ")}${lead ? " |" : ""}`;
        const text = ["# Devices", "", line(["Name", "IP"]), line(["---", "---"]), ...rows.map((r) => line(r)), ""].join("\n");
        expectSame(text);
      }),
      { numRuns: 400 },
    );
    // Every shape the path may cut is cut: the rows between the first and the last are built by
    // the linear path (LineCell, MarkupCell), not taken from remark's tree.
    for (const prefix of ["", "   "]) {
      for (const lead of [true, false]) {
        const rows = cuttable.map((first, i) => `${prefix}${lead ? "| " : ""}${first} | 10.0.0.${i}${lead ? " |" : ""}`);
        const text = [`${prefix}${lead ? "| " : ""}Name | IP${lead ? " |" : ""}`, `${prefix}${lead ? "|" : ""}---|---${lead ? "|" : ""}`, ...rows, ""].join("\n");
        expectSame(text);
        const cut = parseLinear(text).tables[0]!.rows.slice(1, -1);
        expect({ prefix, lead, fromRemark: cut.filter((r) => !(r.cells[0] instanceof LineCell || r.cells[0] instanceof MarkupCell)).map((r) => r.cells[0]!.raw) }).toEqual({ prefix, lead, fromRemark: [] });
      }
    }
  });

  it("agrees on long tables inside blockquotes, list items and footnotes, with near misses, and cuts them", () => {
    // [first line's prefix, every other line's prefix]: where a container puts a table's rows.
    const containers: Array<[string, string]> = [
      ["> ", "> "], [">", ">"], [" > ", " > "], ["> > ", "> > "], ["> ", ">"],
      ["- ", "  "], ["* ", "  "], ["1. ", "   "], ["10) ", "    "], ["-   ", "    "], ["- ", "   "],
      ["> - ", ">   "], ["- > ", "  > "], ["[^1]: ", "    "],
    ];
    const rowOpeners = ["nas", "**nas**", "[nas](http://n)", "`c`", "Küche", "| h1", "|x", "\\*x", "123"];
    // A row written against its container: lazy, another prefix, code, a block start, a blank line.
    const nearMisses = ["", "| lazy | row |", " ", "  ", "\t", ">", "> > ", "    ", "      "].map((prefix) => ({ prefix, opener: "| x" }));
    const blockStarts = ["- x", "> x", "# x", "```", "1. x", "***", "[^2]: y", "<div>"];
    const table = fc.record({
      container: fc.constantFrom(...containers),
      intro: fc.boolean(),
      rows: fc.array(
        fc.oneof(
          { weight: 14, arbitrary: fc.tuple(fc.constant(null), fc.constantFrom(...rowOpeners), fc.constantFrom("10.0.0.1", "**c**", "")) },
          { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...nearMisses), fc.constant(""), fc.constant("b")) },
          { weight: 1, arbitrary: fc.tuple(fc.constant(null), fc.constantFrom(...blockStarts), fc.constant("b")) },
        ),
        { minLength: 4, maxLength: 30 },
      ),
    });
    fc.assert(
      fc.property(table, ({ container: [first, next], intro, rows }) => {
        const body = rows.map(([miss, opener, cell]) => (miss ? `${miss.prefix}${miss.opener} | ${cell}` : `${next}${opener} | ${cell} |`));
        const head = intro ? [`${first}Rack A`, next.trimEnd(), `${next}| Name | IP |`] : [`${first}| Name | IP |`];
        expectSame(["# Devices", "", ...head, `${next}|---|---|`, ...body, ""].join("\n"));
      }),
      { numRuns: 400 },
    );
    // Every container's rows are cut: the rows between the first and the last are built by the
    // linear path (LineCell, MarkupCell), not taken from remark's tree.
    for (const [first, next] of containers) {
      const rows = rowOpeners.map((opener, i) => `${next}${opener} | 10.0.0.${i} |`);
      const text = [`${first}| Name | IP |`, `${next}|---|---|`, ...rows, ""].join("\n");
      expectSame(text);
      const cut = parseLinear(text).tables[0]!.rows.slice(1, -1);
      expect({ first, fromRemark: cut.filter((r) => !(r.cells[0] instanceof LineCell || r.cells[0] instanceof MarkupCell)).map((r) => r.cells[0]!.raw) }).toEqual({ first, fromRemark: [] });
      expect(cut.length).toBe(rowOpeners.length - 2);
    }
  });

  it("agrees on long tables of generated inline content, with and without definitions", () => {
    const definitions = fc.constantFrom("", "[ref]: http://r\n\n[x]: <y>", "[^1]: note\n\n[Ref]: u", "> [a]: b");
    const row = fc.array(inlineContent, { minLength: 1, maxLength: 3 }).map((cells) => `| ${cells.join(" | ")} |`);
    fc.assert(
      fc.property(fc.array(row, { minLength: 3, maxLength: 12 }), definitions, fc.boolean(), (rows, defs, defsFirst) => {
        const table = ["| a | b | c |", "|---|---|---|", ...rows].join("\n");
        expectSame(defsFirst ? `${defs}\n\n${table}\n` : `${table}\n\n${defs}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees on generated sites, plain and with markup in every row (bench/gen.js and bench/gen-independent.js)", () => {
    const work = mkdtempSync(path.join(os.tmpdir(), "netstack-diff-"));
    try {
      for (const [generate, markup] of [[gen, 0], [gen, 1], [genIndependent, 1], [genIndependent, 0.4]] as const) {
        const { siteDirs } = generate(path.join(work, `${markup}-${generate === gen ? "gen" : "independent"}`), { sites: 2, rows: 200, devices: 200, markup });
        for (const dir of siteDirs) {
          for (const name of ["devices", "services", "network"]) {
            const text = readFileSync(path.join(dir, "docs", `${name}.md`), "utf8");
            expectSame(text);
            // bench/gen.js writes only the simple path's shapes: no remark at all for its sites.
            if (generate === gen) expect({ name, simple: parseSimple(text) !== null }).toEqual({ name, simple: true });
          }
        }
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("leaves a table-shaped block inside a code fence alone", () => {
    const body = Array.from({ length: 50 }, (_, i) => `| ${i} | x |`);
    const text = ["```", "| a | b |", "| - | - |", ...body, "```", "", "| a |", "| - |", ...body.slice(0, 5)].join("\n");
    expectSame(text);
    expect(parseMarkdown(text).tables.length).toBe(1);
  });
});

/** The content of a one-cell row `| c |` is `c` itself (no divider pipe inside). */
function isOneCell(content: string): boolean {
  const row = `| ${content} |`;
  const cells = bodyRowCells(row, 0, row.length);
  return content.length > 0 && cells.length === 1 && row.slice(cells[0]!.contentStart, cells[0]!.contentEnd) === content;
}

describe("inline scanner vs remark-gfm, one cell at a time", () => {
  const withDefinitions: Definitions = { links: new Set(["ref", "x", "a b"]), footnotes: new Set() };
  const withFootnotes: Definitions = { links: new Set(["ref"]), footnotes: new Set(["1", "a"]) };

  it.each([
    ["no definitions", { links: new Set<string>(), footnotes: new Set<string>() }],
    ["link definitions", withDefinitions],
    ["footnote definitions", withFootnotes],
  ] as const)("gives remark's text, strikethrough and links for generated content (%s)", (_, definitions) => {
    let decided = 0;
    fc.assert(
      fc.property(inlineContent.filter(isOneCell), (content) => {
        const value = inlineValue(content, definitions);
        if (value === null) return;
        decided++;
        expect({ content, ...value }).toEqual({ content, ...cellByRemark(content, definitions) });
      }),
      { numRuns: 1500 },
    );
    // Only footnote calls where footnotes are defined, NUL and overlong cells are left to remark.
    expect(decided).toBeGreaterThan(1300);
  });

  it("reads operators' usual notes cells by one expression (simpleValue), as remark does, and leaves their near misses to the scan", () => {
    // Pieces of the simple shapes, and next to them what must not be read that way.
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom("see ", "note 418", " (see ", ")", ", ", "rack 2 — shelf", "Küche ", "\t", " ", "(", "x", "1.", "?", ":") },
      { weight: 4, arbitrary: fc.constantFrom("[runbook](https://example.org/rb)", "[ticket 6998](https://t.example.com/T6998)", "[ a ](u)", "[x](a]b)", "[x](u\"t)", "[^1](u)", "[x](a(b)c)", "[x](<u>)", "[x]( u)", "[x](u v)", "[x](a\u0001b)", "[x](a&amp;b)", "[x](a\\b)", "[](u)", "[x]()", "[www.x.com](u)", "[x](u)(v)") },
      { weight: 4, arbitrary: fc.constantFrom("**critical**", "*pending*", "_spare_", "__x__", "~~old name~~", "~x~", "**do not reboot**", "**a b**", "*1*", "***EOL***", "** x**", "**x **", "*x*y", "_a_b", "~~~x~~~", "**x*", "*-x-*", "*é*", "**x**:", "~~x~~.") },
      { weight: 3, arbitrary: fc.constantFrom("`vlan 20`", "`v5.2`", "` x `", "`a*b`", "`a\\|b`", "``x``", "`x", "`a`b`", "` `") },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          "<http://10.0.0.5:8080/>", "<https://grafana.example/d/x?orgId=1&from=now-6h#panel>", "<HTTPS://X.Y/(a)>", "<ssh://root@h:22>", "<mailto:noc@x.co>", "<a+b.c-d:e;f'*,!$=~_>",
          "<a@b.co>", "<x:y>", "<http://a b>", "<http://a%20b>", "<http://é>", "<http://a\\b>", "<http://a&amp;b>", "<http://a<b>", "<http:/x", "<1a:x>", "<abcdefghijklmnopqrstuvwxyz0123456:x>", "<b>", "<!-- x -->", "<http://a>>",
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom("www.x.com", "https://x.y", "mailto:a", "a@b.co", "&amp;", "<b>", "!", "\\*", "[", "]", "~", "[^1]", "Http:x") },
      // Escapes, character references and bare HTML tags, and what they can complete (`www\.x.com`, `a&#64;b.co`).
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          "\\*", "\\_", "\\|", "\\[", "\\]", "\\`", "\\~", "\\\\", "\\.", "\\d", "\\", "\\&amp;", "&amp;", "&lt;b&gt;", "&#39;", "&#x41;", "&#0;", "&#1114112;", "&nbsp;", "&bogus;", "&AMP;", "&;", "&#;", "&#x;",
          "&ast;x&ast;", "AT&amp;T", "www", "www\\.x.com", "&#64;", "a&#64;b.co", "http&#58;//x.y", "<b>", "</b>", "<b >", "<B1-x>", "<b\u00a0>", "<b/>", "< b>", "<1>", "</b", "<b>facilities</b>", "\\*not\\* managed",
        ),
      },
    );
    let simple = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 5 }), (pieces) => {
        const content = pieces.join("").trim();
        if (!isOneCell(content)) return;
        for (const definitions of [withDefinitions, withFootnotes]) {
          const value = inlineValue(content, definitions);
          if (value === null) continue;
          if (simpleValue(content) !== null) simple++;
          expect({ content, ...value }).toEqual({ content, ...cellByRemark(content, definitions) });
        }
      }),
      { numRuns: 3000 },
    );
    expect(simple).toBeGreaterThan(1000);
    expect(simpleValue("**do not reboot** (see [ticket 6998](https://t.example.com/T6998))")).toEqual({ text: "do not reboot (see ticket 6998)", strike: false, struck: [], links: [{ text: "ticket 6998", url: "https://t.example.com/T6998" }] });
    expect(simpleValue("~~old name~~")).toEqual({ text: "old name", strike: true, struck: ["old name"], links: [] });
    expect(simpleValue("ui <http://10.0.0.5:8080/> (www.x.com inside)")).toBeNull();
    expect(simpleValue("ui <http://10.0.0.5:8080/>, **admin**")).toEqual({ text: "ui http://10.0.0.5:8080/, admin", strike: false, struck: [], links: [{ text: "http://10.0.0.5:8080/", url: "http://10.0.0.5:8080/" }] });
    for (const other of ["***EOL***", "a*b*", "*x*y", "[^1](u)", "see www.x.com", "[x](a(b)c)", "` x `", "*é*", "<a@b.co>", "<http://a%20b>", "<x:y>", "www\\.x.com", "a&#64;b.co", "&bogus;", "\\d", "<b/>"]) expect({ other, value: simpleValue(other) }).toEqual({ other, value: null });
    expect(simpleValue("\\*not\\* managed, ask <b>facilities</b> at AT&amp;T \\| rack&nbsp;2")).toEqual({ text: "*not* managed, ask <b>facilities</b> at AT&T | rack\u00a02", strike: false, struck: [], links: [] });
  });

  it("values the shapes of operators' notes cells", () => {
    const cases: Array<[string, { text: string; strike: boolean; struck: string[]; links: Array<{ text: string; url: string }> }]> = [
      ["see [runbook](https://example.org/rb)", { text: "see runbook", strike: false, struck: [], links: [{ text: "runbook", url: "https://example.org/rb" }] }],
      ["**critical**", { text: "critical", strike: false, struck: [], links: [] }],
      ["uses `vlan 20`", { text: "uses vlan 20", strike: false, struck: [], links: [] }],
      ["~~old name~~ renamed", { text: "old name renamed", strike: false, struck: ["old name"], links: [] }],
      ["~~gone~~", { text: "gone", strike: true, struck: ["gone"], links: [] }],
      ["see https://example.org/rb. or www.example.com, ops@example.org", {
        text: "see https://example.org/rb. or www.example.com, ops@example.org",
        strike: false,
        struck: [],
        links: [
          { text: "https://example.org/rb", url: "https://example.org/rb" },
          { text: "www.example.com", url: "http://www.example.com" },
          { text: "ops@example.org", url: "mailto:ops@example.org" },
        ],
      }],
      ["`a\\|b` x\\|y &amp; <b>z</b>", { text: "a|b x|y & <b>z</b>", strike: false, struck: [], links: [] }],
      ["*a ~~b* c~~", { text: "a ~~b c~~", strike: false, struck: [], links: [] }],
      ["~~a *b~~ c*", { text: "a *b c*", strike: false, struck: ["a *b"], links: [] }],
      ["![icon](i.png) [*doc*](<u v> \"t\")", { text: "doc", strike: false, struck: [], links: [{ text: "doc", url: "u v" }] }],
    ];
    for (const [content, want] of cases) {
      expect({ content, ...inlineValue(content) }).toEqual({ content, ...want });
      expect({ content, ...cellByRemark(content, { links: new Set(), footnotes: new Set() }) }).toEqual({ content, ...want });
    }
  });

  it("reads calls of defined footnotes, leaves other `[^` to remark where the document defines footnotes, and still agrees", () => {
    expect(inlineValue("x [^1] y", withFootnotes)).toEqual({ text: "x  y", strike: false, struck: [], links: [] });
    expect(inlineValue("[^1](http://u) **b**", withFootnotes)).toEqual({ text: "(http://u) b", strike: false, struck: [], links: [{ text: "http://u", url: "http://u" }] });
    for (const undecided of ["x [^2] y", "[^1 ]", "[^]", "![^1]", "[^1", "[^a[b]"]) expect({ undecided, value: inlineValue(undecided, withFootnotes) }).toEqual({ undecided, value: null });
    expect(inlineValue("x [^1] y", withDefinitions)).not.toBeNull();
    const rows = Array.from({ length: 30 }, (_, i) => `| h${i} | see [^1] and [ref] ${i} |`);
    expectSame(["| a | b |", "|---|---|", ...rows, "", "[^1]: note", "", "[ref]: http://r"].join("\n"));
    const doc = parseLinear(["| a | b |", "|---|---|", ...rows, "", "[^1]: note", "", "[ref]: http://r"].join("\n"));
    expect(doc.tables[0]!.rows[15]!.cells[1]!.text).toBe("see  and ref 15");
  });
});
