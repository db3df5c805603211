import fc from "fast-check";

/**
 * fast-check generators of Markdown documents built to reach every branch of the linear table
 * path: long runs of plain pipe rows (so rows get cut) broken by rows with inline markup, by
 * lines that end or interrupt a table, and tables inside containers or code where none may form.
 */

const PLAIN_CELLS = ["1. x", "2) y", "1234567890. z", "10.0.0.1 a", "Z", "host-1", "10.0.0.1", "AA:BB:CC:00:11:22", "-", "na", "sw1p?", "?", "", " ", "a b", "x\ty", "Debian VM", "—", "é", "😀", "\u00a0nb\u00a0", "--", ":", "1.", "#", "+", "=", "a--b"];
const MARKUP_CELLS = [
  "\\|", "a\\|b", "\\\\", "a\\\\|", "`code`", "`a|b`", "`a\\|b`", "[x](http://y)", "[ref]", "[ref][]", "![img](i.png)",
  "~~gone~~", "~~a~~ b", "~one~", "*em*", "_em_", "**b**", "<http://x.y>", "<b>", "<!-- c -->", "www.example.com",
  "http://a.b/c", "https://x.y", "me@example.com", "mailto:a@b.co", "&amp;", "&#124;", "&nbsp;", "!", "a_b", "x*y", "[^1]", "\\-",
];

/** Inline shapes and near misses: strikethrough, one link, and what looks like them but is not. */
const SIMPLE_CELLS = [
  "~~gone~~", "~~old name~~", "~~-~~", "~~10.0.0.1~~", "~~ x~~", "~~x ~~", "~~\u00a0x~~", "~~x\u00a0~~", "~~~x~~~", "~~x~~y", "x~~y~~", "~~[a](b)~~",
  "[doc](http://x/y?z=1#f)", "[ a ](u)", "[a](u_v*w~!@)", "a[b](c)d", "see [doc](http://d) here", "[a](u \"t\")", "[a](<u>)", "[a](u)(v)", "[^a](u)",
  "[a]( u )", "[a](b)!", "![a](b)", "[a](b)[c](d)", "[~~a~~](b)", "[a](%20)", "[\u00a0a](b)", "[a]()", "[](b)", "[a](b)c)", "([a](b))", "[a](b c)",
  "[a](b&amp;c)", "[a](b\\c)", "[www.x.com](b)", "[a](b)www.x.com", "[a](b))", "[[a]](b)", "[a](b'c)", "[a](javascript:x)",
];

/**
 * Inline content of a cell, built from every construct a cell can hold and their nestings:
 * emphasis and strong (`*`, `_`), strikethrough (`~`, `~~`), code spans, links and images
 * (inline, reference, with titles and angle destinations), autolinks, GFM literal autolinks next
 * to punctuation, e-mail addresses, escapes (`\|` too), entities, inline HTML, and the stray
 * delimiters and brackets that make none of them.
 */
const WORD = fc.constantFrom("a", "b c", "host-1", "10.0.0.1", "x_y", "é", "😀", "vlan 20", "old name", "1.", "a\tb");
const URL = fc.constantFrom("http://x.y", "https://example.org/rb", "u", "<u v>", "a(b)c", "/p?q=1&amp;r", "", "#f", "x\\)y");
const LITERAL = fc.constantFrom("x1https://a.b", "_www.q.io", "/www.q.io", "ab.cd@ef.gh", "*www.x.y*", "https://example.org/a_b", "www.example.com", "www.x.y_z", "http://x.y/p).", "(www.q.io)", "ops@example.org", "a.b-c@d.co_", "mailto:a@b.cd", "xmpp:a@b.cd/r", "https://a.b/c?d=e&amp;f", "http://", "www.");
const STRAY = fc.constantFrom("*", "**", "_", "~", "~~", "~~~", "`", "[", "]", "![", "](", "<", ">", "&", "\\", "!", "[^1]", "[^A]", "[^a\\]]", "![^1]", "[ref]", "[Ref][]", "[x][ref]", "[^a](u)", "&x;", "&#0;", "&#x1F600;", "&nbsp;", "&amp;", "\\|", "\\*", "\\_", "<b>", "</b>", "<!-- c -->", "<br/>", "<a href=\"x\">", "<?p?>", "<!X>", "<![CDATA[x]]>", ":", "@", ".");

