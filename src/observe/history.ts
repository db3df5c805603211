import { mkdirSync, readdirSync, realpathSync, rmSync } from "node:fs";
import path from "node:path";
import { FatalError } from "../diagnostics.js";
import { writeFileAtomic } from "../fs.js";
import { isInside, readInside } from "../io/safe-read.js";
import { cleanText, epochMs, observedIp, observedMac } from "./text.js";
import { OBSERVATION_FORMATS, type ObservationFormat, type ObservationProblem, type Sighting } from "./types.js";

/** Where `drift --record` keeps sightings: gitignored with the rest of ops/sensitive/ (they hold addresses). */
export const OBSERVED_DIR = "ops/sensitive/observed";

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

/** One recorded sighting: a JSON line. `from` says which file and line it was read from. */
interface RecordedSighting {
  time: string;
  source: ObservationFormat;
  from: string;
  ip: string | null;
  mac: string | null;
  name: string | null;
  vendor: string | null;
  overlay: { node: string | null; network: string | null; addresses: string[] } | null;
  ports: string[];
}

function recordOf(s: Sighting, root: string): RecordedSighting {
  const rel = isInside(root, s.file) ? path.relative(root, s.file).split(path.sep).join("/") : path.basename(s.file);
  return { time: new Date(s.time).toISOString(), source: s.source, from: `${rel}:${s.line}`, ip: s.ip, mac: s.mac, name: s.name, vendor: s.vendor, overlay: s.overlay, ports: s.ports };
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function observedDir(root: string): string {
  return path.join(root, ...OBSERVED_DIR.split("/"));
}

/** The directory, created if needed, refused when it (or ops/sensitive) leads out of the site. */
function ensureObservedDir(root: string): string {
  const dir = observedDir(root);
  mkdirSync(dir, { recursive: true });
  const real = realpathSync(dir);
  if (!isInside(realpathSync(root), real)) throw new FatalError(`${dir}: leads out of the site; observations not written`);
  return dir;
}

export interface RecordResult {
  /** Day files written (names), and how many new lines went in. */
  written: string[];
  added: number;
  /** Day files removed for being older than the retention. */
  pruned: string[];
}

/**
 * Appends sightings to one JSON-lines file per day (the UTC day of each sighting), skipping lines
 * already there (recording the same files twice adds nothing), then removes day files older than
 * `retentionMs` before `nowMs`. Each file is rewritten atomically.
 */
export function recordSightings(root: string, sightings: readonly Sighting[], nowMs: number, retentionMs: number): RecordResult {
  const dir = ensureObservedDir(root);
  const byDay = new Map<string, string[]>();
  for (const s of sightings) {
    const lines = byDay.get(dayOf(s.time)) ?? [];
    lines.push(JSON.stringify(recordOf(s, root)));
    byDay.set(dayOf(s.time), lines);
  }
  const cutoff = dayOf(nowMs - retentionMs);
  const result: RecordResult = { written: [], added: 0, pruned: [] };
  for (const [day, lines] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (day < cutoff) continue;
    const name = `${day}.jsonl`;
    const existing = readInside(root, path.join(dir, name));
    const before = existing.ok ? existing.text : "";
    const have = new Set(before.split("\n").filter(Boolean));
    const fresh = [...new Set(lines)].filter((l) => !have.has(l));
    if (fresh.length === 0) continue;
    const prefix = before === "" || before.endsWith("\n") ? before : `${before}\n`;
    writeFileAtomic(path.join(dir, name), `${prefix}${fresh.join("\n")}\n`);
    result.written.push(name);
    result.added += fresh.length;
  }
  for (const name of dayFiles(dir)) {
    if (name.slice(0, 10) < cutoff) {
      rmSync(path.join(dir, name), { force: true });
      result.pruned.push(name);
    }
  }
  return result;
}

function dayFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => DAY_FILE.test(n))
      .sort();
  } catch {
    return [];
  }
}

export interface History {
  sightings: Sighting[];
  problems: ObservationProblem[];
  /** Day files read. */
  files: string[];
}

/**
 * Every recorded sighting of a site within the retention (day files older than `retentionMs`
 * before `nowMs` are left for `--record` to prune), read through the safe reader; a damaged line
 * is a warning.
 */
export function readHistory(root: string, nowMs: number, retentionMs: number): History {
  const dir = observedDir(root);
  const out: History = { sightings: [], problems: [], files: [] };
  const cutoff = dayOf(nowMs - retentionMs);
  for (const name of dayFiles(dir)) {
    if (name.slice(0, 10) < cutoff) continue;
    const file = path.join(dir, name);
    const read = readInside(root, file);
    if (!read.ok) {
      if (read.problem !== "missing") out.problems.push({ file, line: 1, column: 1, severity: "warn", message: read.message });
      continue;
    }
    out.files.push(name);
    read.text.split("\n").forEach((text, index) => {
      if (text.trim() === "") return;
      const sighting = parseRecorded(text, file, index + 1);
      if (sighting) out.sightings.push(sighting);
      else if (out.problems.length < 20) out.problems.push({ file, line: index + 1, column: 1, severity: "warn", message: "not a recorded sighting; skipped" });
    });
  }
  return out;
}

function parseRecorded(text: string, file: string, line: number): Sighting | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  const r = data as Record<string, unknown>;
  const time = typeof r.time === "string" ? Date.parse(r.time) : NaN;
  if (!Number.isFinite(time) || typeof r.source !== "string" || !(r.source in OBSERVATION_FORMATS)) return null;
  const o = typeof r.overlay === "object" && r.overlay !== null ? (r.overlay as Record<string, unknown>) : null;
  const overlay = o
    ? {
        node: typeof o.node === "string" && /^[0-9a-f]{10}$/.test(o.node) ? o.node : null,
        network: typeof o.network === "string" && /^[0-9a-f]{16}$/.test(o.network) ? o.network : null,
        addresses: Array.isArray(o.addresses) ? o.addresses.flatMap((a) => (observedIp(a) ? [observedIp(a)!] : [])) : [],
      }
    : null;
  const ip = observedIp(r.ip);
  const mac = observedMac(r.mac);
  if (ip === null && mac === null && overlay === null) return null;
  return {
    time: epochMs(time, "ms") ?? time,
    source: r.source as ObservationFormat,
    file,
    line,
    column: 1,
    ip,
    mac,
    name: cleanText(r.name, 253),
    vendor: cleanText(r.vendor),
    overlay,
    ports: Array.isArray(r.ports) ? r.ports.filter((p): p is string => typeof p === "string" && /^\d{1,5}\/[a-z]+$/.test(p)) : [],
  };
}
