import type { Diagnostic } from "../../diagnostics.js";
import type { SourceFile } from "../../inventory/site.js";
import type { TextFile } from "../../inventory/text-files.js";
import { findSecrets, tableMayHoldSecrets, tableSecrets, type SecretFinding } from "../../sensitive/detector.js";
import { maskSecret } from "../../sensitive/mask.js";
import type { Rule, RuleContext } from "../types.js";
import { cellRange, offsetReporter } from "./at-offset.js";
import { reportedFiles } from "../report.js";

const ADVICE = "keep it in ops/sensitive/ and write where it lives, not what it is";

/** Secrets a table's structure shows: password columns, login cells, key/value rows; reported at the cell. */
function tableFindings(file: SourceFile): SecretFinding[] {
  const out: SecretFinding[] = [];
  for (const { table } of file.tables) {
    const headers = table.header.cells.map((c) => c.text);
    // Most tables have no secret column and no key/value rows: their cells are not copied.
    if (!tableMayHoldSecrets(headers)) continue;
    const rows = table.rows.map((r) => r.cells.map((c) => c.text));
    for (const f of tableSecrets(headers, rows)) {
      const cell = table.rows[f.row]!.cells[f.column]!;
      const [start, end] = cellRange(cell);
      // A whole cell is shown as written (its markup is part of the secret), a part of one as found.
      out.push({ ...f, start, end, secret: f.secret === cell.text.trim() ? cell.raw : f.secret });
    }
  }
  return out;
}

function message(f: SecretFinding, knownFormat: boolean): string {
  const what = f.what.startsWith("Column ") || f.what.startsWith("Row ") || f.what.startsWith("Known ") ? f.what : `A ${f.what}`;
  return `${what} (${maskSecret(f.secret)}); ${knownFormat ? "revoke it, then " : ""}${ADVICE}`;
}

/**
 * A password, token, API key or private key written into a site's files: by the one detector
 * (src/sensitive/detector.ts) over tables, prose, code blocks and link targets of the Markdown,
 * and over every other text file (scripts, YAML, .env, .conf, JSON); plus the known token formats
 * of secretlint's recommended preset when `netstack lint` ran it. Never prints the secret itself.
 */
export const secret: Rule = {
  id: "sensitive/secret",
  severity: "error",
  summary: "A password, token, API key or private key appears in docs",
  scope: "site",
  check(ctx: RuleContext) {
    const scan = (file: SourceFile | TextFile, fromTables: SecretFinding[], kind: TextFile["kind"]): Diagnostic[] => {
      const at = offsetReporter(this, file);
      const out: Diagnostic[] = [];
      const taken: [number, number][] = [];
      const report = (start: number, end: number, text: string) => {
        if (taken.some(([s, e]) => start < e && end > s)) return;
        taken.push([start, end]);
        out.push(at(start, end, text));
      };
      for (const f of fromTables) report(f.start, f.end, message(f, false));
      const found = findSecrets(file.text, { code: kind !== "markdown", config: kind === "config" });
      // A known format names what leaked, so it goes first; but a password in a URL is shown as the password, not the URL.
      const userinfo = found.filter((f) => f.what.includes("user:password@host"));
      for (const token of ctx.knownTokens?.get(file.abs) ?? []) {
        if (userinfo.some((c) => c.start >= token.start && c.end <= token.end)) continue;
        report(token.start, token.end, message({ ...token, score: 2 }, true));
      }
      for (const f of found) report(f.start, f.end, message(f, f.what.startsWith("Known ")));
      return out.sort((a, b) => a.line - b.line || a.column - b.column);
    };
    const notes = (ctx.site.skippedFiles ?? []).map(
      (s): Diagnostic => ({ file: s.abs, line: 1, column: 1, ruleId: this.id, severity: "warn", message: `Not scanned for secrets: ${s.reason}` }),
    );
    return [
      ...reportedFiles(ctx).flatMap((file) => scan(file, tableFindings(file), "markdown")),
      ...(ctx.site.textFiles ?? []).flatMap((file) => scan(file, [], file.kind)),
      ...notes,
    ];
  },
};
