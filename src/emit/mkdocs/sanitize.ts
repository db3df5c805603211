import xss, { FilterXSS, type ICSSFilter } from "xss";
import { nodeText, parseWithRemark } from "../../markdown/remark.js";
import { escapeInline } from "./escape.js";

/**
 * The operator's prose is published on the federation's docs site, so its raw HTML and links pass
 * an allow list before MkDocs sees them:
 * - HTML tags (the `html` nodes remark finds): only inline text tags pass, with only plain
 *   attributes (`href`, `src`, `title`, `alt`…); every other tag is escaped and shows as text
 *   (js-xss, which works tag by tag, so an open tag and its close in another paragraph both stay).
 *   Block tags (`div`, `details`, `table`…) are not allowed: Python-Markdown would pass what
 *   follows one through as raw HTML up to its closing tag, where remark sees Markdown.
 * - Links, images and link definitions to `javascript:`, `vbscript:` or `data:` lose their target
 *   (the text stays).
 * - Where the two parsers could disagree, the text is made inert for both: a `<` in text is
 *   written `&lt;`, a `javascript:` in text gets its colon as `&#58;`, and a code block inside a
 *   list or quote (whose indentation Python-Markdown reads differently) has its `<` as `&lt;`.
 */

const INLINE_TAGS: Record<string, string[]> = {
  a: ["href", "title"],
  abbr: ["title"],
  b: [],
  br: [],
  code: [],
  del: [],
  em: [],
  i: [],
  img: ["src", "alt", "title", "width", "height"],
  ins: [],
  kbd: [],
  mark: [],
  q: [],
  s: [],
  samp: [],
  small: [],
  span: [],
  strong: [],
  sub: [],
  sup: [],
  u: [],
  var: [],
};

/** A URL scheme that runs or embeds content: never a link target in published pages. */
const ACTIVE_SCHEME = /^(javascript|vbscript|data):/i;

/** A URL as a browser reads it: whitespace and control characters inside the scheme do not count. */
export function isActiveUrl(url: string): boolean {
  return ACTIVE_SCHEME.test(url.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ""));
}

/** js-xss's own URL check (it decodes entities and refuses `javascript:`); on the CommonJS export object, not in its types. */
const defaultSafeAttrValue = (xss as unknown as { safeAttrValue: (tag: string, name: string, value: string, cssFilter: ICSSFilter) => string }).safeAttrValue;

const filter = new FilterXSS({
  whiteList: INLINE_TAGS,
  allowCommentTag: false,
  safeAttrValue(tag, name, value, cssFilter) {
    const safe = defaultSafeAttrValue(tag, name, value, cssFilter);
    // js-xss lets `data:image/…` through for images; published pages take no inline data.
    return (name === "href" || name === "src") && isActiveUrl(safe) ? "" : safe;
  },
});

/** Raw HTML through the allow list. */
export function sanitizeHtml(html: string): string {
  return filter.process(html);
}

interface Node {
  type: string;
  url?: string;
  alt?: string | null;
  value?: string;
  children?: Node[];
  position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const CONTAINERS = new Set(["listItem", "blockquote", "footnoteDefinition"]);

/** Prose with no tag, no `<` and no active scheme needs no parse. */
const MAY_NEED_WORK = /<|script|data/i;

/** The operator's prose, made safe to publish (see above). Text that needs nothing is returned as is. */
export function sanitizeProse(text: string): string {
  if (!MAY_NEED_WORK.test(text)) return text;
  const edits: Edit[] = [];
  walk(parseWithRemark(text) as Node, text, false, edits);
  if (edits.length === 0) return text;
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

function walk(node: Node, source: string, inContainer: boolean, edits: Edit[]): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start !== undefined && end !== undefined) {
    const slice = source.slice(start, end);
    const edit = (replacement: string) => {
      if (replacement !== slice) edits.push({ start, end, text: replacement });
    };
    switch (node.type) {
      case "html":
        // The source slice, not the node's value: inside a quote its lines keep their `> `.
        return edit(sanitizeHtml(slice));
      case "link":
      case "image":
        if (node.url !== undefined && isActiveUrl(node.url)) return edit(inertText(escapeInline(node.type === "image" ? (node.alt ?? "") : nodeText(node))));
        break;
      case "definition":
        if (node.url !== undefined && isActiveUrl(node.url)) return edit("");
        return;
      case "text":
        return edit(inertText(slice));
      case "code":
        if (inContainer) edit(slice.replace(/</g, "&lt;"));
        return;
      case "inlineCode":
        return;
    }
  }
  const inside = inContainer || CONTAINERS.has(node.type);
  for (const child of node.children ?? []) walk(child, source, inside, edits);
}

/** Text that no Markdown parser reads as a tag or an active link: `<` (escaped or not) as `&lt;`, a scheme's colon as `&#58;`. */
function inertText(slice: string): string {
  return slice.replace(/\\?</g, "&lt;").replace(/(javascript|vbscript|data)(\s*):/gi, "$1$2&#58;");
}
