import { Lines } from "./text.js";

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
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
    const at = lineColumn ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) } : new Lines(text).at(position ? Number(position[1]) : 0);
    const reason = message.replace(/ in JSON at position \d+.*$/, "").replace(/,? ?".*" is not valid JSON$/, "").replace(/\s*\(line \d+ column \d+\)$/, "");
    return { ok: false, ...at, message: `not valid JSON: ${reason.slice(0, 120)}` };
  }
  const offsets = topLevelOffsets(text);
  const lines = new Lines(text);
  let items: JsonItem[] = [];
  if (Array.isArray(value)) {
    items = value.map((v, i) => ({ key: null, value: v, at: lines.at(offsets[i]?.offset ?? 0) }));
  } else if (typeof value === "object" && value !== null) {
    const byKey = new Map(offsets.filter((o) => o.key !== null).map((o) => [o.key!, o.offset]));
    items = Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: v, at: lines.at(byKey.get(key) ?? 0) }));
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
