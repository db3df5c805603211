import { compareDiagnostics, type Diagnostic } from "./diagnostics.js";
import { loadTarget, type Federation, type LoadFederationOptions } from "./federation/load.js";
import { runRules } from "./rules/engine.js";
import { RULES } from "./rules/index.js";
import { scanKnownTokens } from "./rules/sensitive/known-tokens.js";
import type { Profile, Rule } from "./rules/types.js";
import { judgedVisibility } from "./inventory/publication.js";

export interface CheckOptions extends Omit<LoadFederationOptions, "allMarkdown"> {
  /** Overrides each site's `visibility`. */
  profile?: Profile;
  cwd?: string;
  /** The rules to run; default every rule. */
  rules?: readonly Rule[];
  /** The time backup ages are judged against (epoch ms); the clock when absent. */
  now?: number;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  federation: Federation;
}

/**
 * `netstack check`: every rule over every site, cross-site rules included. Takes a federation.yaml,
 * a site directory, or an already loaded federation. Diagnostics are sorted by file, line, column.
 */
export async function check(target: string | Federation | undefined, options: CheckOptions = {}): Promise<CheckResult> {
  const federation =
    typeof target === "object" ? target : await loadTarget(target, options.cwd ?? process.cwd(), { ...options, allMarkdown: true });
  const diagnostics = [...federation.diagnostics];
  options.onProgress?.({ step: "check", total: federation.sites.length });
  for (const site of federation.sites) {
    const found = runRules(
      {
        site,
        sites: federation.sites,
        federation: federation.config,
        federationFile: federation.file,
        profile: options.profile ?? judgedVisibility(site),
        mode: "check",
        entries: federation.entries,
        knownTokens: await scanKnownTokens(site.files),
        now: options.now,
      },
      options.rules ?? RULES,
    );
    for (const d of found) diagnostics.push(d);
  }
  return { diagnostics: settle(diagnostics), federation };
}

/** Once each, sorted by file, line and column. */
export function settle(diagnostics: Diagnostic[]): Diagnostic[] {
  return dedupe(diagnostics).sort(compareDiagnostics);
}

/** Findings in federation.yaml could be reached from more than one site's run; each is reported once. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\0${d.line}\0${d.column}\0${d.ruleId}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
