import path from "node:path";
import ignore from "ignore";
import { MAX_CONFIG_BYTES, readInside } from "../../io/safe-read.js";
import type { Rule } from "../types.js";

/** The standard `.gitignore` block every site carries. */
export const STANDARD_GITIGNORE = ["ops/sensitive/", "ops/backup/logs/", "ops/backup/.backup-state", "docs/log/", "*.env", "*.env.*"] as const;

/** A path each standard line must keep out of git, whatever else the file says (a later `!` line undoes a line). */
const PROBES: Record<(typeof STANDARD_GITIGNORE)[number], string> = {
  "ops/sensitive/": "ops/sensitive/hosts.yaml",
  "ops/backup/logs/": "ops/backup/logs/run.log",
  "ops/backup/.backup-state": "ops/backup/.backup-state",
  "docs/log/": "docs/log/session.md",
  "*.env": "ops/site.env",
  "*.env.*": "ops/site.env.local",
};

/** `/ops/sensitive` and `ops/sensitive/` ignore the same directory at the site root. */
function patternKey(line: string): string {
  return line.trim().replace(/^\//, "").replace(/\/$/, "");
}

/** The site's .gitignore through the safe reader: a link out of the site or a FIFO is no .gitignore. */
function readText(root: string, file: string): string | null {
  const result = readInside(root, file, { maxBytes: MAX_CONFIG_BYTES });
  return result.ok ? result.text : null;
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
    const raw = readText(site.root, file);
    const text = raw?.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw ?? "";
    const present = new Set(text.split(/\r?\n|\r/).map(patternKey));
    const rules = ignore().add(text);
    // A line that is there but undone by a later `!` line counts as missing: appended again, it wins.
    const missing = STANDARD_GITIGNORE.filter((line) => !present.has(patternKey(line)) || !rules.ignores(PROBES[line]));
    if (missing.length === 0) return [];
    const undone = missing.filter((line) => present.has(patternKey(line)));
    const endsWithNewline = text === "" || /[\r\n]$/.test(text);
    const eol = text.includes("\r\n") ? "\r\n" : "\n";
    const block = `${endsWithNewline ? "" : eol}${missing.join(eol)}${eol}`;
    const message =
      raw === null
        ? "No .gitignore: the standard block keeps ops/sensitive/, backup state, session logs and .env files out of git"
        : `.gitignore lacks ${missing.map((l) => `"${l}"`).join(", ")} of the standard block${undone.length ? ` (${undone.map((l) => `"${l}"`).join(", ")} undone by a later "!" line)` : ""}`;
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
