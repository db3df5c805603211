// Used by scripts/bundle.js; a module of its own so that its test can import it.
import ts from "typescript";

/**
 * esbuild writes ASCII-only output except inside regular expression literals (the secret
 * vocabulary: пароль, 密码, schlüssel, dashes, bullets). One such character makes V8 hold the whole
 * bundle as a two-byte string, twice the memory and slower to load (~8 ms of a commit hook's
 * lint): each is written as its \u escape, which a regular expression reads as the same UTF-16
 * code unit, with or without the u flag (where an escaped surrogate pair is one code point).
 * Only regular expression literals found by TypeScript's parser are touched: a tagged template's
 * raw text would change.
 */
export function asciiRegExps(source) {
  if (!/[^\x00-\x7f]/.test(source)) return source;
  const file = ts.createSourceFile("bundle.js", source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const ranges = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) ranges.push([node.getStart(file), node.end]);
    else ts.forEachChild(node, visit);
  };
  visit(file);
  let out = "";
  let last = 0;
  for (const [start, end] of ranges) {
    const text = source.slice(start, end);
    if (!/[^\x00-\x7f]/.test(text)) continue;
    out += source.slice(last, start) + text.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
    last = end;
  }
  return out + source.slice(last);
}
