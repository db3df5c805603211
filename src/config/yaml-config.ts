import { isMap, isPair, isScalar, parseDocument, visit, type Document, type Node as YamlNode } from "yaml";
import type { z } from "zod";
import { didYouMean, FatalError, type Diagnostic } from "../diagnostics.js";
import { MAX_CONFIG_BYTES, readInside, readRegular, refusalText } from "../io/safe-read.js";
import { LineIndex } from "../markdown/lines.js";
import { mask } from "../sensitive/mask.js";

export interface LoadedConfig<T> {
  /** The validated value, or undefined when the file fails its schema. */
  value: T | undefined;
  /** The raw parsed data, even when it fails the schema (for best-effort use). */
  data: unknown;
  diagnostics: Diagnostic[];
  document: Document;
}

type Path = readonly PropertyKey[];

/**
 * Reads a config file through the safe reader, or fails with one line naming it. With `root` (a
 * site's site.yaml) it must stay inside that directory; without (federation.yaml, named by the
 * operator) it may be a link. Either way only a regular file within MAX_CONFIG_BYTES is read.
 */
export function readTextFile(file: string, options: { root?: string } = {}): string {
  const limit = { maxBytes: MAX_CONFIG_BYTES };
  const result = options.root !== undefined ? readInside(options.root, file, limit) : readRegular(file, limit);
  if (result.ok) return result.text;
  throw new FatalError(`${file}: ${refusalText(result, file)}`);
}

/** Broken YAML: fatal for the config files, a diagnostic for a source such as site-config.yml. */
export class YamlSyntaxError extends FatalError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: invalid YAML: ${reason}`);
    this.name = "YamlSyntaxError";
  }
}

/** A YAML text parsed: its document (for positions), its data, and the line index of the text. */
export interface ParsedYaml {
  document: Document;
  data: unknown;
  lines: LineIndex;
}

/** Parses YAML (unique keys); broken YAML throws YamlSyntaxError (file:line:col). */
export function parseYaml(file: string, text: string): ParsedYaml {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const lines = new LineIndex(text);
  if (document.errors.length > 0) {
    const err = document.errors[0]!;
    const at = lines.point(err.pos[0]);
    throw new YamlSyntaxError(file, at.line, at.column, err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""));
  }
  return { document, data: toData(document, file, lines), lines };
}

/** Validates parsed YAML with a zod schema: each problem a `federation/schema` diagnostic at the offending key. */
export function validateYaml<S extends z.ZodType>(file: string, parsed: ParsedYaml, schema: S): { value: z.infer<S> | undefined; diagnostics: Diagnostic[] } {
  const { document, data, lines } = parsed;
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    const base = issue.path;
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(schema, base);
      for (const key of issue.keys) {
        const at = lines.point(keyOffset(document, [...base, key]));
        const hint = didYouMean(key, known);
        diagnostics.push(schemaDiagnostic(file, at, `Unknown key "${formatPath([...base, key])}"${hint ? `; did you mean "${formatPath([...base, hint])}"?` : ""}`));
      }
      continue;
    }
    const at = lines.point(valueOffset(document, base));
    diagnostics.push(schemaDiagnostic(file, at, `${base.length ? `"${formatPath(base)}": ` : ""}${issue.message}`));
  }
  return { value: undefined, diagnostics };
}

/**
 * Parses YAML and validates it with a zod schema. Broken YAML is fatal (file:line:col);
 * schema problems become `federation/schema` diagnostics at the offending key.
 */
export function loadYamlConfig<S extends z.ZodType>(file: string, schema: S, text = readTextFile(file)): LoadedConfig<z.infer<S>> {
  const parsed = parseYaml(file, text);
  const { value, diagnostics } = validateYaml(file, parsed, schema);
  return { value, data: parsed.data, diagnostics, document: parsed.document };
}

/**
 * The document as plain data. Alias errors surface only here (an unresolved `*name`, or an alias
 * bomb past the yaml library's alias limit): fatal like broken YAML, at the alias when known.
 */
function toData(document: Document, file: string, lines: LineIndex): unknown {
  try {
    return document.toJS() ?? {};
  } catch (error) {
    let offset = 0;
    visit(document, {
      Alias(_, node) {
        if (node.resolve(document) !== undefined || !node.range) return undefined;
        offset = node.range[0];
        return visit.BREAK;
      },
    });
    const at = lines.point(offset);
    throw new YamlSyntaxError(file, at.line, at.column, mask((error as Error).message.split("\n")[0]!));
  }
}

/** A `federation/schema` error: a config file failing its schema, at the offending key. */
export function schemaDiagnostic(file: string, at: { line: number; column: number }, message: string): Diagnostic {
  return { file, line: at.line, column: at.column, ruleId: "federation/schema", severity: "error", message: mask(message) };
}

export function formatPath(path: Path): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out;
}

function nodeAt(document: Document, path: Path): YamlNode | undefined {
  let best: YamlNode | undefined = document.contents ?? undefined;
  for (let i = 1; i <= path.length; i++) {
    const node = document.getIn(path.slice(0, i) as unknown[], true) as YamlNode | undefined;
    if (!node || typeof node !== "object" || !("range" in node)) break;
    best = node;
  }
  return best;
}

function valueOffset(document: Document, path: Path): number {
  // A missing key points at its parent mapping; an existing one at its key.
  const parent = path.length ? nodeAt(document, path.slice(0, -1)) : undefined;
  const key = path[path.length - 1];
  if (parent && isMap(parent) && key !== undefined) {
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
  }
  return nodeAt(document, path)?.range?.[0] ?? 0;
}

function keyOffset(document: Document, path: Path): number {
  return valueOffset(document, path);
}

interface ZodInternals {
  _zod: { def: { type: string; shape?: Record<string, unknown>; innerType?: unknown; element?: unknown; in?: unknown; options?: unknown[] } };
}

/** The keys a zod object schema accepts at a path, for did-you-mean hints. */
export function knownKeys(schema: unknown, path: Path): string[] {
  let node = unwrap(schema);
  for (const part of path) {
    if (!node) return [];
    const def = (node as ZodInternals)._zod.def;
    if (def.type === "array" && typeof part === "number") node = unwrap(def.element);
    else if (def.type === "object" && typeof part === "string") node = unwrap(def.shape?.[part]);
    else if (def.type === "record") node = unwrap((def as { valueType?: unknown }).valueType);
    else return [];
  }
  const def = node ? (node as ZodInternals)._zod.def : undefined;
  return def?.type === "object" ? Object.keys(def.shape ?? {}) : [];
}

function unwrap(schema: unknown): unknown {
  let node = schema as ZodInternals | undefined;
  for (let guard = 0; node && guard < 20; guard++) {
    const def = node._zod.def;
    if (def.innerType) node = def.innerType as ZodInternals;
    else if (def.type === "pipe" && def.in) node = def.in as ZodInternals;
    else break;
  }
  return node;
}

/** Where each key of the mapping at `path` is written (1-based line and column). */
export function keyPositions(document: Document, path: Path, text: string): Record<string, { line: number; column: number }> {
  const node = document.getIn(path as unknown[], true);
  if (!node || !isMap(node)) return {};
  const lines = new LineIndex(text);
  const out: Record<string, { line: number; column: number }> = {};
  for (const pair of node.items) {
    if (isScalar(pair.key) && pair.key.range) {
      const at = lines.point(pair.key.range[0]);
      out[String(pair.key.value)] = { line: at.line, column: at.column };
    }
  }
  return out;
}
