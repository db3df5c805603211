import path from "node:path";
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLSeq } from "yaml";
import { readTextFile } from "../config/yaml-config.js";
import { FatalError } from "../diagnostics.js";
import { LineIndex } from "../markdown/lines.js";
import { yamlScalar } from "./templates.js";

export interface FederationSiteEntry {
  code: string;
  name: string;
  role?: string;
  /** The site directory, relative to federation.yaml (or `repo`). */
  path?: string;
  /** The site's git URL, and the branch or tag to check out. */
  repo?: string;
  ref?: string;
}

const ENTRY_KEYS = ["code", "name", "role", "path", "repo", "ref"] as const;
const entryPairs = (e: FederationSiteEntry) => ENTRY_KEYS.flatMap((key) => (e[key] === undefined ? [] : [[key, e[key]!] as const]));

export interface FederationEdit {
  file: string;
  before: string;
  after: string;
  /** Codes of the sites already listed (the new site's peers). */
  existingCodes: string[];
}

/** `path` of a site entry: the site directory relative to the federation file, with `/`. */
export function sitePathFrom(federationFile: string, siteDir: string): string {
  const rel = path.relative(path.dirname(path.resolve(federationFile)), path.resolve(siteDir));
  return rel.split(path.sep).join("/") || ".";
}

function parse(file: string, text: string): Document {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    const at = new LineIndex(text).point(error.pos[0]);
    throw new FatalError(`${file}:${at.line}:${at.column}: invalid YAML: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`);
  }
  return document;
}

function siteCodes(sites: unknown): string[] {
  if (!Array.isArray(sites)) return [];
  return sites.flatMap((s) => (s && typeof s === "object" && typeof (s as { code?: unknown }).code === "string" ? [(s as { code: string }).code] : []));
}

const flowEntry = (e: FederationSiteEntry) => `{ ${entryPairs(e).map(([key, value]) => `${key}: ${yamlScalar(value)}`).join(", ")} }`;

function blockEntry(e: FederationSiteEntry, indent: string, eol: string): string {
  return entryPairs(e).map(([key, value], i) => `${i === 0 ? `${indent}- ` : `${indent}  `}${key}: ${yamlScalar(value)}${eol}`).join("");
}

/**
 * Inserts the entry into the text of the `sites` sequence, in the style of its last item, so
 * every other byte of the file (comments, alignment, blank lines) stays as it was.
 */
function spliceEntry(text: string, sites: YAMLSeq, entry: FederationSiteEntry): string | null {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const last = sites.items[sites.items.length - 1] as { range?: [number, number, number]; flow?: boolean } | undefined;
  if (sites.flow && sites.items.length === 0 && sites.range) {
    // `sites: []` (what netstack init writes) becomes a block list, one key per line.
    const open = text.lastIndexOf("[", sites.range[0]);
    const close = text.indexOf("]", open);
    if (open < 0 || close < 0 || !/^\s*$/.test(text.slice(open + 1, close))) return null;
    return `${text.slice(0, open).replace(/[ \t]+$/, "")}${eol}${blockEntry(entry, "  ", eol).replace(new RegExp(`${eol}$`), "")}${text.slice(close + 1)}`;
  }
  if (sites.flow) {
    if (!sites.range) return null;
    if (!last?.range) {
      const close = text.lastIndexOf("]", sites.range[1]);
      return close < 0 ? null : `${text.slice(0, close)}${flowEntry(entry)}${text.slice(close)}`;
    }
    const at = last.range[1];
    return `${text.slice(0, at)}, ${flowEntry(entry)}${text.slice(at)}`;
  }
  if (!last?.range || !sites.range) return null;
  const lines = new LineIndex(text);
  const indent = text.slice(lines.lineStart(lines.point(sites.range[0]).line), sites.range[0]);
  if (!/^ *$/.test(indent)) return null;
  const newline = text.indexOf("\n", last.range[1] - 1);
  const at = newline < 0 ? text.length : newline + 1;
  const lead = newline < 0 ? eol : "";
  const item = isMap(last) && last.flow ? `${indent}- ${flowEntry(entry)}${eol}` : blockEntry(entry, indent, eol);
  return `${text.slice(0, at)}${lead}${item}${text.slice(at)}`;
}

/** Reads federation.yaml and refuses a code it already lists. */
export function readFederationFor(file: string, code: string, initialText?: string): { text: string; document: Document; existingCodes: string[] } {
  const text = initialText ?? readTextFile(file);
  const document = parse(file, text);
  if (!isMap(document.contents)) throw new FatalError(`${file}: expected a mapping with a "sites" list`);
  const existingCodes = siteCodes(document.toJS()?.sites);
  if (existingCodes.includes(code)) throw new FatalError(`${file}: a site with code "${code}" is already listed`);
  return { text, document, existingCodes };
}

/**
 * Plans adding a site to federation.yaml: refuses a duplicate code, and keeps the file's
 * comments and layout. Returns the new text; nothing is written here. `initialText` stands for
 * a file that does not exist yet.
 */
export function planFederationEntry(file: string, entry: FederationSiteEntry, initialText?: string): FederationEdit {
  const { text: before, document, existingCodes } = readFederationFor(file, entry.code, initialText);

  const sites = document.get("sites", true);
  let after: string | null = null;
  if (isSeq(sites)) after = spliceEntry(before, sites, entry);
  else if (sites !== undefined && !(isScalar(sites) && sites.value === null)) throw new FatalError(`${file}: "sites" must be a list`);
  if (after === null) {
    // No list to splice into (missing or empty `sites:`): let the yaml Document API write it.
    document.set("sites", document.createNode([{ ...entry }]));
    after = document.toString();
  }

  const check = parse(file, after).toJS()?.sites as unknown[];
  const added = Array.isArray(check) ? (check[check.length - 1] as Record<string, unknown>) : undefined;
  if (!added || entryPairs(entry).some(([key, value]) => added[key] !== value) || Object.keys(added).length !== entryPairs(entry).length) {
    throw new FatalError(`${file}: could not add site "${entry.code}" without rewriting the file; add it by hand`);
  }
  return { file, before, after, existingCodes };
}
