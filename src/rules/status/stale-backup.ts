import path from "node:path";
import { BACKUP_STATE_FILE } from "../../status/site-status.js";
import { atPoint } from "../report.js";
import { judgedBackup } from "./judged-backup.js";
import type { Rule } from "../types.js";
import { quote } from "../sensitive/mask.js";

/**
 * A site's `.backup-state` is older than `backup.maxAge` or reports failure: what makes
 * `netstack status` exit 1. It runs in `check` only: a commit hook should not fail because of the
 * clock. A site with no state file yet, or an unreadable one, is left to `netstack status`, which
 * names it; a backup past warnAge only is `status/late-backup`.
 */
export const staleBackup: Rule = {
  id: "status/stale-backup",
  severity: "warn",
  summary: "A .backup-state is older than maxAge or reports failure",
  scope: "federation",
  check(context) {
    const { site } = context;
    const { freshness, status } = judgedBackup(context);
    if (status.health !== "stale" && status.health !== "failed") return [];
    const why = status.health === "stale" ? `older than maxAge ${freshness.maxAge}` : `the backup reports ${quote(status.failure ? `${status.status}: ${status.failure}` : String(status.status))}`;
    if (status.age?.endsWith("ahead of now")) {
      return [atPoint(this, path.join(site.root, BACKUP_STATE_FILE), 1, 1, `Backup of ${site.config.code}: last run ${status.age}: a clock is wrong (here or on the backup host), so its age is unknown`)];
    }
    return [atPoint(this, path.join(site.root, BACKUP_STATE_FILE), 1, 1, `Backup of ${site.config.code}: last run ${status.age}, ${why}`)];
  },
};
