import path from "node:path";
import { durationMs } from "../../config/federation.js";
import { BACKUP_STATE_FILE, siteBackupStatus } from "../../status/site-status.js";
import { atPoint } from "../report.js";
import type { Rule } from "../types.js";
import { quote } from "../sensitive/mask.js";

const DEFAULT_MAX_AGE = "24h";

/**
 * A site's `.backup-state` is older than `backup.maxAge` or reports failure. It runs in `check`
 * only: a commit hook should not fail because of the clock. A site with no state file yet, or an
 * unreadable one, is left to `netstack status`, which names it.
 */
export const staleBackup: Rule = {
  id: "status/stale-backup",
  severity: "warn",
  summary: "A .backup-state is older than maxAge or reports failure",
  scope: "federation",
  check({ site, federation, now }) {
    const maxAge = federation?.backup.maxAge ?? DEFAULT_MAX_AGE;
    const status = siteBackupStatus({ code: site.config.code, name: site.config.name, root: site.root }, now ?? Date.now(), durationMs(maxAge));
    if (status.health !== "stale" && status.health !== "failed") return [];
    const why = status.health === "stale" ? `older than maxAge ${maxAge}` : `the backup reports ${quote(String(status.status))}`;
    if (status.age?.endsWith("ahead of now")) {
      return [atPoint(this, path.join(site.root, BACKUP_STATE_FILE), 1, 1, `Backup of ${site.config.code}: last run ${status.age}: a clock is wrong (here or on the backup host), so its age is unknown`)];
    }
    return [atPoint(this, path.join(site.root, BACKUP_STATE_FILE), 1, 1, `Backup of ${site.config.code}: last run ${status.age}, ${why}`)];
  },
};
