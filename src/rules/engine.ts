import { compareDiagnostics, didYouMean, type Diagnostic, type SeveritySetting } from "../diagnostics.js";
import type { SiteModel } from "../inventory/site.js";
import { schemaDiagnostic } from "../config/yaml-config.js";
import { disabledChecker } from "./control.js";
import { ENGINE_RULE_IDS, RULES } from "./index.js";
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
    if ((rule.scope === "drift") !== (ctx.mode === "drift")) continue;
    const setting = overrides[rule.id];
    if (setting === "off") continue;
    for (const diagnostic of rule.check(ctx)) out.push(setting ? { ...diagnostic, severity: setting } : diagnostic);
  }
  out.push(...ctx.site.configDiagnostics, ...unknownRuleSettings(ctx.site));
  const checkers = new Map(ctx.site.files.map((file) => [file.abs, disabledChecker(file.doc.comments)]));
  return out.filter((d) => !checkers.get(d.file)?.(d.ruleId, d.line)).sort(compareDiagnostics);
}

const KNOWN_RULE_IDS: readonly string[] = [...RULES.map((r) => r.id), ...ENGINE_RULE_IDS];

function unknownRuleSettings(site: SiteModel): Diagnostic[] {
  if (!site.configFile || !site.config.rules) return [];
  return unknownRuleIds(site.configFile, site.config.rules, site.ruleSettingPositions);
}

/**
 * A `rules:` key in site.yaml or federation.yaml that names no rule would silently do nothing,
 * as eslint also refuses: a `federation/schema` error at the key, with a did-you-mean.
 */
export function unknownRuleIds(file: string, rules: Record<string, unknown>, positions: Record<string, { line: number; column: number }>): Diagnostic[] {
  return Object.keys(rules)
    .filter((id) => !KNOWN_RULE_IDS.includes(id))
    .map((id) => {
      const at = positions[id] ?? { line: 1, column: 1 };
      const hint = didYouMean(id, KNOWN_RULE_IDS);
      return schemaDiagnostic(file, at, `Unknown rule "rules.${id}"${hint ? `; did you mean "${hint}"?` : ""}`);
    });
}
