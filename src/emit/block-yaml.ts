import { stringify as stringifyYaml } from "yaml";

/**
 * A JSON-like value as block YAML, byte-identical to the `yaml` library's
 * `stringify(value, { lineWidth: 0, aliasDuplicateObjects: false })` — without its document
 * model, which costs seconds and gigabytes on a large inventory. Each scalar is written by the
 * library itself (cached per distinct value) unless it is plain beyond doubt; a value the
 * library would write over several lines (block scalars) falls back to the library whole.
 */
const OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/** Thrown when the fast path cannot be sure of the library's bytes. */
class NeedsLibrary extends Error {}

/**
 * Numbers of the YAML 1.2 core schema start with a digit, a sign or a dot, and its words are
 * these; the indicators that quote a scalar when it starts with one are ASCII punctuation.
 */
const CORE_WORDS = /^(?:true|false|null)$/i;
/**
 * A text the library writes plain: it starts with a letter, `_` or a printable non-ASCII
 * character (so never an indicator or a number) and holds only printable characters (no
 * control, tab, line break, line or paragraph separator, byte order mark or lone surrogate,
 * which it quotes); then only `: `, ` #` and a space or colon at the end would make it quote
 * (`*not* managed`, `docs: https://x` and `a:` are the library's). Notes such as
 * `spare, rack 2 (old) — see [x](y)` and redacted values (`‹redacted›`) are plain.
 */
const PLAIN_TEXT = /^[A-Za-z_\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd][ -~\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;
const QUOTED_INSIDE = /: | #|[ :]$/;
/** Dotted numbers (IPs, versions with two dots) are no YAML number. */
const DOTTED = /^\d+(?:\.\d+){2,}$/;
/** Implicit keys longer than 1024 characters are written as explicit `? ` keys. */
const MAX_PLAIN = 1000;

/** A MAC address: no number, word or indicator of the core schema looks like one. */
const MAC = /^[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4})$/;

function plainBeyondDoubt(text: string): boolean {
  if (text.length > MAX_PLAIN) return false;
  // Texts first: most of an inventory's values are.
  if (PLAIN_TEXT.test(text)) return !QUOTED_INSIDE.test(text) && !CORE_WORDS.test(text);
  return DOTTED.test(text) || MAC.test(text);
}

/**
 * The library's text for a key or scalar, by writing it alone in the same place: a key at the
 * top (where `...` would end the document) or nested, a value after `key: ` or after `- `.
 */
type Place = "top key" | "key" | "value" | "item";
const PROBES: Record<Place, { wrap: (value: unknown) => unknown; before: string; after: string }> = {
  "top key": { wrap: (k) => ({ [k as string]: null }), before: "", after: ": null\n" },
  key: { wrap: (k) => ({ a: { [k as string]: null } }), before: "a:\n  ", after: ": null\n" },
  value: { wrap: (v) => ({ a: v }), before: "a: ", after: "\n" },
  item: { wrap: (v) => [v], before: "- ", after: "\n" },
};

type Caches = Record<Place, Map<unknown, string>> & { keyText: Map<string, string> };

function probe(value: unknown, place: Place, caches: Caches): string {
  const cache = caches[place];
  let out = cache.get(value);
  if (out === undefined) {
    const { wrap, before, after } = PROBES[place];
    const text = stringifyYaml(wrap(value), OPTIONS);
    if (!text.startsWith(before) || !text.endsWith(after)) throw new NeedsLibrary();
    out = text.slice(before.length, text.length - after.length);
    // Several lines (block scalars, explicit `? ` keys) depend on the indentation: the library's.
    if (out.includes("\n") || out.startsWith("? ")) throw new NeedsLibrary();
    cache.set(value, out);
  }
  return out;
}

function keyText(key: string, top: boolean, caches: Caches): string {
  // A large inventory has a million keys but a few dozen distinct ones.
  const known = top ? undefined : caches.keyText.get(key);
  if (known !== undefined) return known;
  const text = plainBeyondDoubt(key) ? key : probe(key, top ? "top key" : "key", caches);
  if (!top) caches.keyText.set(key, text);
  return text;
}

