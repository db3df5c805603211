import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeInline, escapeMermaid, renderTable } from "../../src/emit/mkdocs/escape.js";
import { parseMarkdown } from "../../src/markdown/index.js";
import { redactText, REDACTED } from "../../src/emit/redact.js";
import { unlinkRelative } from "../../src/emit/mkdocs/prose.js";
import { plainText } from "../../src/text/controls.js";

/** escapeInline as first written, a code point at a time: the reference for its fast paths. */
function referenceEscapeInline(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;" };
  let out = "";
  for (const ch of plainText(String(value)).replace(/\s+/g, " ").trim()) {
    if (entities[ch]) out += entities[ch];
    else if (["\\", "`", "*", "_", "[", "]"].includes(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** What a Markdown reader shows for an escaped text: backslash escapes and our entities undone. */
function shown(escaped: string): string {
  return escaped
    .replace(/\\([\\`*_[\]])/g, "$1")
    .replace(/&#124;/g, "|")
    .replace(/&#126;/g, "~")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

describe("escapeInline", () => {
  it("neutralizes HTML and Markdown in a device name", () => {
    expect(escapeInline("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(escapeInline("a|b *c* _d_ [e](f) `g` ~~h~~ &amp;")).toBe("a&#124;b \\*c\\* \\_d\\_ \\[e\\](f) \\`g\\` &#126;&#126;h&#126;&#126; &amp;amp;");
    expect(escapeInline(null)).toBe("");
    expect(escapeInline(" two\nlines ")).toBe("two lines");
  });

  it("answers as the code-point-at-a-time reference, fast path included (property)", () => {
    const unit = fc.oneof(fc.constant(" "), fc.constant("a"), fc.constantFrom(..."<>&|\\`*_[]~ \n\t\r\u00a0\ufeff\u2028\u0000\u001b\u007f\u0085\u202e\u2066ab1é"), fc.constantFrom("😀", "\ud800"));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit }), fc.string(), fc.integer(), fc.double()), (value) => {
        expect(escapeInline(value)).toBe(referenceEscapeInline(value));
      }),
      { numRuns: 3000 },
    );
  });

  it("never leaves a raw tag, pipe or active markup, and reads back as the text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."<>&|\\`*_[]~!()#ab 1\n\t\"'=") }), (value) => {
        const escaped = escapeInline(value);
        expect(escaped).not.toMatch(/[<>|~\n]/);
        expect(escaped.replace(/\\[\\`*_[\]]/g, "")).not.toMatch(/[\\`*_[\]]/);
        expect(shown(escaped)).toBe(value.replace(/\s+/g, " ").trim());
      }),
    );
  });

  it("keeps a rendered table's shape whatever the cells hold (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 3, maxLength: 3 }), { maxLength: 5 }), (rows) => {
        const text = renderTable({ columns: ["a", "b", "c"], rows: rows.map((cells) => ({ cells })) });
        const [table] = parseMarkdown(text).tables;
        expect(table!.rows).toHaveLength(rows.length);
        for (const row of table!.rows) expect(row.cells).toHaveLength(3);
      }),
    );
  });
});

describe("escapeMermaid", () => {
  it("writes anything but plain text as Mermaid entity codes", () => {
    expect(escapeMermaid(`sl · O'Fallon "x" <b>#`)).toBe("sl · O#39;Fallon #34;x#34; #60;b#62;#35;");
  });
});

describe("redactText", () => {
  it("removes IPv4, IPv6, MACs, network ids, e-mails and credentials, and leaves times and versions", () => {
    const text = "gw 192.168.9.1, net 192.168.9.0/24, v6 fd00::1, mac 48-8F-5A-3C-20-10 and 3c:52:82:6e:11:b7, zt 0123456789abcdef, ops@farm-mail.net, admin-Password1#; daily 02:00, v1.2.3";
    expect(redactText(text)).toBe(
      `gw ${REDACTED}, net ${REDACTED}/24, v6 ${REDACTED}, mac ${REDACTED} and ${REDACTED}, zt ${REDACTED}, ${REDACTED}, admin-${REDACTED}; daily 02:00, v1.2.3`,
    );
  });
});

describe("unlinkRelative", () => {
  it("keeps external, anchor and sibling-page links and unlinks the rest", () => {
    expect(unlinkRelative("[a](https://x.org/) [b](#top) [c](devices.md#nas) [d](../ops/backup/README.md) ![e](img/rack.png) [f](log/ 'x')")).toBe(
      "[a](https://x.org/) [b](#top) [c](devices.md#nas) d e f",
    );
  });
});
