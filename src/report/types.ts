import type { Diagnostic } from "../diagnostics.js";

export interface FormatOptions {
  /** Paths are shown relative to this directory. */
  cwd: string;
  color: boolean;
  /** Rule summaries by ID, for SARIF's rule metadata. */
  rules: ReadonlyMap<string, string>;
  version: string;
}

/** A formatter is a pure function from diagnostics to text, as in eslint. */
export type Formatter = (diagnostics: readonly Diagnostic[], options: FormatOptions) => string;
