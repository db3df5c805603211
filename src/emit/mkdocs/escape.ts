import { plainText } from "../../text/controls.js";
import { collapseSpaces } from "../../text/spaces.js";

/**
 * Escaping for text that lands in generated Markdown. Output must be inert both for the
 * Markdown parser (no emphasis, links, code spans, table breaks) and for the browser
 * (no tags, no entities of the operator's making).
 */

/**
 * What each active character becomes. Entities for `& < >`, the table cell separator `|` (an
 * entity survives every Markdown table parser, `\|` does not) and `~` (strikethrough in GFM and
 * pymdownx.tilde has no backslash escape in Python-Markdown); a backslash for the characters with
 * a backslash escape in both Python-Markdown and CommonMark.
 */
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "|": "&#124;",
  "~": "&#126;",
  "\\": "\\\\",
  "`": "\\`",
  "*": "\\*",
  _: "\\_",
  "[": "\\[",
  "]": "\\]",
};
/** The characters ESCAPES answers, as a regex class: one list for the replacement and the test. */
const ACTIVE_CLASS = String.raw`&<>|~\\\`*_[\]`;
const ACTIVE = new RegExp(`[${ACTIVE_CLASS}]`, "g");
/**
 * A text escapeInline would change: an active character, a control or bidi character (plainText),
 * whitespace other than single inner spaces. Most cells of a large table have none.
 */
const NEEDS_ESCAPING = new RegExp(String.raw`[${ACTIVE_CLASS}\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[^\S ]| {2}|^ | $`);

/**
 * A name for a place MkDocs' themes print without escaping (site_name, nav titles: material puts
 * them raw into the header, the page title and attributes): control characters removed (a YAML
 * reader refuses them) and `& < > "` as entities, so a name is text in every spot. `'` is kept:
 * the themes quote attributes with `"`.
 */
export function themeText(value: string): string {
  return plainText(value).replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);
}

/** One line of inline text: whitespace collapsed, every active character neutralized. */
export function escapeInline(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  if (!NEEDS_ESCAPING.test(text)) return text;
  return collapseSpaces(plainText(text)).replace(ACTIVE, (ch) => ESCAPES[ch]!);
}

/** Text for a Mermaid label inside quotes: Mermaid's own `#code;` entities for anything not plain. */
export function escapeMermaid(value: string): string {
  return [...collapseSpaces(value)].map((ch) => (/[A-Za-z0-9 .,:·/-]/.test(ch) ? ch : `#${ch.codePointAt(0)};`)).join("");
}

export interface MarkdownTable {
  columns: string[];
  /** Plain cell values; escaped here. A row of one value in `group` renders as a divider row. */
  rows: { cells: (string | number | null)[]; group?: string }[];
  /** Cells already escaped Markdown (links built by netstack itself), by column index. */
  trusted?: ReadonlySet<number>;
  /** Columns of paths (mounts): escaped, then kept on one line (`.ns-path`, netstack.css). */
  nowrap?: ReadonlySet<number>;
}

/** A GFM / Python-Markdown pipe table with every cell escaped. */
export function renderTable(table: MarkdownTable): string {
  const head = `| ${table.columns.map(escapeInline).join(" | ")} |`;
  const rule = `|${table.columns.map(() => "---").join("|")}|`;
  const body = table.rows.map((row) => {
    if (row.group !== undefined) return `| **${escapeInline(row.group)}** |${table.columns.slice(1).map(() => "  |").join("")}`;
    const cells = table.columns.map((_, i) => {
      const value = row.cells[i];
      if (table.trusted?.has(i)) return String(value ?? "");
      const text = escapeInline(value);
      return table.nowrap?.has(i) && text !== "" ? `<span class="ns-path">${text}</span>` : text;
    });
    return `| ${cells.join(" | ")} |`;
  });
  return [head, rule, ...body].join("\n");
}

/** A relative link netstack makes itself: the label escaped, the target from known path parts. */
export function link(label: string, target: string): string {
  return `[${escapeInline(label)}](${encodeURI(target)})`;
}
