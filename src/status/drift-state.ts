import path from "node:path";
import { writeFileAtomic } from "../fs.js";
import { readInside } from "../io/safe-read.js";

/**
 * What the last `netstack drift --record` found, without an address in it: when it ran, the time
 * of the latest observation, and how many findings of each drift rule. `status` and the built
 * pages show it in every profile; the findings themselves (they quote addresses) are kept in
 * ops/sensitive/observed/findings.json and shown only in the private profile.
 */
export const DRIFT_STATE_FILE = "ops/monitor/.drift-state";
export const DRIFT_FINDINGS_FILE = "ops/sensitive/observed/findings.json";

export const DRIFT_KINDS = ["drift/undocumented", "drift/address-mismatch", "drift/retired-seen", "drift/not-seen", "drift/overlay-unknown"] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface DriftState {
  /** When `drift --record` ran (ISO). */
  checked: string;
  /** The latest time anything was seen, recorded runs included (ISO), or null. */
  lastObservation: string | null;
  counts: Record<DriftKind, number>;
}

export interface DriftFinding {
  ruleId: string;
  severity: string;
  /** `docs/devices.md:7` or `scan.xml:12`. */
  where: string;
  message: string;
}

export function writeDriftState(root: string, state: DriftState, findings: DriftFinding[]): void {
  writeFileAtomic(path.join(root, DRIFT_STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
  writeFileAtomic(path.join(root, DRIFT_FINDINGS_FILE), `${JSON.stringify({ checked: state.checked, findings }, null, 2)}\n`);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A site's drift state; null when drift never recorded there or the file is not one. */
export function readDriftState(root: string): DriftState | null {
  const read = readInside(root, DRIFT_STATE_FILE, { maxBytes: 64 * 1024 });
  if (!read.ok) return null;
  try {
    const data = JSON.parse(read.text) as Record<string, unknown>;
    const counts = (data.counts ?? {}) as Record<string, unknown>;
    if (typeof data.checked !== "string" || !ISO.test(data.checked)) return null;
    const last = typeof data.lastObservation === "string" && ISO.test(data.lastObservation) ? data.lastObservation : null;
    const out = Object.fromEntries(DRIFT_KINDS.map((k) => [k, Number.isInteger(counts[k]) && (counts[k] as number) >= 0 ? (counts[k] as number) : 0])) as Record<DriftKind, number>;
    return { checked: data.checked, lastObservation: last, counts: out };
  } catch {
    return null;
  }
}

/** The findings of the last recorded run (private profile only: they quote addresses). */
export function readDriftFindings(root: string): DriftFinding[] {
  const read = readInside(root, DRIFT_FINDINGS_FILE, { maxBytes: 4 * 1024 * 1024 });
  if (!read.ok) return [];
  try {
    const data = JSON.parse(read.text) as { findings?: unknown };
    if (!Array.isArray(data.findings)) return [];
    return data.findings.flatMap((f) => {
      if (typeof f !== "object" || f === null) return [];
      const { ruleId, severity, where, message } = f as Record<string, unknown>;
      return typeof ruleId === "string" && typeof where === "string" && typeof message === "string" ? [{ ruleId, severity: typeof severity === "string" ? severity : "warn", where, message }] : [];
    });
  } catch {
    return [];
  }
}

/** `2 undocumented, 1 address-mismatch` (kinds with none are left out); `no drift` when all are zero. */
export function driftCountsText(counts: Record<DriftKind, number>): string {
  const parts = DRIFT_KINDS.filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k.slice("drift/".length)}`);
  return parts.length ? parts.join(", ") : "no drift";
}
