import { resolveFreshness, type Freshness } from "../../status/freshness.js";
import { siteBackupStatus, type SiteBackupStatus } from "../../status/site-status.js";
import type { RuleContext } from "../types.js";

interface Judged {
  at: number;
  federation: RuleContext["federation"];
  freshness: Freshness;
  status: SiteBackupStatus;
}

const judged = new WeakMap<object, Judged>();

/**
 * A site's `.backup-state` judged once per check: `status/stale-backup` and `status/late-backup`
 * read the same file at the same time, so the second takes the first's answer.
 */
export function judgedBackup({ site, federation, now }: Pick<RuleContext, "site" | "federation" | "now">): Judged {
  const at = now ?? Date.now();
  const kept = judged.get(site);
  if (kept && kept.at === at && kept.federation === federation) return kept;
  const freshness = resolveFreshness(federation?.backup);
  const fresh = { at, federation, freshness, status: siteBackupStatus({ code: site.config.code, name: site.config.name, root: site.root }, at, freshness) };
  judged.set(site, fresh);
  return fresh;
}
