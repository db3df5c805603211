import { durationMs, duration } from "../../config/federation.js";
import { FatalError } from "../../diagnostics.js";
import { loadTarget } from "../../federation/load.js";
import { resolveFreshness } from "../../status/freshness.js";
import { FAILING_HEALTH, resolveNow, siteBackupStatus } from "../../status/site-status.js";
import { driftCountsText, readDriftState, type DriftState } from "../../status/drift-state.js";
import { formatAge } from "../../status/format.js";
import { plainText } from "../../text/controls.js";
import { type Io, oneOf, oneTarget, parseCommand, pathFlag } from "../io.js";
import { mask } from "../../sensitive/mask.js";

const HELP = `Usage: netstack status [federation.yaml | site-dir] [--format text|json] [--warn-age 24h]
                       [--max-age 48h] [--now TIME]

Reads each site's ops/backup/.backup-state and prints one line per site, exactly as the
site's ops/monitor/check-backup-state.sh does. The state is JSON ({"last_run": …, "status":
"success", …}), a text line ("<date> OK <size>" or "<date> FAIL <reason>"), or a bare slot
number (a rotation toggle: which target is current, dated by the file; never a failure):

  --- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---
  --- BACKUP: last run 5h ago, rotation slot 1 ---
  --- BACKUP: ⚠️ LATE — last run 30h ago, success, 1.4G ---
  --- BACKUP: ⚠️ STALE — last run 3 days ago ---

A site where \`netstack drift --record\` has run also gets a line with the time of its last
observation and the count of each drift finding (no addresses):

  --- DRIFT: last observation 2h ago; 1 undocumented, 1 not-seen ---

Options:
  -f, --format F     text (default) or json
      --warn-age D   late (a warning) after this long (default: backup.warnAge of
                     federation.yaml, else 24h)
      --max-age D    stale after this long (default: backup.maxAge of federation.yaml, else 48h)
      --now TIME     judge at this time (ISO 8601 or epoch seconds; default SOURCE_DATE_EPOCH,
                     else the clock)
      --cache DIR    where repo sites are cloned
      --offline      use the cache as it is

Exit codes: 0 every backup fresh or late (a late one is printed as a warning), successful or a
rotation slot; 1 any stale (past the max age), failed, missing or unreadable; 2 usage or
fatal error.
`;

function printable<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === "string" ? plainText(v) : v])) as T;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      format: { type: "string", short: "f" },
      "warn-age": { type: "string" },
      "max-age": { type: "string" },
      now: { type: "string" },
      cache: { type: "string" },
      offline: { type: "boolean" },
    },
    "status",
    HELP,
    io,
  );
  if (values.help) return 0;
  oneTarget(positionals, "status");
  const format = oneOf(values.format, ["text", "json"] as const, "--format", "text");
  const flags = { warnAge: durationFlag(values["warn-age"], "--warn-age"), maxAge: durationFlag(values["max-age"], "--max-age") };
  if (flags.warnAge !== undefined && flags.maxAge !== undefined && durationMs(flags.warnAge) > durationMs(flags.maxAge)) {
    throw new FatalError(`--warn-age (${flags.warnAge}) must not be longer than --max-age (${flags.maxAge})`);
  }
  const nowMs = resolveNow(values.now, io.env);
  const federation = await loadTarget(positionals[0], io.cwd, { cache: pathFlag(values.cache, io), offline: values.offline, env: io.env });
  const freshness = resolveFreshness(federation.config?.backup, flags);
  const { warnAge, maxAge } = freshness;
  // What a .backup-state says (target, status) is the site's text: no escape sequence reaches the terminal.
  const statuses = federation.sites.map((site) => printable(siteBackupStatus({ code: site.config.code, name: site.config.name, root: site.root }, nowMs, freshness)));
  const drifts = federation.sites.map((site) => readDriftState(site.root));
  for (const d of federation.diagnostics) io.stderr(`netstack: ${mask(plainText(d.message))}\n`);
  if (format === "json") {
    const sites = statuses.map((s, i) => ({ ...s, drift: drifts[i] }));
    io.stdout(`${JSON.stringify({ now: new Date(nowMs).toISOString(), warnAge, maxAge, sites }, null, 2)}\n`);
  } else {
    const prefix = federation.file !== null;
    statuses.forEach((s, i) => {
      io.stdout(prefix ? `${s.site}: ${s.line}\n` : `${s.line}\n`);
      const drift = drifts[i];
      if (drift) io.stdout(prefix ? `${s.site}: ${plainText(driftStatusLine(drift, nowMs))}\n` : `${plainText(driftStatusLine(drift, nowMs))}\n`);
    });
    for (const s of statuses) if (s.reason) io.stderr(`netstack: ${s.site}: ops/backup/.backup-state: ${s.reason}\n`);
  }
  return statuses.some((s) => FAILING_HEALTH.has(s.health)) ? 1 : 0;
}

function durationFlag(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && !duration.safeParse(value).success) throw new FatalError(`${name} must be a duration such as 24h, 90m or 2d (got "${value}")`);
  return value;
}

/** `--- DRIFT: last observation 2h ago; 1 undocumented, 1 not-seen ---`. */
export function driftStatusLine(drift: DriftState, nowMs: number): string {
  const last = drift.lastObservation ? `last observation ${formatAge(nowMs - Date.parse(drift.lastObservation))}` : "nothing observed yet";
  return `--- DRIFT: ${last}; ${driftCountsText(drift.counts)} ---`;
}
