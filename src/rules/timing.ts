/**
 * Time spent in each rule, as eslint's `TIMING=1` reports it: collected only between
 * `startRuleTiming()` and `stopRuleTiming()`, so an ordinary run pays one null check per rule.
 */
let times: Map<string, number> | null = null;

export function startRuleTiming(): void {
  times = new Map();
}

/** Milliseconds per rule id since `startRuleTiming()`, slowest first; timing stops. */
export function stopRuleTiming(): [string, number][] {
  const result = [...(times ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  times = null;
  return result;
}

/** Runs `check`, adding its time to `id` while timing is on. */
export function timed<T>(id: string, check: () => T): T {
  if (times === null) return check();
  const start = performance.now();
  try {
    return check();
  } finally {
    times.set(id, (times.get(id) ?? 0) + performance.now() - start);
  }
}

/**
 * The table eslint prints for `TIMING`: the slowest ten rules, or more (`TIMING=all`: every one;
 * `TIMING=20`: twenty), with their share of the time of all rules.
 */
export function ruleTimingTable(rows: [string, number][], setting: string): string {
  const count = setting.toLowerCase() === "all" ? rows.length : Math.max(10, Number.parseInt(setting, 10) || 0);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const shown = rows.slice(0, count).map(([id, ms]) => [id, ms.toFixed(1), `${total > 0 ? ((100 * ms) / total).toFixed(1) : "0.0"}%`]);
  const header = ["Rule", "Time (ms)", "Relative"];
  const widths = header.map((h, i) => shown.reduce((width, row) => Math.max(width, row[i]!.length), h.length));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ");
  // Markdown alignment row under " | " separators: the rule column left, the numbers right.
  const align = `:${"-".repeat(widths[0]!)}|${"-".repeat(widths[1]! + 1)}:|${"-".repeat(widths[2]!)}:`;
  return [line(header), align, ...shown.map(line)].join("\n") + "\n";
}
