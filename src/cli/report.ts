import type { Diagnostic } from "../diagnostics.js";
import { FORMATTERS, type FormatterName } from "../report/index.js";
import { RULES } from "../rules/index.js";
import { ruleTimingTable, startRuleTiming, stopRuleTiming } from "../rules/timing.js";
import { plainText } from "../text/controls.js";
import { VERSION } from "../version.js";
import { mask } from "../sensitive/mask.js";
import { useColor, type Io } from "./io.js";

function printableDiagnostic(d: Diagnostic): Diagnostic {
  const message = mask(plainText(d.message));
  const file = plainText(d.file);
  const ruleId = plainText(d.ruleId);
  return message === d.message && file === d.file && ruleId === d.ruleId ? d : { ...d, message, file, ruleId };
}

/** Prints diagnostics in the chosen format; returns the exit code they mean (1 on any error). */
export function report(diagnostics: Diagnostic[], format: FormatterName, io: Io, quiet = false): number {
  // Values from site repos (cells, file names) never carry escape sequences to a terminal or a report,
  // and a message formed anywhere passes through the one mask() last.
  const shown = (quiet ? diagnostics.filter((d) => d.severity === "error") : diagnostics).map(printableDiagnostic);
  const rules = new Map<string, string>(RULES.map((r) => [r.id, r.summary]));
  rules.set("federation/schema", "federation.yaml / site.yaml fails its schema");
  rules.set("federation/site-unavailable", "A site of federation.yaml cannot be fetched or read");
  rules.set("drift/unreadable-observation", "An observation file cannot be read, or an entry of it is damaged");
  io.stdout(FORMATTERS[format](shown, { cwd: io.cwd, color: useColor(io), rules, version: VERSION }));
  return diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}

/**
 * `TIMING=1` (eslint's variable): the time of each rule over the run, slowest ten first
 * (`TIMING=all` every rule, `TIMING=20` twenty), on stderr after the report.
 */
export async function withRuleTiming<T>(io: Io, work: () => Promise<T>): Promise<T> {
  const setting = io.env.TIMING;
  if (!setting) return work();
  startRuleTiming();
  try {
    return await work();
  } finally {
    io.stderr(ruleTimingTable(stopRuleTiming(), setting));
  }
}
