import path from "node:path";
import { durationMs } from "./config/site.js";
import { compareDiagnostics, type Diagnostic } from "./diagnostics.js";
import { loadSite, type SiteModel } from "./inventory/site.js";
import { isInside } from "./io/safe-read.js";
import { readHistory, recordSightings, type History, type RecordResult } from "./observe/history.js";
import { readObservationFile } from "./observe/read.js";
import type { Observation, ObservationProblem, Sighting } from "./observe/types.js";
import { runRules } from "./rules/engine.js";
import { DRIFT_RULES } from "./rules/index.js";
import type { DriftInput, Rule } from "./rules/types.js";
import { DRIFT_KINDS, writeDriftState, type DriftKind, type DriftState } from "./status/drift-state.js";

/** Reported for an observation file (or a recorded day file) that cannot be read, or an entry of it that is damaged. */
export const UNREADABLE_OBSERVATION = "drift/unreadable-observation";

export const DEFAULT_RETENTION = "90d";

export interface DriftOptions {
  /** Observation files, in the order given. */
  files: readonly string[];
  cwd?: string;
  /** The time findings are judged and recorded at (epoch ms); the clock when absent. */
  now?: number;
  /** The time for entries that carry none; default each file's modification time. */
  observedAt?: number;
  /** Append the sightings to ops/sensitive/observed/ and write the drift state. */
  record?: boolean;
  /** An already loaded site (tests, the library). */
  site?: SiteModel;
  /** The rules to run; default every drift rule. */
  rules?: readonly Rule[];
}

export interface DriftResult {
  site: SiteModel;
  diagnostics: Diagnostic[];
  observations: Observation[];
  history: History;
  input: DriftInput;
  recorded: RecordResult | null;
  state: DriftState;
}

export function problemDiagnostic(problem: ObservationProblem): Diagnostic {
  return { file: problem.file, line: problem.line, column: problem.column, ruleId: UNREADABLE_OBSERVATION, severity: problem.severity, message: problem.message };
}

/**
 * `netstack drift`: reads the observation files, the recorded history, and runs the drift rules
 * (site.yaml severities and inline disables apply). With `record`, the sightings are appended to
 * the history, old day files pruned, and the drift state written for `status` and the pages.
 */
export function drift(siteDir: string, options: DriftOptions): DriftResult {
  const cwd = options.cwd ?? process.cwd();
  const site = options.site ?? loadSite(path.resolve(cwd, siteDir), { allMarkdown: true });
  const now = options.now ?? Date.now();
  const observations = options.files.map((file) => {
    const abs = path.resolve(cwd, file);
    return readObservationFile(abs, { root: isInside(site.root, abs) ? site.root : undefined, observedAt: options.observedAt });
  });
  const retention = durationMs(site.config.drift?.retention ?? DEFAULT_RETENTION);
  const history = readHistory(site.root, now, retention);
  const sightings: Sighting[] = observations.flatMap((o) => o.sightings);
  const input: DriftInput = { sightings, history: history.sightings };
  const found = runRules({ site, sites: [site], federation: null, federationFile: null, profile: site.config.visibility, mode: "drift", drift: input, now }, options.rules ?? DRIFT_RULES);
  const problems = [...observations.flatMap((o) => o.problems), ...history.problems].map(problemDiagnostic);
  const diagnostics = [...found, ...problems].sort(compareDiagnostics);

  const counts = Object.fromEntries(DRIFT_KINDS.map((k) => [k, 0])) as Record<DriftKind, number>;
  for (const d of found) if ((DRIFT_KINDS as readonly string[]).includes(d.ruleId)) counts[d.ruleId as DriftKind]++;
  let latest = -Infinity;
  for (const s of sightings) if (s.time > latest) latest = s.time;
  for (const s of history.sightings) if (s.time > latest) latest = s.time;
  const state: DriftState = {
    checked: new Date(now).toISOString(),
    lastObservation: Number.isFinite(latest) ? new Date(latest).toISOString() : null,
    counts,
  };
  let recorded: RecordResult | null = null;
  if (options.record) {
    recorded = recordSightings(site.root, sightings, now, retention);
    const where = (d: Diagnostic) => `${isInside(site.root, d.file) ? path.relative(site.root, d.file).split(path.sep).join("/") : path.basename(d.file)}:${d.line}`;
    writeDriftState(
      site.root,
      state,
      found.map((d) => ({ ruleId: d.ruleId, severity: d.severity, where: where(d), message: d.message })),
    );
  }
  return { site, diagnostics, observations, history, input, recorded, state };
}
