import { LineIndex } from "../markdown/lines.js";

/** A top-level item of a JSON array (or an entry of a JSON object), with where it starts. */
export interface JsonItem {
  /** The object key for an entry of a top-level object; null in an array. */
  key: string | null;
  value: unknown;
  at: { line: number; column: number };
}

export type JsonParse = { ok: true; value: unknown; items: JsonItem[] } | { ok: false; line: number; column: number; message: string };

/**
 * JSON.parse, plus where each top-level item starts (tools print one entry per line or all on
 * one: either way a problem is named at its entry). A syntax error is reported at its position.
 */
export function parseJson(text: string): JsonParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // V8's message quotes the input and, in some versions, gives no position: find it ourselves.
    const error = jsonSyntaxError(text);
    return { ok: false, ...lineColumn(new LineIndex(text), error.offset), message: `not valid JSON: ${error.reason}` };
  }
  const offsets = topLevelOffsets(text);
  const lines = new LineIndex(text);
  let items: JsonItem[] = [];
  if (Array.isArray(value)) {
    items = value.map((v, i) => ({ key: null, value: v, at: lineColumn(lines, offsets[i]?.offset ?? 0) }));
  } else if (typeof value === "object" && value !== null) {
    const byKey = new Map(offsets.filter((o) => o.key !== null).map((o) => [o.key!, o.offset]));
    items = Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: v, at: lineColumn(lines, byKey.get(key) ?? 0) }));
  }
  return { ok: true, value, items };
}

/**
 * Offsets of the items of a top-level array, or of the keys of a top-level object, in one pass
 * (the text is already known to be valid JSON).
 */
function topLevelOffsets(text: string): { key: string | null; offset: number }[] {
  const out: { key: string | null; offset: number }[] = [];
  let depth = 0;
  let topIsObject = false;
  let expectItem = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
      if (depth === 1 && expectItem) {
        let key: string | null = null;
        if (topIsObject) {
          try {
            key = JSON.parse(text.slice(start, i + 1)) as string;
          } catch {
            key = null;
          }
        }
        out.push({ key, offset: start });
        expectItem = false;
      }
      continue;
    }
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (depth === 0) {
        topIsObject = c === 0x7b;
        expectItem = true;
      } else if (depth === 1 && expectItem) {
        out.push({ key: null, offset: i });
        expectItem = false;
      }
      depth++;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    } else if (c === 0x2c /* , */) {
      if (depth === 1) expectItem = true;
    } else if (depth === 1 && expectItem && !topIsObject && c > 0x20) {
      out.push({ key: null, offset: i });
      expectItem = false;
    }
  }
  return out;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Where JSON text first goes wrong, and why (run only after JSON.parse failed). One pass with an
 * explicit stack, so deep nesting cannot overflow the call stack.
 */
export function jsonSyntaxError(text: string): { offset: number; reason: string } {
  const stack: ("[" | "{")[] = [];
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const unexpected = (): { offset: number; reason: string } =>
    i >= text.length ? { offset: text.length, reason: "unexpected end of input" } : { offset: i, reason: `unexpected ${JSON.stringify(text[i])}` };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else return false;
      }
    }
    return false;
  };
  const scalar = (): boolean => {
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  // A value, then what may follow it inside the containers on the stack.
  for (;;) {
    skip();
    const c = text[i];
    if (c === "[" || c === "{") {
      stack.push(c);
      i++;
      skip();
      if (text[i] === (c === "[" ? "]" : "}")) {
        stack.pop();
        i++;
      } else if (c === "{") {
        if (!string()) return unexpected();
        skip();
        if (text[i] !== ":") return unexpected();
        i++;
        continue;
      } else continue;
    } else if (c === '"') {
      if (!string()) return { offset: Math.min(i, text.length), reason: "a broken string" };
    } else if (!scalar()) return unexpected();
    // After a value: close containers, or a comma and the next value.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < text.length ? unexpected() : { offset: i, reason: "unexpected end of input" };
      if (text[i] === (top === "[" ? "]" : "}")) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ",") return unexpected();
      i++;
      if (top === "{") {
        skip();
        if (!string()) return unexpected();
        skip();
        if (text[i] !== ":") return unexpected();
        i++;
      }
      break;
    }
  }
}

function lineColumn(lines: LineIndex, offset: number): { line: number; column: number } {
  const { line, column } = lines.point(offset);
  return { line, column };
}
