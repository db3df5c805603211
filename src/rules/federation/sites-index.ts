import type { SiteModel } from "../../inventory/site.js";
import { nameKey, parseMachineRef } from "../report.js";
import type { RuleContext } from "../types.js";

/** Device names per site code, built once per federation (rules run once per site, the index does not). */
const deviceIndexes = new WeakMap<readonly SiteModel[], Map<string, Set<string>>>();

export function devicesBySite(sites: readonly SiteModel[]): Map<string, Set<string>> {
  let index = deviceIndexes.get(sites);
  if (!index) {
    index = new Map();
    for (const site of sites) {
      const names = index.get(site.config.code) ?? new Set<string>();
      for (const entry of site.devices) if (entry.record.name) names.add(nameKey(entry.record.name));
      index.set(site.config.code, names);
    }
    deviceIndexes.set(sites, index);
  }
  return index;
}

/** The site codes federation.yaml declares (loaded or not); null when there is no federation. */
export function declaredSites(ctx: RuleContext): Set<string> | null {
  return ctx.federation ? new Set(ctx.federation.sites.map((s) => s.code)) : null;
}

export type MachineLookup = "found" | "no-device" | "unchecked";

/**
 * Resolves `host` in the judged site and `site:host` in the named site. Another site's machines
 * are only known to `check`; a site that is not loaded (or not declared) is left to other findings.
 */
export function lookupMachine(ctx: RuleContext, ref: string): { result: MachineLookup; site: string } {
  const { site, host } = parseMachineRef(ref);
  const code = site ?? ctx.site.config.code;
  if (code !== ctx.site.config.code && ctx.mode === "lint") return { result: "unchecked", site: code };
  const names = devicesBySite(ctx.sites).get(code);
  if (!names) return { result: "unchecked", site: code };
  return { result: names.has(nameKey(host)) ? "found" : "no-device", site: code };
}

/** True when one insertion, deletion or substitution turns `a` into `b` (site codes are short: a looser match suggests nonsense). */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: string, y: string) => x.slice(i + (a.length >= b.length ? 1 : 0)) === y.slice(i + (b.length >= a.length ? 1 : 0));
  return rest(a, b);
}

/** A declared site code one edit away from `code`, for a did-you-mean. */
export function closeSiteCode(code: string, known: Iterable<string>): string | undefined {
  for (const candidate of known) if (oneEditApart(code.toLowerCase(), candidate)) return candidate;
  return undefined;
}
