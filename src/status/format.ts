import path from "node:path";
import { readInside } from "../io/safe-read.js";

/**
 * The `.backup-state` of a site and the one line that reports it. The generated
 * `ops/monitor/check-backup-state.sh` prints the same lines from the same files; a test runs
 * both over the same states, so change them together.
 *
 * Three forms are read:
 * - JSON `{"last_run": ISO time, "status": "success", "items_backed_up": 3, "target": "offsite-1"}`;
 * - text, one line as upstream's backup scripts write it: `<date> OK <size>` or `<date> FAIL <reason>`
 *   (the last non-blank line counts, so a file appended to still reads);
 * - a bare slot number (`0`, `1`): upstream's rotation toggle, which target slot is current. It
 *   records no result, so it is never a failure; its age is the file's modification time.
 */
export type BackupStateForm = "json" | "text" | "rotation";

export interface BackupState {
  form: BackupStateForm;
  /** When the last backup ran (the rotation slot last switched), in epoch milliseconds. */
  lastRunMs: number;
  /** `success`, `failed`, whatever a JSON state says (anything but `success` is a failure), or `rotation`. */
  status: string;
  items: number | null;
  /** The target alias (never a path or an address). */
  target: string | null;
  /** What a text `OK` line says after the date (`du -sh`'s `1.4G`). */
  size: string | null;
  /** What a text `FAIL` line says after the word. */
  failure: string | null;
  /** The rotation slot a bare-number file names. */
  slot: number | null;
  /** Kept for callers of the first release: true for the bare-number form. */
  legacy: boolean;
}

export class BackupStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupStateError";
  }
}

/** The ISO 8601 forms both readers accept in JSON (GNU `date -d` and `Date.parse` agree on these). */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?$/;
/** Dates a text line may start with: an ISO time as above, an ISO date, or `date +%Y%m%d-%H%M[%S]`. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT_TIME = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})?$/;
/** `<date> <word> [rest]`: fields are separated by spaces or tabs only (the shell reader's [[:blank:]]). */
const TEXT_LINE = /^([^ \t]+)[ \t]+([A-Za-z]+)(?:[ \t]+(.*))?$/s;
/** A rotation slot: a small whole number alone in the file. */
const SLOT = /^\d{1,3}$/;
/** C0 controls and DEL: a state file's free text never moves the cursor or recolours a terminal. */
const CONTROLS = /[\u0000-\u001f\u007f]/g;

const base = { items: null, target: null, size: null, failure: null, slot: null, legacy: false } as const;

/**
 * A calendar date and a time of day that exist: `Date` rolls 2026-02-30 over to March 2 and
 * reads 24:00, where GNU `date -d` refuses both; the two readers must agree.
 */
function realDate(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  const when = new Date(Date.UTC(y, mo - 1, d));
  return when.getUTCFullYear() === y && when.getUTCMonth() === mo - 1 && when.getUTCDate() === d && h <= 23 && mi <= 59 && s <= 59;
}

