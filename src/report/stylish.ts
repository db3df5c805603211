import pc from "picocolors";
import type { Diagnostic } from "../diagnostics.js";
import { displayPath } from "./paths.js";
import type { Formatter } from "./types.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** eslint's default: diagnostics grouped per file, then a summary line. Empty when clean. */
export const stylish: Formatter = (diagnostics, { cwd, color }) => {
  if (diagnostics.length === 0) return "";
  const c = pc.createColors(color);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(c.underline(displayPath(file, cwd)));
    const rows = list.map((d) => [`${d.line}:${d.column}`, d.severity === "error" ? "error" : "warning", d.message, d.ruleId] as const);
    // Reduced, not spread: a file can have hundreds of thousands of diagnostics.
    const widest = (i: 0 | 1 | 2) => rows.reduce((w, r) => Math.max(w, r[i].length), 0);
    const posWidth = widest(0);
    const sevWidth = widest(1);
    const msgWidth = widest(2);
    for (const [pos, sev, message, ruleId] of rows) {
      const sevText = sev === "error" ? c.red(sev.padEnd(sevWidth)) : c.yellow(sev.padEnd(sevWidth));
      lines.push(`  ${c.dim(pos.padEnd(posWidth))}  ${sevText}  ${message.padEnd(msgWidth)}  ${c.dim(ruleId)}`);
    }
    lines.push("");
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const fixable = diagnostics.filter((d) => d.fix).length;
  const summary = `✖ ${plural(diagnostics.length, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
  lines.push(errors > 0 ? c.red(c.bold(summary)) : c.yellow(c.bold(summary)));
  if (fixable > 0) lines.push(c.dim(`  ${plural(fixable, "problem")} potentially fixable with the \`--fix\` option.`));
  return `${lines.join("\n")}\n`;
};
