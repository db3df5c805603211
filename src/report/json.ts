import { displayPath } from "./paths.js";
import type { Formatter } from "./types.js";

/** The diagnostics as a JSON array, paths relative to cwd. */
export const json: Formatter = (diagnostics, { cwd }) =>
  `${JSON.stringify(
    diagnostics.map((d) => ({ ...d, file: displayPath(d.file, cwd) })),
    null,
    2,
  )}\n`;