/** Epoch ms of an ISO 8601 time as the JSON form writes it; null when it is none. */
export function isoTimeMs(text: string): number | null {
  const m = ISO_TIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s = 0] = m.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
  if (!realDate(y!, mo!, d!, h!, mi!, s)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** Epoch ms of a date a text line starts with; a time without a zone is local, as `date -d` reads it. */
export function textDateMs(text: string): number | null {
  if (ISO_TIME.test(text)) return isoTimeMs(text);
  const parts = (ISO_DATE.exec(text) ?? COMPACT_TIME.exec(text))?.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
  if (!parts) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = parts as number[];
  if (!realDate(y!, mo!, d!, h, mi, s)) return null;
  return new Date(y!, mo! - 1, d, h, mi, s).getTime();
}

function parseText(trimmed: string): BackupState {
  // The content is trimmed, so its last line is not blank; lines end at \n (a \r is trimmed or noise).
  const match = TEXT_LINE.exec(trimmed.slice(trimmed.lastIndexOf("\n") + 1).trimStart());
  if (!match) throw new BackupStateError("not JSON, not a rotation slot and not a `<date> OK|FAIL` line");
  const [, date, word, rest] = match;
  const lastRunMs = textDateMs(date!);
  if (lastRunMs === null) throw new BackupStateError(`"${date!.replace(CONTROLS, "")}" is not an ISO 8601 date or a YYYYMMDD-HHMM time`);
  const verdict = word!.toUpperCase();
  if (verdict !== "OK" && verdict !== "FAIL" && verdict !== "FAILED") throw new BackupStateError(`the word after the date is neither OK nor FAIL`);
  const note = (rest ?? "").replace(CONTROLS, "").trim() || null;
  return verdict === "OK"
    ? { ...base, form: "text", lastRunMs, status: "success", size: note }
    : { ...base, form: "text", lastRunMs, status: "failed", failure: note };
}

/** Parses a `.backup-state` in any of its three forms; `mtimeMs` dates the rotation form. */
export function parseBackupState(text: string, mtimeMs: number): BackupState {
  const trimmed = text.trim();
  if (SLOT.test(trimmed)) return { ...base, form: "rotation", lastRunMs: mtimeMs, status: "rotation", slot: Number(trimmed), legacy: true };
  if (!trimmed.startsWith("{")) {
    if (trimmed === "") throw new BackupStateError("the file is empty");
    return parseText(trimmed);
  }
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    throw new BackupStateError("not valid JSON");
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new BackupStateError("not a JSON object");
  const record = data as Record<string, unknown>;
  const lastRun = record.last_run;
  const lastRunMs = typeof lastRun === "string" ? isoTimeMs(lastRun) : null;
  if (lastRunMs === null) throw new BackupStateError("last_run is missing or not an ISO 8601 time");
  const items = record.items_backed_up;
  return {
    ...base,
    form: "json",
    lastRunMs,
    status: typeof record.status === "string" && record.status !== "" ? record.status : "unknown",
    items: typeof items === "number" && Number.isInteger(items) && items >= 0 ? items : null,
    target: typeof record.target === "string" && record.target !== "" ? record.target : null,
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

/** The two ages a backup is judged by: past `warnAgeMs` it is late (a warning), past `maxAgeMs` stale. */
export interface FreshnessLimits {
  warnAgeMs: number;
  maxAgeMs: number;
}

/**
 * How a backup stands, worst first: `stale` (past maxAge), `failed` (the state reports a failure),
 * `warn` (past warnAge: late, not yet stale), `rotation` (fresh, and the state is a rotation slot:
 * no result to judge), `ok` (fresh and successful).
 */
export type BackupLevel = "ok" | "warn" | "stale" | "failed" | "rotation";

export interface BackupVerdict {
  /** Whole seconds between the last run and now, as the shell script counts them. */
  ageMs: number;
  /** The last run is more than CLOCK_TOLERANCE_MS ahead of now; counted as stale. */
  future: boolean;
  level: BackupLevel;
  stale: boolean;
  /** Past warnAge (also true when stale). */
  late: boolean;
  failed: boolean;
  /** Nothing to act on: `ok` or `rotation`. A late backup is not ok, but does not fail `status`. */
  ok: boolean;
}

/** Accepts the old single limit (a number of ms: warn and stale at once) or both limits. */
function limitsOf(limits: FreshnessLimits | number): FreshnessLimits {
  return typeof limits === "number" ? { warnAgeMs: limits, maxAgeMs: limits } : limits;
}

/** Judges a state at `nowMs`: stale past maxAge, late past warnAge, failed when a result says so. */
export function judgeBackup(state: BackupState, nowMs: number, limits: FreshnessLimits | number): BackupVerdict {
  const { warnAgeMs, maxAgeMs } = limitsOf(limits);
  // Whole seconds on both ends, as `date +%s` gives them to the shell script.
  const ageMs = (Math.floor(nowMs / 1000) - Math.floor(state.lastRunMs / 1000)) * 1000;
  const future = ageMs < -CLOCK_TOLERANCE_MS;
  const stale = future || ageMs > maxAgeMs;
  const late = stale || ageMs > Math.min(warnAgeMs, maxAgeMs);
  const failed = state.form !== "rotation" && state.status !== "success";
  const level: BackupLevel = stale ? "stale" : failed ? "failed" : late ? "warn" : state.form === "rotation" ? "rotation" : "ok";
  return { ageMs, future, level, stale, late, failed, ok: level === "ok" || level === "rotation" };
}

/** `success, 3 items to offsite-1`, `success, 1.4G`, `failed: disk full`, `rotation slot 1`. */
export function backupSummary(state: BackupState): string {
  if (state.form === "rotation") return `rotation slot ${state.slot}`;
  if (state.form === "text") return state.status === "success" ? `success${state.size ? `, ${state.size}` : ""}` : `failed${state.failure ? `: ${state.failure}` : ""}`;
  let text = state.status;
  if (state.items !== null) text += `, ${state.items} ${state.items === 1 ? "item" : "items"}`;
  if (state.target !== null) text += ` to ${state.target}`;
  return text;
}

const line = (body: string) => `--- BACKUP: ${body} ---`;

/**
 * The status line (docs/status.md):
 * `--- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---`,
 * `--- BACKUP: last run 5h ago, rotation slot 1 ---`,
 * `--- BACKUP: ⚠️ LATE — last run 30h ago, success, 1.4G ---` (past warnAge),
 * `--- BACKUP: ⚠️ FAILED — last run 5h ago, failed: target unreachable ---`,
 * `--- BACKUP: ⚠️ STALE — last run 3 days ago ---` (past maxAge; a stale failure adds its summary).
 */
export function statusLine(state: BackupState, nowMs: number, limits: FreshnessLimits | number): string {
  const verdict = judgeBackup(state, nowMs, limits);
  const age = formatAge(verdict.ageMs);
  if (verdict.future) return line(`⚠️ CLOCK — last run ${formatAhead(verdict.ageMs)}; check the clocks`);
  const summary = backupSummary(state);
  switch (verdict.level) {
    case "stale":
      return line(`⚠️ STALE — last run ${age}${verdict.failed ? `, ${summary}` : ""}`);
    case "failed":
      return line(`⚠️ FAILED — last run ${age}, ${summary}`);
    case "warn":
      return line(`⚠️ LATE — last run ${age}, ${summary}`);
    default:
      return line(`last run ${age}, ${summary}`);
  }
}

/** The line for a site whose `.backup-state` does not exist yet. */
export const NO_STATE_LINE = line("⚠️ NO STATE — no .backup-state yet");

/** The line for a `.backup-state` that cannot be read or parsed. */
export const UNREADABLE_STATE_LINE = line("⚠️ UNREADABLE — .backup-state is not a backup state");