function scalarText(value: unknown, place: "value" | "item", caches: Caches): string {
  if (value === null) return "null";
  if (typeof value === "string" && plainBeyondDoubt(value)) return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value !== "string" && typeof value !== "number") throw new NeedsLibrary();
  return probe(value, place, caches);
}

type Collection = Record<string, unknown> | unknown[];

function isCollection(value: unknown): value is Collection {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new NeedsLibrary();
  return true;
}

/**
 * Lines, joined a few hundred at a time: millions of small line strings held to the end would
 * cost more than the text itself, and pieces this small die young (a piece over 128 KB goes to
 * V8's large-object space and stays until a full collection).
 */
class Lines {
  private batch: string[] = [];
  readonly chunks: string[] = [];
  push(line: string): void {
    this.batch.push(line);
    if (this.batch.length === 256) this.flush();
  }
  flush(): void {
    if (this.batch.length) this.chunks.push(`${this.batch.join("\n")}\n`);
    this.batch = [];
  }
  text(): string {
    this.flush();
    return this.chunks.join("");
  }
}

/**
 * Writes a non-empty collection's lines at `indent`, the first one starting with `lead`
 * instead: a collection in a list starts on the line of its `- `.
 */
function writeCollection(value: Collection, indent: string, lead: string, out: Lines, caches: Caches): void {
  let prefix = lead;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item === undefined || typeof item === "function") throw new NeedsLibrary();
      if (isCollection(item) && !isEmpty(item)) writeCollection(item, `${indent}  `, `${prefix}- `, out, caches);
      else out.push(`${prefix}- ${inlineText(item, "item", caches)}`);
      prefix = indent;
    }
    return;
  }
  const map = value as Record<string, unknown>;
  for (const key of Object.keys(map)) {
    const item = map[key];
    if (item === undefined) continue;
    const k = keyText(key, indent === "", caches);
    if (isCollection(item) && !isEmpty(item)) {
      out.push(`${prefix}${k}:`);
      writeCollection(item, `${indent}  `, `${indent}  `, out, caches);
    } else out.push(`${prefix}${k}: ${inlineText(item, "value", caches)}`);
    prefix = indent;
  }
}

function isEmpty(value: Collection): boolean {
  if (Array.isArray(value)) return value.length === 0;
  // Keys whose value is undefined are left out, as JSON and the library do.
  for (const key of Object.keys(value)) if (value[key] !== undefined) return false;
  return true;
}

function inlineText(value: unknown, place: "value" | "item", caches: Caches): string {
  if (isCollection(value)) return Array.isArray(value) ? "[]" : "{}";
  return scalarText(value, place, caches);
}

function newCaches(): Caches {
  return { "top key": new Map(), key: new Map(), value: new Map(), item: new Map(), keyText: new Map() };
}

/**
 * One item of a top-level key's list, as the whole document would show it (`  - …` lines), in
 * pieces of a few hundred lines: lets a long list be written item by item. The library's text
 * when the fast path cannot be sure.
 */
export function blockYamlItemChunks(value: unknown): string[] {
  try {
    if (!isCollection(value) || isEmpty(value)) throw new NeedsLibrary();
    const out = new Lines();
    writeCollection([value], "  ", "  ", out, newCaches());
    out.flush();
    return out.chunks;
  } catch (error) {
    if (!(error instanceof NeedsLibrary)) throw error;
    // `a:` on its own line, then the item exactly as it sits in a document.
    return [stringifyYaml({ a: [value] }, OPTIONS).slice("a:\n".length)];
  }
}

export function blockYamlItem(value: unknown): string {
  return blockYamlItemChunks(value).join("");
}

export function blockYaml(value: unknown): string {
  try {
    // A bare scalar or an empty document is the library's (and never an inventory).
    if (!isCollection(value) || isEmpty(value)) throw new NeedsLibrary();
    const out = new Lines();
    writeCollection(value, "", "", out, newCaches());
    return out.text();
  } catch (error) {
    if (!(error instanceof NeedsLibrary)) throw error;
    return stringifyYaml(value, OPTIONS);
  }
}
