import path from "node:path";
import { readInside } from "../io/safe-read.js";

/**
 * The `.backup-state` of a site and the one line that reports it. The generated
 * `ops/monitor/check-backup-state.sh` prints the same lines from the same files; a test runs
 * both over the same states, so change them together.
 */
export interface BackupState {
  /** When the last backup ran, in epoch milliseconds. */
  lastRunMs: number;
  /** `success`, or whatever the backup script wrote; anything else is a failure. */
  status: string;
  items: number | null;
  /** The target alias (never a path or an address). */
  target: string | null;
  /** The legacy form: the file holds only the backup script's exit status, dated by its mtime. */
  legacy: boolean;
}

export class BackupStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupStateError";
  }
}

/** The ISO 8601 forms both readers accept (GNU `date -d` and `Date.parse` agree on these). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses a `.backup-state`: the JSON form `{last_run, status, items_backed_up, target}` or the
 * legacy form, a bare exit status (`0` success, anything else failure) dated by `mtimeMs`.
 */
export function parseBackupState(text: string, mtimeMs: number): BackupState {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    return { lastRunMs: mtimeMs, status: Number(trimmed) === 0 ? "success" : "failed", items: null, target: null, legacy: true };
  }
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    throw new BackupStateError("not JSON and not an exit status");
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new BackupStateError("not a JSON object");
  const record = data as Record<string, unknown>;
  const lastRun = record.last_run;
  if (typeof lastRun !== "string" || !ISO_TIME.test(lastRun) || Number.isNaN(Date.parse(lastRun))) {
    throw new BackupStateError("last_run is missing or not an ISO 8601 time");
  }
  const items = record.items_backed_up;
  return {
    lastRunMs: Date.parse(lastRun),
    status: typeof record.status === "string" && record.status !== "" ? record.status : "unknown",
    items: typeof items === "number" && Number.isInteger(items) && items >= 0 ? items : null,
    target: typeof record.target === "string" && record.target !== "" ? record.target : null,
    legacy: false,
  };
}

/** A backup state is a few lines: anything larger is not one. */
const MAX_STATE_BYTES = 64 * 1024;

/**
 * Reads and parses a `.backup-state` file through the safe reader (it stays under `root`, the site,
 * and is a regular file of at most 64 KB: a link to /dev/zero or a FIFO is refused, not read);
 * throws BackupStateError when it is unusable.
 */
export function readBackupState(file: string, root: string = path.dirname(file)): BackupState {
  const result = readInside(root, file, { maxBytes: MAX_STATE_BYTES });
  if (!result.ok) throw new BackupStateError(result.message);
  return parseBackupState(result.text, result.mtimeMs);
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** `5m ago` under an hour, `12h ago` under two days, `3 days ago` beyond (always rounded down). */
export function formatAge(ms: number): string {
  const age = Math.max(0, ms);
  if (age < HOUR) return `${Math.floor(age / MINUTE)}m ago`;
  if (age < 2 * DAY) return `${Math.floor(age / HOUR)}h ago`;
  return `${Math.floor(age / DAY)} days ago`;
}

/** A last run more than this far ahead of now is a clock problem (here or on the backup host), never fresh. */
export const CLOCK_TOLERANCE_MS = HOUR;

/** `3 days ahead of now`: how far a last run lies in the future (the words of formatAge). */
export function formatAhead(ageMs: number): string {
  return `${formatAge(-ageMs).replace(/ ago$/, "")} ahead of now`;
}

export interface BackupVerdict {
  /** Whole seconds between the last run and now, as the shell script counts them. */
  ageMs: number;
  /** The last run is more than CLOCK_TOLERANCE_MS ahead of now; counted as stale. */
  future: boolean;
  stale: boolean;
  failed: boolean;
  ok: boolean;
}

/** Stale when older than `maxAgeMs`; failed when the status is not `success`. */
export function judgeBackup(state: BackupState, nowMs: number, maxAgeMs: number): BackupVerdict {
  // Whole seconds on both ends, as `date +%s` gives them to the shell script.
  const ageMs = (Math.floor(nowMs / 1000) - Math.floor(state.lastRunMs / 1000)) * 1000;
  const future = ageMs < -CLOCK_TOLERANCE_MS;
  const stale = future || ageMs > maxAgeMs;
  const failed = state.status !== "success";
  return { ageMs, future, stale, failed, ok: !stale && !failed };
}

/** `success, 3 items to offsite-1`: the status, then what the state says about items and target. */
function summary(state: BackupState): string {
  let text = state.status;
  if (state.items !== null) text += `, ${state.items} ${state.items === 1 ? "item" : "items"}`;
  if (state.target !== null) text += ` to ${state.target}`;
  return text;
}

const line = (body: string) => `--- BACKUP: ${body} ---`;

/**
 * The status line (docs/status.md):
 * `--- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---`,
 * `--- BACKUP: ⚠️ STALE — last run 3 days ago ---` (a stale failure adds its summary),
 * `--- BACKUP: ⚠️ FAILED — last run 5h ago, failed, 0 items to offsite-1 ---`.
 */
export function statusLine(state: BackupState, nowMs: number, maxAgeMs: number): string {
  const verdict = judgeBackup(state, nowMs, maxAgeMs);
  const age = formatAge(verdict.ageMs);
  if (verdict.future) return line(`⚠️ CLOCK — last run ${formatAhead(verdict.ageMs)}; check the clocks`);
  if (verdict.stale) return line(`⚠️ STALE — last run ${age}${verdict.failed ? `, ${summary(state)}` : ""}`);
  if (verdict.failed) return line(`⚠️ FAILED — last run ${age}, ${summary(state)}`);
  return line(`last run ${age}, ${summary(state)}`);
}

/** The line for a site whose `.backup-state` does not exist yet. */
export const NO_STATE_LINE = line("⚠️ NO STATE — no .backup-state yet");

/** The line for a `.backup-state` that cannot be read or parsed. */
export const UNREADABLE_STATE_LINE = line("⚠️ UNREADABLE — .backup-state is not a backup state");
