import { isAbsentText } from "../../inventory/cells.js";
import type { SourceFile } from "../../inventory/site.js";
import type { Diagnostic } from "../../diagnostics.js";
import type { Rule, RuleContext } from "../types.js";
import { cellRange, offsetReporter } from "./at-offset.js";
import { findCredentials, isSecretHeader, isSecretReference } from "./credentials.js";
import { maskSecret } from "./mask.js";

const ADVICE = "keep it in ops/sensitive/ and write where it lives, not what it is";

/** Cells of password-like columns (`pw`, `password`, `token`, `API key`…) that hold a value. */
function secretCells(file: SourceFile): { start: number; end: number; header: string; secret: string }[] {
  const out = [];
  for (const { table, kind } of file.tables) {
    if (kind === "subnet") continue;
    const headers = table.header.cells.map((c) => c.text);
    const columns = headers.flatMap((h, i) => (isSecretHeader(h, headers) ? [i] : []));
    for (const row of columns.length ? table.rows : []) {
      for (const i of columns) {
        const cell = row.cells[i];
        // Not cellState: a password with a `?` is still a password, not a placeholder.
        if (!cell || isAbsentText(cell.text) || isSecretReference(cell.text)) continue;
        const [start, end] = cellRange(cell);
        out.push({ start, end, header: headers[i]!.trim(), secret: cell.raw });
      }
    }
  }
  return out;
}

/**
 * A password, token, API key or private key written into the docs: password-like columns,
 * `user-Secret` / `user/pass` / `user:pass@host` pairs, and known token formats (secretlint).
 * The secret is never printed, only its masked form.
 */
export const secret: Rule = {
  id: "sensitive/secret",
  severity: "error",
  summary: "A password, token, API key or private key appears in docs",
  scope: "site",
  check(ctx: RuleContext) {
    return ctx.site.files.flatMap((file) => {
      const at = offsetReporter(this, file);
      const out: Diagnostic[] = [];
      const taken: [number, number][] = [];
      const free = (start: number, end: number) => !taken.some(([s, e]) => start < e && end > s);
      const report = (start: number, end: number, message: string) => {
        if (!free(start, end)) return;
        taken.push([start, end]);
        out.push(at(start, end, message));
      };
      for (const cell of secretCells(file)) report(cell.start, cell.end, `Column "${cell.header}" holds a secret (${maskSecret(cell.secret)}); ${ADVICE}`);
      const credentials = findCredentials(file.text);
      // A known format names what leaked, so it goes first; but a password in a URL is shown as the password, not the URL.
      const userinfo = credentials.filter((c) => c.kind === "userinfo");
      for (const token of ctx.knownTokens?.get(file.abs) ?? []) {
        if (userinfo.some((c) => c.start >= token.start && c.end <= token.end)) continue;
        report(token.start, token.end, `${token.what} (${maskSecret(token.secret)}); revoke it, then ${ADVICE}`);
      }
      for (const found of credentials) report(found.start, found.end, `A ${found.what} (${maskSecret(found.secret)}); ${ADVICE}`);
      return out.sort((a, b) => a.line - b.line || a.column - b.column);
    });
  },
};
