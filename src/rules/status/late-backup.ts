import path from "node:path";
import { BACKUP_STATE_FILE } from "../../status/site-status.js";
import { atPoint } from "../report.js";
import { judgedBackup } from "./judged-backup.js";
import type { Rule } from "../types.js";

/**
 * A site's `.backup-state` is older than `backup.warnAge` but not yet `maxAge`: a run was
 * probably missed. `netstack status` prints it as LATE and still exits 0. A rule of its own so
 * that `status/stale-backup` can be made an error (fail CI past maxAge) while this stays a warning.
 */
export const lateBackup: Rule = {
  id: "status/late-backup",
  severity: "warn",
  summary: "A .backup-state is older than warnAge (not yet maxAge)",
  scope: "federation",
  check(context) {
    const { site } = context;
    const { freshness, status } = judgedBackup(context);
    if (status.health !== "warn") return [];
    return [
      atPoint(this, path.join(site.root, BACKUP_STATE_FILE), 1, 1, `Backup of ${site.config.code}: last run ${status.age}, older than warnAge ${freshness.warnAge} (stale after ${freshness.maxAge})`),
    ];
  },
};
