import type { SiteInventory } from "../../inventory/schema.js";
import { escapeMermaid } from "./escape.js";

/** A backup flow of the federation: `from`'s data kept at `to`; `mode` says who starts the job. */
export interface Flow {
  from: string;
  to: string;
  mode: string;
  tier: string | null;
}

export interface Gap {
  from: string;
  to: string | null;
  /** What is missing: `push`, `pull`, or `N more offsite copies`. */
  missing: string;
}

/** Every active flow written in any site's network.md, once (two sites often both list one). */
export function federationFlows(sites: readonly SiteInventory[]): Flow[] {
  const seen = new Map<string, Flow>();
  for (const site of sites) {
    for (const b of site.backups) {
      if (b.status === "retired" || !b.from || !b.to || !b.mode) continue;
      const flow = { from: b.from, to: b.to, mode: b.mode, tier: b.tier };
      seen.set(`${flow.from}\0${flow.to}\0${flow.mode}\0${flow.tier ?? ""}`, flow);
    }
  }
  return [...seen.values()].sort((a, b) => key(a).localeCompare(key(b)));
}

const key = (f: Flow) => `${f.from}\0${f.to}\0${f.mode}\0${f.tier ?? ""}`;

/**
 * What the backup topology lacks. While every site must reach every other one (the triangle:
 * `minOffsite` ≥ sites − 1) each pair needs a push and a pull; beyond that, each site needs
 * `minOffsite` distinct other sites holding its data.
 */
export function backupGaps(codes: readonly string[], flows: readonly Flow[], minOffsite: number): Gap[] {
  const gaps: Gap[] = [];
  const has = (from: string, to: string, mode: string) => flows.some((f) => f.from === from && f.to === to && f.mode === mode);
  if (codes.length >= 2 && minOffsite >= codes.length - 1) {
    for (const from of codes) {
      for (const to of codes) {
        if (from === to) continue;
        for (const mode of ["push", "pull"]) if (!has(from, to, mode)) gaps.push({ from, to, missing: mode });
      }
    }
    return gaps;
  }
  for (const from of codes) {
    const reached = new Set(flows.filter((f) => f.from === from && f.to !== from && codes.includes(f.to)).map((f) => f.to)).size;
    if (reached < minOffsite) gaps.push({ from, to: null, missing: `${minOffsite - reached} more offsite ${minOffsite - reached === 1 ? "copy" : "copies"}` });
  }
  return gaps;
}

/** Mermaid refuses diagrams with more edges than this (its `maxEdges` default is 500). */
export const MAX_DIAGRAM_EDGES = 400;

/**
 * The backup topology as a Mermaid flowchart with one line per pair of sites: its label says, for
 * each direction, which modes (push, pull) and tiers flow from the site whose data it is to the
 * site keeping the copy, and what is missing. Pairs with a gap are drawn red. A line per flow (18
 * for a full triangle) crossed and buried its labels. Returns null when there are too many pairs.
 */
export function backupDiagram(sites: readonly { code: string; name: string }[], flows: readonly Flow[], gaps: readonly Gap[]): string | null {
  const ids = new Map<string, string>();
  const lines = ["flowchart LR"];
  const node = (code: string, label: string) => {
    let id = ids.get(code);
    if (!id) {
      id = `s${ids.size}`;
      ids.set(code, id);
      lines.push(`  ${id}["${escapeMermaid(label)}"]`);
    }
    return id;
  };
  for (const site of sites) node(site.code, `${site.code} · ${site.name}`);
  interface Direction {
    modes: Set<string>;
    tiers: Set<string>;
    missing: Set<string>;
  }
  const pairs = new Map<string, { a: string; b: string; ways: Map<string, Direction> }>();
  const direction = (from: string, to: string): Direction => {
    const [a, b] = from < to ? [from, to] : [to, from];
    const key = `${a}\0${b}`;
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { a, b, ways: new Map() }));
    let way = pair.ways.get(from);
    if (!way) pair.ways.set(from, (way = { modes: new Set(), tiers: new Set(), missing: new Set() }));
    return way;
  };
  for (const flow of flows) {
    if (flow.from === flow.to) continue;
    const way = direction(flow.from, flow.to);
    way.modes.add(flow.mode);
    if (flow.tier) way.tiers.add(flow.tier);
  }
  const open = gaps.filter((g) => g.to === null);
  for (const gap of gaps) if (gap.to !== null) direction(gap.from, gap.to).missing.add(gap.missing);
  if (pairs.size + open.length > MAX_DIAGRAM_EDGES) return null;
  const describe = (from: string, to: string, way: Direction) => {
    // Push before pull, as the coverage tables write them (push+pull).
    const modes = [...way.modes].sort((x, y) => (x === "push" ? -1 : y === "push" ? 1 : x.localeCompare(y)));
    const parts = [modes.join(", "), [...way.tiers].sort().join(", "), way.missing.size ? `missing ${[...way.missing].sort().join(", ")}` : ""].filter(Boolean);
    return escapeMermaid(`${from} → ${to}: ${parts.join(" · ")}`);
  };
  const red: number[] = [];
  let index = 0;
  for (const { a, b, ways } of [...pairs.values()].sort((x, y) => `${x.a} ${x.b}`.localeCompare(`${y.a} ${y.b}`))) {
    const ab = ways.get(a);
    const ba = ways.get(b);
    const label = [ab && describe(a, b, ab), ba && describe(b, a, ba)].filter(Boolean).join("<br/>");
    const [from, to] = ab ? [a, b] : [b, a];
    const arrow = ab && ba ? "<-->" : "-->";
    lines.push(`  ${node(from, from)} ${arrow}|"${label}"| ${node(to, to)}`);
    if ((ab?.missing.size ?? 0) + (ba?.missing.size ?? 0) > 0) red.push(index);
    index++;
  }
  for (const gap of open) {
    lines.push(`  ${node(gap.from, gap.from)} -.->|"${escapeMermaid(`missing ${gap.missing}`)}"| ${node(`gap:${gap.from}`, "no site yet")}`);
    red.push(index++);
  }
  if (red.length) lines.push(`  linkStyle ${red.join(",")} stroke:#d32f2f,stroke-width:2px,color:#d32f2f`);
  const gapSites = [...new Set(gaps.map((g) => g.from))].sort();
  if (gapSites.length) {
    lines.push("  classDef gap stroke:#d32f2f,stroke-width:3px");
    lines.push(`  class ${gapSites.map((c) => ids.get(c)).join(",")} gap`);
  }
  return lines.join("\n");
}

export type CoverageCell = "push" | "pull" | "push+pull" | "";

/** Who holds whose data in one tier (`null`: all tiers): `matrix.get(from).get(to)`. */
export function coverage(codes: readonly string[], flows: readonly Flow[], tier: string | null): Map<string, Map<string, CoverageCell>> {
  const matrix = new Map(codes.map((from) => [from, new Map(codes.map((to) => [to, "" as CoverageCell]))]));
  for (const flow of flows) {
    if (tier !== null && flow.tier !== tier) continue;
    const row = matrix.get(flow.from);
    const cell = row?.get(flow.to);
    if (cell === undefined) continue;
    const modes = new Set(cell ? cell.split("+") : []);
    modes.add(flow.mode === "pull" ? "pull" : "push");
    row!.set(flow.to, (modes.has("push") && modes.has("pull") ? "push+pull" : [...modes][0]) as CoverageCell);
  }
  return matrix;
}
