import type { Diagnostic } from "../diagnostics.js";
import { FORMATTERS, type FormatterName } from "../report/index.js";
import { RULES } from "../rules/index.js";
import { VERSION } from "../version.js";
import { useColor, type Io } from "./io.js";

/** Prints diagnostics in the chosen format; returns the exit code they mean (1 on any error). */
export function report(diagnostics: Diagnostic[], format: FormatterName, io: Io, quiet = false): number {
  const shown = quiet ? diagnostics.filter((d) => d.severity === "error") : diagnostics;
  const rules = new Map<string, string>(RULES.map((r) => [r.id, r.summary]));
  rules.set("federation/schema", "federation.yaml / site.yaml fails its schema");
  rules.set("federation/site-unavailable", "A site of federation.yaml cannot be fetched or read");
  rules.set("drift/unreadable-observation", "An observation file cannot be read, or an entry of it is damaged");
  io.stdout(FORMATTERS[format](shown, { cwd: io.cwd, color: useColor(io), rules, version: VERSION }));
  return diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}
