import { readFileSync } from "node:fs";
import path from "node:path";
import type { Rule } from "../types.js";

/** The standard `.gitignore` block every site carries. */
export const STANDARD_GITIGNORE = ["ops/sensitive/", "ops/backup/logs/", "ops/backup/.backup-state", "docs/log/", "*.env", "*.env.*"] as const;

/** `/ops/sensitive` and `ops/sensitive/` ignore the same directory at the site root. */
function patternKey(line: string): string {
  return line.trim().replace(/^\//, "").replace(/\/$/, "");
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/**
 * `.gitignore` lacks a line of the standard block. The fix appends the missing lines (or writes
 * the file), so nothing the operator wrote moves.
 */
export const gitignore: Rule = {
  id: "sensitive/gitignore",
  severity: "error",
  summary: ".gitignore lacks a line of the standard block",
  scope: "site",
  fixable: true,
  check({ site }) {
    const file = path.join(site.root, ".gitignore");
    const raw = readText(file);
    const text = raw?.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw ?? "";
    const present = new Set(text.split(/\r?\n|\r/).map(patternKey));
    const missing = STANDARD_GITIGNORE.filter((line) => !present.has(patternKey(line)));
    if (missing.length === 0) return [];
    const endsWithNewline = text === "" || /[\r\n]$/.test(text);
    const eol = text.includes("\r\n") ? "\r\n" : "\n";
    const block = `${endsWithNewline ? "" : eol}${missing.join(eol)}${eol}`;
    const message =
      raw === null
        ? "No .gitignore: the standard block keeps ops/sensitive/, backup state, session logs and .env files out of git"
        : `.gitignore lacks ${missing.map((l) => `"${l}"`).join(", ")} of the standard block`;
    return [
      {
        file,
        line: 1,
        column: 1,
        ruleId: this.id,
        severity: this.severity,
        message,
        fix: { edits: [{ start: text.length, end: text.length, text: block }] },
      },
    ];
  },
};
