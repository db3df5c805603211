import path from "node:path";
import { readInside } from "../io/safe-read.js";
import { matcherOf, walkSite, type SiteEntry } from "./site-walk.js";

/**
 * The site's other text files, read for secrets only: scripts, PowerShell, YAML, JSON, `.env`,
 * `.conf` and the like, dot-folders included (`.github/workflows/`, `.env`). Markdown files are
 * parsed by `loadSite`; Markdown under a dot-folder is read here, as text.
 */
export interface TextFile {
  abs: string;
  /** Path relative to the site root, with forward slashes. */
  rel: string;
  text: string;
  /** Markdown (prose with code blocks), a script, or a configuration file (`key: value` to the end of the line). */
  kind: "markdown" | "script" | "config";
}

const CONFIG = /\.(?:ya?ml|json5?|jsonc|env|conf|cfg|cnf|ini|toml|properties|tfvars|hcl|service|timer|network|netdev|ovpn)$|(?:^|\/)\.env(?:\..+)?$|\.env$/i;

/** How a text file is read by the secret detector. */
export function textFileKind(rel: string): TextFile["kind"] {
  if (/\.(?:md|markdown)$/i.test(rel)) return "markdown";
  return CONFIG.test(rel) ? "config" : "script";
}

/** A file that was not scanned, and why (binary, refused by the safe reader). */
export interface SkippedFile {
  abs: string;
  reason: string;
}

/** Extensions of the text files a site holds besides Markdown. */
const TEXT_EXTENSIONS = [
  "md",
  "markdown",
  "txt",
  "text",
  "sh",
  "bash",
  "zsh",
  "ksh",
  "fish",
  "ps1",
  "psm1",
  "psd1",
  "bat",
  "cmd",
  "yml",
  "yaml",
  "json",
  "jsonc",
  "json5",
  "env",
  "conf",
  "cfg",
  "cnf",
  "ini",
  "toml",
  "properties",
  "service",
  "timer",
  "network",
  "netdev",
  "nix",
  "tf",
  "tfvars",
  "hcl",
  "xml",
  "csv",
  "tsv",
  "rsc",
  "py",
  "rb",
  "pl",
  "js",
  "mjs",
  "cjs",
  "ts",
  "php",
  "lua",
  "sql",
  "ovpn",
  "rules",
];
/** Files known by name: `.env`, `.env.local`, `Dockerfile`, `.netrc`, `.pgpass`. */
const TEXT_NAMES = /^(?:\.env(?:\..+)?|[\w.-]+\.env|Dockerfile|Containerfile|Makefile|Vagrantfile|Caddyfile|\.netrc|\.pgpass|\.my\.cnf|\.htpasswd|authorized_keys|crontab|hosts|interfaces|wpa_supplicant\.conf|\.backup-state)$/;

const EXTENSION = new RegExp(`\\.(?:${TEXT_EXTENSIONS.join("|")})$`, "i");

export function isTextFileName(rel: string): boolean {
  const base = path.posix.basename(rel);
  return EXTENSION.test(base) || TEXT_NAMES.test(base);
}

/**
 * Where netstack's own private or generated files live: secrets belong in ops/sensitive/, logs
 * and backup state are gitignored, `site/` and the caches are built output.
 */
const notScanned = matcherOf(["**/.git/**", "**/node_modules/**", "ops/sensitive/**", "docs/log/**", "ops/backup/logs/**", "**/.backup-state", "site/**", ".netstack-cache/**", "**/.netstack-cache/**"]);

/** Largest text file scanned for secrets; larger ones are data, not notes (and the safe reader's limit stays the ceiling). */
const MAX_TEXT_BYTES = 4 * 1024 * 1024;

/** A file whose first 8 KB hold a NUL byte is binary (as git and grep judge it). */
function isBinary(text: string): boolean {
  return text.slice(0, 8192).includes("\0");
}

function read(root: string, abs: string, skipped: SkippedFile[]): string | null {
  const result = readInside(root, abs, { maxBytes: MAX_TEXT_BYTES });
  if (!result.ok) {
    if (result.problem !== "missing") skipped.push({ abs, reason: result.message });
    return null;
  }
  if (isBinary(result.text)) {
    skipped.push({ abs, reason: "a binary file; not scanned for secrets" });
    return null;
  }
  return result.text;
}

export interface TextFilesOptions {
  /** Every text file of the site (whole-site lint, check, build). */
  whole?: boolean;
  /** Files named on the command line, absolute: always scanned, whatever their type. */
  named?: readonly string[];
  /** Markdown files `loadSite` already parsed, absolute: not read again. */
  parsed?: ReadonlySet<string>;
  /** The site's tree, when the caller has walked it already (walkSite). */
  entries?: SiteEntry[];
}

/** Reads the text files of a site that are scanned for secrets besides the parsed Markdown. */
export function siteTextFiles(root: string, options: TextFilesOptions): { files: TextFile[]; skipped: SkippedFile[] } {
  const wanted = new Set<string>();
  if (options.whole) {
    for (const entry of options.entries ?? walkSite(root)) {
      if (entry.isFile && isTextFileName(entry.rel) && !notScanned(entry.rel)) wanted.add(path.join(root, entry.rel));
    }
  }
  for (const f of options.named ?? []) wanted.add(path.resolve(f));
  const files: TextFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const abs of [...wanted].sort()) {
    if (options.parsed?.has(abs)) continue;
    const text = read(root, abs, skipped);
    if (text === null) continue;
    const rel = path.relative(root, abs).split(path.sep).join("/");
    files.push({ abs, rel, text, kind: textFileKind(rel) });
  }
  return { files, skipped };
}