export const inlineContent: fc.Arbitrary<string> = fc
  .letrec((tie) => ({
    piece: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 4, arbitrary: WORD },
      { weight: 2, arbitrary: LITERAL },
      { weight: 3, arbitrary: STRAY },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom("`", "``", "` ", "`` "), WORD, fc.constantFrom("`", "``", " `", " ``")).map((p) => p.join("")) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom("*", "**", "_", "__", "***", "~", "~~"), tie("run") as fc.Arbitrary<string>, fc.constantFrom("*", "**", "_", "__", "***", "~", "~~")).map((p) => p.join("")) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom("[", "!["), tie("run") as fc.Arbitrary<string>, fc.constantFrom("](", "] (", "]["), URL, fc.constantFrom(")", " \"t\")", " 't')", " (t))", "]", "")).map((p) => p.join("")) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom("<"), fc.constantFrom("http://x.y", "a@b.co", "mailto:x", "a b", "x:y z"), fc.constantFrom(">")).map((p) => p.join("")) },
    ),
    run: fc.array(tie("piece") as fc.Arbitrary<string>, { minLength: 1, maxLength: 4 }).chain((pieces) =>
      fc.array(fc.constantFrom("", " ", "", ", ", "\t"), { minLength: pieces.length, maxLength: pieces.length }).map((gaps) => pieces.map((p, i) => p + (i < pieces.length - 1 ? gaps[i] : "")).join("")),
    ),
  }))
  .run.map((s) => s.trim());

const plainCell = fc.oneof(fc.constantFrom(...PLAIN_CELLS), fc.stringMatching(/^[a-z0-9. -]{0,8}$/));
/** Cells the linear path may still cut: plain, or one of the simple shapes. */
/** Short inline content for whole documents (the long tables of inlineContent have their own test). */
const inlineCell = fc.array(fc.oneof(WORD, LITERAL, STRAY), { minLength: 1, maxLength: 3 }).map((parts) => parts.join("").trim());
const cuttableCell = fc.oneof({ weight: 4, arbitrary: plainCell }, { weight: 1, arbitrary: fc.constantFrom(...SIMPLE_CELLS) }, { weight: 1, arbitrary: inlineCell });
const anyCell = fc.oneof(
  { weight: 6, arbitrary: plainCell },
  { weight: 2, arbitrary: fc.constantFrom(...MARKUP_CELLS) },
  { weight: 1, arbitrary: fc.tuple(plainCell, fc.constantFrom(...MARKUP_CELLS), plainCell).map((p) => p.join("")) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: "grapheme-ascii" }).map((s) => s.replace(/[\r\n]/g, " ")) },
);

const pad = fc.constantFrom("", " ", "  ", "\t");

/** One row: cells joined by pipes, with or without outer pipes and trailing space. */
function rowOf(cell: fc.Arbitrary<string>, count: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return fc
    .record({
      cells: count.chain((n) => fc.array(cell, { minLength: n, maxLength: n })),
      lead: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      trail: fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 2, arbitrary: fc.constant(false) }),
      left: pad,
      right: pad,
      end: fc.constantFrom("", "", "", " ", "  ", "\t"),
    })
    .map(({ cells, lead, trail, left, right, end }) => {
      const inner = cells.map((c) => `${left}${c}${right}`).join("|");
      return `${lead ? "|" : ""}${inner}${trail ? "|" : ""}${end}`;
    });
}

const delimiterCell = fc.constantFrom("---", "-", ":--", "--:", ":-:", " --- ", ":---:", "-:", "--- ", "\t-");

const INTERRUPTS = [
  "", "   ", "# Heading", "## Sub | heading", "---", "***", "___", "```", "~~~", "```js", "<div>", "</div>", "<!-- note -->", "<!--", "-->",
  "- item", "* item", "1. item", "> quote", "> | a | b |", "paragraph text", "    indented code", "  | two spaces |", "   | three |",
  "    | four spaces |", "|", "||", "| Section |-----|-----|", "| --- | --- |", "|---|", "Title", "=====", "[ref]: http://example.com",
  "[^1]: note", "[^a]: note", "[a]: http://def", "\t| tab |", "- | a | b |", "  - nested", "<https://x.y>", "<pre>", "</pre>",
];
const interrupt = fc.constantFrom(...INTERRUPTS);

