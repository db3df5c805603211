import { DEFAULT_MAX_AGE, DEFAULT_WARN_AGE, durationMs, type FederationConfig } from "../config/federation.js";
import type { FreshnessLimits } from "./format.js";

/**
 * The two ages a federation judges its backups by, as written and in ms: past `warnAge` a backup
 * is late (a warning: `status` still exits 0), past `maxAge` it is stale (`status` exits 1).
 */
export interface Freshness extends FreshnessLimits {
  warnAge: string;
  maxAge: string;
}

/**
 * federation.yaml's `backup:` (or the defaults, 24h and 48h), then `--warn-age` / `--max-age`.
 * A warnAge longer than the maxAge in force is cut to it: a `maxAge: 12h` written alone, or given
 * on the command line, is not contradicted by the 24h default (federation.yaml itself may not say so:
 * its schema refuses warnAge > maxAge).
 */
export function resolveFreshness(backup: Pick<FederationConfig["backup"], "warnAge" | "maxAge"> | undefined | null, flags: { warnAge?: string; maxAge?: string } = {}): Freshness {
  const maxAge = flags.maxAge ?? backup?.maxAge ?? DEFAULT_MAX_AGE;
  let warnAge = flags.warnAge ?? backup?.warnAge ?? DEFAULT_WARN_AGE;
  if (durationMs(warnAge) > durationMs(maxAge)) warnAge = maxAge;
  return { warnAge, maxAge, warnAgeMs: durationMs(warnAge), maxAgeMs: durationMs(maxAge) };
}
