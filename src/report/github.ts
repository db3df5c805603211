import { displayPath } from "./paths.js";
import type { Formatter } from "./types.js";

/** GitHub Actions workflow commands; data and properties are escaped as the runner requires. */
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export const github: Formatter = (diagnostics, { cwd }) =>
  diagnostics
    .map((d) => {
      const level = d.severity === "error" ? "error" : "warning";
      const props = [`file=${escapeProperty(displayPath(d.file, cwd))}`, `line=${d.line}`, `col=${d.column}`];
      if (d.endLine !== undefined) props.push(`endLine=${d.endLine}`);
      if (d.endColumn !== undefined) props.push(`endColumn=${d.endColumn}`);
      props.push(`title=${escapeProperty(d.ruleId)}`);
      return `::${level} ${props.join(",")}::${escapeData(d.message)}\n`;
    })
    .join("");