/** A table: header, delimiter (sometimes broken), and body rows with the odd foreign line. */
const table = fc
  .record({
    width: fc.integer({ min: 1, max: 5 }),
    prefix: fc.oneof({ weight: 12, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom(" ", "   ", "    ", "> ", "- ", "  ", "1. ", "\t") }),
    bodyLen: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 3, max: 40 })),
    delimiterWidthDelta: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -1, max: 1 }) }),
    /** Rows written without their leading pipe (`a | b`). */
    bare: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .chain(({ width, prefix, bodyLen, delimiterWidthDelta, bare }) =>
    fc
      .tuple(
        rowOf(anyCell, fc.constant(width)),
        rowOf(delimiterCell, fc.constant(Math.max(1, width + delimiterWidthDelta))),
        fc.array(
          fc.oneof(
            { weight: 20, arbitrary: rowOf(cuttableCell, fc.integer({ min: Math.max(0, width - 1), max: width + 1 })) },
            { weight: 4, arbitrary: rowOf(anyCell, fc.integer({ min: Math.max(0, width - 1), max: width + 1 })) },
            { weight: 1, arbitrary: interrupt },
          ),
          { minLength: bodyLen, maxLength: bodyLen },
        ),
      )
      .map(([head, delimiter, body]) => [head, delimiter, ...body].map((line) => prefix + (bare && line.startsWith("|") ? line.slice(1) : line))),
  );

const block = fc.oneof(
  { weight: 6, arbitrary: table },
  { weight: 1, arbitrary: fc.constantFrom("# Devices", "## Network", "Setext\n---", "Setext\n===", "#Not a heading").map((s) => s.split("\n")) },
  { weight: 1, arbitrary: fc.constantFrom("<!-- netstack-disable table/ragged-row -->", "<!-- a -->\n<!-- b -->", "<!--\nmulti\nline\n-->", "x <!-- inline --> y").map((s) => s.split("\n")) },
  { weight: 1, arbitrary: fc.constantFrom("Some text.", "Text | with | pipes", "- a\n- b", "> quoted\n> more", "```\n| a | b |\n| - | - |\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n```").map((s) => s.split("\n")) },
  { weight: 1, arbitrary: fc.array(interrupt, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant(["[^a]: note", "", "[a]: http://def", "[ref]: http://ref"]) },
  { weight: 1, arbitrary: fc.constantFrom(["[REF]: <u>", "", "[^1]: one"], ["> [x]: y"], ["- [Ref]:", "  z"]) },
);

const eol = fc.constantFrom("\n", "\n", "\n", "\r\n", "\r");

/** A whole document: blocks separated by a blank line or not, one line-ending style or a mix. */
export const markdownDocument: fc.Arbitrary<string> = fc
  .record({
    blocks: fc.array(fc.tuple(block, fc.boolean()), { minLength: 1, maxLength: 6 }),
    ending: eol,
    mixed: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    ends: fc.array(eol, { minLength: 64, maxLength: 64 }),
    final: fc.boolean(),
  })
  .map(({ blocks, ending, mixed, ends, final }) => {
    const lines: string[] = [];
    for (const [lines_, blank] of blocks) {
      lines.push(...lines_);
      if (blank) lines.push("");
    }
    let out = "";
    lines.forEach((line, i) => {
      out += line;
      if (i < lines.length - 1 || final) out += mixed ? ends[i % ends.length]! : ending;
    });
    return out;
  });

/** Line soup from a Markdown-heavy alphabet: finds what hand-written shapes miss. */
export const markdownSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ maxLength: 14, unit: fc.constantFrom(..."|||--: \t\\`[]()a1<>!~*_#>&@w.\r\n") }) },
      { weight: 1, arbitrary: interrupt },
      { weight: 3, arbitrary: fc.constantFrom("| a | b |", "|---|---|", "| 1 | 2 |", "a | b", "-|-", "| x |") },
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.join("\n"));

/**
 * Documents of the simple path's shapes (src/markdown/simple.ts): ATX headings, blank lines,
 * paragraphs of plain words and tables set apart by blank lines, with the near misses that must
 * send a document back to remark (closing `#`s, markup in a heading or paragraph, a setext
 * underline, a paragraph glued to a table, a broken delimiter row, trailing whitespace, a row
 * without its leading pipe, a list, a quote, code, HTML, a definition).
 */
