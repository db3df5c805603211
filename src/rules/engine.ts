import { compareDiagnostics, didYouMean, type Diagnostic, type SeveritySetting } from "../diagnostics.js";
import type { SiteModel } from "../inventory/site.js";
import { schemaDiagnostic } from "../config/yaml-config.js";
import { mask } from "../sensitive/mask.js";
import { disabledChecker } from "./control.js";
import { ENGINE_RULE_IDS, RULES } from "./index.js";
import { timed } from "./timing.js";
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
    // Every message passes through the one mask(): a rule that quotes a value cannot print a secret.
    for (const diagnostic of timed(rule.id, () => rule.check(ctx))) {
      const message = mask(diagnostic.message);
      out.push(setting || message !== diagnostic.message ? { ...diagnostic, message, ...(setting ? { severity: setting } : {}) } : diagnostic);
    }
  }
  for (const d of ctx.site.configDiagnostics) out.push(d);
  for (const d of unknownRuleSettings(ctx.site)) out.push(d);
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
  const unknown = Object.keys(rules).filter((id) => !KNOWN_IDS.has(id));
  const out = unknown.slice(0, MAX_UNKNOWN_REPORTED).map((id) => {
    const at = positions[id] ?? { line: 1, column: 1 };
    // An edit distance costs the product of the lengths: no hint for an id no rule could be a typo of.
    const hint = id.length <= 64 ? didYouMean(id, KNOWN_RULE_IDS) : undefined;
    return schemaDiagnostic(file, at, `Unknown rule "rules.${shortId(id)}"${hint ? `; did you mean "${hint}"?` : ""}`);
  });
  const rest = unknown.length - out.length;
  if (rest > 0) {
    const at = positions[unknown[MAX_UNKNOWN_REPORTED]!] ?? { line: 1, column: 1 };
    out.push(schemaDiagnostic(file, at, `…and ${rest} more unknown rule ids under "rules" (only the first ${MAX_UNKNOWN_REPORTED} are listed)`));
  }
  return out;
}

/** A `rules:` list is short: past this many unknown ids, the rest are counted in one diagnostic. */
const MAX_UNKNOWN_REPORTED = 20;
const KNOWN_IDS = new Set(KNOWN_RULE_IDS);

function shortId(id: string): string {
  return id.length > 80 ? `${id.slice(0, 77)}…` : id;
}
