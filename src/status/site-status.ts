import { existsSync } from "node:fs";
import path from "node:path";
import { FatalError } from "../diagnostics.js";
import { mask } from "../sensitive/mask.js";
import { BackupStateError, formatAge, formatAhead, judgeBackup, NO_STATE_LINE, readBackupState, statusLine, UNREADABLE_STATE_LINE } from "./format.js";

/** Where a site keeps the state its backup job writes; gitignored. */
export const BACKUP_STATE_FILE = "ops/backup/.backup-state";

export type BackupHealth = "ok" | "stale" | "failed" | "missing" | "unreadable";

/** One site's backup as `netstack status`, `index.md` and `status.md` show it. */
export interface SiteBackupStatus {
  site: string;
  name: string;
  health: BackupHealth;
  /** The exact status line (docs/status.md). */
  line: string;
  /** ISO time of the last run, when the state file says. */
  lastRun: string | null;
  /** `12h ago`, as in the line. */
  age: string | null;
  status: string | null;
  items: number | null;
  target: string | null;
  legacy: boolean;
  /** Why an unreadable state file could not be used. */
  reason: string | null;
}

export interface StatusSite {
  code: string;
  name: string;
  root: string;
}

/** Judges a site's `.backup-state` at `nowMs`; a missing or corrupt file is a finding, never a throw. */
export function siteBackupStatus(site: StatusSite, nowMs: number, maxAgeMs: number): SiteBackupStatus {
  const file = path.join(site.root, BACKUP_STATE_FILE);
  const base = { site: site.code, name: site.name, lastRun: null, age: null, status: null, items: null, target: null, legacy: false, reason: null };
  if (!existsSync(file)) return { ...base, health: "missing", line: NO_STATE_LINE };
  try {
    const state = readBackupState(file, site.root);
    const verdict = judgeBackup(state, nowMs, maxAgeMs);
    return {
      ...base,
      health: verdict.stale ? "stale" : verdict.failed ? "failed" : "ok",
      // The state file is written by a backup job: its target or status may hold a URL with a password.
      line: mask(statusLine(state, nowMs, maxAgeMs)),
      lastRun: new Date(state.lastRunMs).toISOString(),
      age: verdict.future ? formatAhead(verdict.ageMs) : formatAge(verdict.ageMs),
      status: state.status === null ? null : mask(state.status),
      items: state.items,
      target: state.target === null ? null : mask(state.target),
      legacy: state.legacy,
    };
  } catch (error) {
    if (!(error instanceof BackupStateError)) throw error;
    return { ...base, health: "unreadable", line: UNREADABLE_STATE_LINE, reason: mask(error.message) };
  }
}

/** The time "now" for status and pages: `--now` (ISO time or epoch seconds), else SOURCE_DATE_EPOCH, else the clock. */
export function resolveNow(flag: string | undefined, env: NodeJS.ProcessEnv): number {
  if (flag !== undefined) {
    const ms = /^\d+$/.test(flag) ? Number(flag) * 1000 : Date.parse(flag);
    if (Number.isNaN(ms)) throw new FatalError(`--now must be an ISO 8601 time or epoch seconds (got "${flag}")`);
    return ms;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return Number(epoch) * 1000;
  return Date.now();
}