const simpleHeading = fc
  .tuple(fc.constantFrom("#", "##", "###", "######", "#######"), fc.constantFrom(" ", " ", "\t", "  ", ""), fc.constantFrom("Devices", "s000 — services", "Network é", "", "  spaced  ", "Title #", "*x*", "a | b", "x_y", "ends with #", "**Devices**", "`code` head", "[link](u) x", "~~old~~ new", "a\\*b\\#", "&amp; &#35;", "www.x.com/p", "<b>x</b>", "<!-- c --> x", "*a **b*", "[x]", "![i](u)"))
  .map(([hashes, gap, text]) => `${hashes}${gap}${text}`);
const simpleParagraph = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom("Generated by bench/gen.js.", "Some words here", "Hello  ", "Tabs\tinside", "Word — dash", "x", "Uptime 99.9 percent") },
    // Paragraph lines with inline markup, list items, and what looks like them but opens something else.
    { weight: 4, arbitrary: fc.constantFrom("word *em*", "see http://x.y", "a@b.co", "The **nas** runs [jobs](http://x/1).", "Use `vlan 20` here", "Not ~~this~~ that", "Ends with a backslash\\", "Open `code", "Open [link](", "Hard break  ", "See ![img](i.png) and [ref][x]", "a_b_c *", "Entity &amp; &lt;!-- not --&gt;") },
    { weight: 4, arbitrary: fc.constantFrom("- item", "* item *em*", "+ item", "1. item", "2) second", "10. tenth", "- [link](u) text", "-\titem", "- **bold** item") },
    { weight: 3, arbitrary: fc.constantFrom("**Note**: read this", "*em* first", "_em_ first", "`code` first", "``a`b`` x", "~~old~~ name", "[link](u) first", "[ref] and more", "![i](u) shown", "2024 was long", "É accent first", "(aside)", "\\# not a heading", "&amp; entity", ":colon", "1)x", "**", "*x") },
    { weight: 2, arbitrary: fc.constantFrom("Text | pipe", "- a | b", "- # heading", "- > quote", "- - nested", "-item", "- <b>", "* * *", "- ```", "- `c`", "-    code", "1.item", "- ", "-", "Text <!-- c -->", "See <http://x>", "  continued", "   - indented item", "===", "---", "  indented", "    code", "<!-- c -->", "[a]: http://d", "[^1]: note", "[multi", "line]: http://d", "> quote", "```", "~~~", "***", "___", "* * *", "_ _ _", "*", "1. ", "2024. x", "`` ` ``", "=== x", "# x", ":---:", ":--", ":-", ":- x") },
  ),
  { minLength: 1, maxLength: 3 },
);
const simpleTable = fc
  .record({
    width: fc.integer({ min: 1, max: 4 }),
    bodyLen: fc.integer({ min: 0, max: 8 }),
    delimiterWidthDelta: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -1, max: 1 }) }),
  })
  .chain(({ width, bodyLen, delimiterWidthDelta }) =>
    fc
      .tuple(
        rowOf(fc.oneof({ weight: 4, arbitrary: plainCell }, { weight: 1, arbitrary: inlineCell }), fc.constant(width)),
        rowOf(delimiterCell, fc.constant(Math.max(1, width + delimiterWidthDelta))),
        fc.array(
          fc.oneof(
            { weight: 12, arbitrary: rowOf(cuttableCell, fc.integer({ min: Math.max(0, width - 1), max: width + 1 })) },
            { weight: 2, arbitrary: rowOf(anyCell, fc.constant(width)) },
            { weight: 1, arbitrary: interrupt },
          ),
          { minLength: bodyLen, maxLength: bodyLen },
        ),
      )
      .map(([head, delimiter, body]) => [head, delimiter, ...body]),
  );
const simpleBlock = fc.oneof({ weight: 3, arbitrary: simpleTable }, { weight: 2, arbitrary: simpleHeading.map((h) => [h]) }, { weight: 2, arbitrary: simpleParagraph });

export const simpleDocument: fc.Arbitrary<string> = fc
  .array(fc.tuple(simpleBlock, fc.oneof({ weight: 6, arbitrary: fc.constant([""]) }, { weight: 1, arbitrary: fc.constantFrom([], ["  "], ["", ""]) })), { minLength: 1, maxLength: 6 })
  .chain((blocks) => fc.boolean().map((final) => blocks.flatMap(([lines, gap]) => [...lines, ...gap]).join("\n") + (final ? "\n" : "")));
