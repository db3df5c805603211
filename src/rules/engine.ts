import { compareDiagnostics, type Diagnostic, type SeveritySetting } from "../diagnostics.js";
import { disabledChecker } from "./control.js";
import { RULES } from "./index.js";
import type { Rule, RuleContext } from "./types.js";

/**
 * Runs the rules for one site: severity overrides from federation.yaml then site.yaml
 * (the site wins), then inline `netstack-disable` comments. Sorted by file, line, column.
 */
export function runRules(ctx: RuleContext, rules: readonly Rule[] = RULES): Diagnostic[] {
  const overrides: Record<string, SeveritySetting> = { ...ctx.federation?.rules, ...ctx.site.config.rules };
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (rule.scope === "federation" && ctx.mode === "lint") continue;
    const setting = overrides[rule.id];
    if (setting === "off") continue;
    for (const diagnostic of rule.check(ctx)) out.push(setting ? { ...diagnostic, severity: setting } : diagnostic);
  }
  out.push(...ctx.site.configDiagnostics);
  const checkers = new Map(ctx.site.files.map((file) => [file.abs, disabledChecker(file.doc.comments)]));
  return out.filter((d) => !checkers.get(d.file)?.(d.ruleId, d.line)).sort(compareDiagnostics);
}
