import path from "node:path";
import { check, type CheckOptions } from "../../check.js";
import type { Diagnostic } from "../../diagnostics.js";
import type { Federation } from "../../federation/load.js";
import { writeTree, type OutputStep, type WriteTreeResult } from "../output.js";
import { buildDocs } from "./build.js";
import { detectTheme } from "./mkdocs-config.js";
import type { DocsOptions, Theme } from "./prepare.js";
import { runMkdocs, type MkdocsResult } from "./run-mkdocs.js";

export type { DocsInput, DocsOptions, Theme } from "./prepare.js";
export { buildDocs } from "./build.js";
export { detectTheme } from "./mkdocs-config.js";
export { runMkdocs } from "./run-mkdocs.js";
export { updateSiteNav } from "./update-nav.js";

export interface BuildSiteOptions extends Omit<CheckOptions, "profile" | "rules"> {
  out: string;
  profile?: DocsOptions["profile"];
  nowMs?: number;
  theme?: Theme;
  /** Also run `mkdocs build --strict` on the result. */
  mkdocs?: boolean;
  onStep?: (step: OutputStep) => void;
}

export interface BuildSiteResult {
  federation: Federation;
  diagnostics: Diagnostic[];
  layout: DocsOptions["layout"];
  output: WriteTreeResult;
  pages: number;
  mkdocs: MkdocsResult | null;
}

/**
 * `netstack build`: checks the federation (or lone site), then writes its MkDocs project into
 * `out` atomically. Rule errors do not stop the build; they are listed on the index.
 */
export async function buildSite(target: string | Federation | undefined, options: BuildSiteOptions): Promise<BuildSiteResult> {
  // Rules judge each site by its own visibility: the public profile redacts the output instead.
  const { profile, out: outDir, nowMs, theme, mkdocs: runIt, onStep, ...checkOptions } = options;
  const { diagnostics, federation } = await check(target, { ...checkOptions, now: nowMs });
  const layout = federation.file === null ? "site" : "federation";
  const tree = buildDocs(
    {
      name: federation.name,
      generatedFrom: federation.file ? path.basename(federation.file) : "site.yaml",
      baseDir: federation.file ? path.dirname(federation.file) : (federation.sites[0]?.root ?? process.cwd()),
      sites: federation.sites,
      federation: federation.config,
      diagnostics,
    },
    { profile: profile ?? "public", nowMs: nowMs ?? Date.now(), theme: theme ?? detectTheme(), layout },
  );
  const out = path.resolve(options.cwd ?? process.cwd(), outDir);
  const output = writeTree(out, tree, { onStep });
  const pages = [...tree.keys()].filter((k) => k.endsWith(".md")).length;
  const mkdocs = runIt ? runMkdocs(out, options.env) : null;
  return { federation, diagnostics, layout, output, pages, mkdocs };
}
