import { readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import Handlebars from "handlebars";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { FatalError } from "../diagnostics.js";
import { PACKAGE_ROOT } from "../package-root.js";

/** What `upgrade` may do with a file (see templates/site/template.yaml). */
export const POLICIES = ["managed", "merged", "seed", "never-touch"] as const;
export type Policy = (typeof POLICIES)[number];

const manifestSchema = z.strictObject({
  version: z.string().min(1),
  directories: z.array(z.string()).default([]),
  files: z.record(z.string(), z.enum(POLICIES)),
});

/** A loaded template set: its version, a policy per output file, and the compiled templates. */
export interface TemplateSet {
  dir: string;
  version: string;
  directories: string[];
  files: { path: string; policy: Policy }[];
  render(context: object): Map<string, string>;
}

/** The site templates shipped with netstack (`templates/site/` next to `src/` or `dist/`). */
export const DEFAULT_TEMPLATES_DIR = path.join(PACKAGE_ROOT, "templates/site/");

const MANIFEST = "template.yaml";
const PARTIALS = "partials";

/** `.gitignore` is stored as `_gitignore.hbs`: npm drops dotfiles such as .gitignore from packages. */
export function templateSource(outputPath: string): string {
  return `${outputPath
    .split("/")
    .map((segment) => (segment.startsWith(".") ? `_${segment.slice(1)}` : segment))
    .join("/")}.hbs`;
}

/** A relative path that stays inside the directory it is joined to. */
export function isSafeRelativePath(rel: string): boolean {
  if (rel === "" || rel.includes("\\") || path.posix.isAbsolute(rel) || /^[a-z]:/i.test(rel)) return false;
  const normal = path.posix.normalize(rel);
  return normal === rel && normal !== ".." && !normal.startsWith("../");
}

/**
 * Loads a template set. `version` overrides the manifest's (tests of `upgrade` pass their own);
 * every `.hbs` file must be in the manifest and every manifest entry must have its template.
 */
export function loadTemplateSet(dir: string = DEFAULT_TEMPLATES_DIR, options: { version?: string } = {}): TemplateSet {
  const manifestFile = path.join(dir, MANIFEST);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(manifestFile, "utf8"));
  } catch (error) {
    throw new FatalError(`${manifestFile}: cannot read the template manifest (${(error as Error).message.split("\n")[0]})`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FatalError(`${manifestFile}: ${issue.path.join(".") || "manifest"}: ${issue.message}`);
  }
  const manifest = parsed.data;
  for (const rel of [...Object.keys(manifest.files), ...manifest.directories]) {
    if (!isSafeRelativePath(rel)) throw new FatalError(`${manifestFile}: "${rel}" resolves outside the site directory`);
  }

  const hbs = Handlebars.create();
  registerHelpers(hbs);
  for (const file of fg.sync(`${PARTIALS}/*.hbs`, { cwd: dir })) {
    hbs.registerPartial(path.basename(file, ".hbs"), readFileSync(path.join(dir, file), "utf8"));
  }

  const sources = new Set(fg.sync("**/*.hbs", { cwd: dir, dot: true, ignore: [`${PARTIALS}/**`] }));
  const files = Object.entries(manifest.files).map(([rel, policy]) => ({ path: rel, policy }));
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const { path: rel } of files) {
    const source = templateSource(rel);
    if (!sources.delete(source)) throw new FatalError(`${manifestFile}: "${rel}" has no template ${source}`);
    // Strict: a variable missing from the context is an error, never an empty string.
    compiled.set(rel, hbs.compile(readFileSync(path.join(dir, source), "utf8"), { strict: true, noEscape: true }));
  }
  if (sources.size > 0) throw new FatalError(`${manifestFile}: template ${[...sources][0]} is not listed under files`);

  return {
    dir,
    version: options.version ?? manifest.version,
    directories: manifest.directories,
    files,
    render(context) {
      const out = new Map<string, string>();
      for (const [rel, template] of compiled) {
        try {
          out.set(rel, template(context));
        } catch (error) {
          throw new FatalError(`template ${templateSource(rel)}: ${(error as Error).message.split("\n")[0]}`);
        }
      }
      return out;
    },
  };
}

/** Templates write Markdown, YAML and bash: no HTML escaping, an explicit helper per language. */
function registerHelpers(hbs: typeof Handlebars): void {
  const quoting: Record<string, (value: string) => string> = { shq: shellQuote, yaml: yamlScalar, cell: markdownCell, md: markdownText };
  for (const [name, quote] of Object.entries(quoting)) {
    hbs.registerHelper(name, (value: unknown, options: Handlebars.HelperOptions) => quote(String(required(value, name, options))));
  }
  // Strict mode does not reach helper arguments: make the block helpers refuse a missing value too.
  for (const name of ["if", "unless", "each", "with"]) {
    const builtin = hbs.helpers[name] as Handlebars.HelperDelegate;
    hbs.registerHelper(name, function (this: unknown, value: unknown, options: Handlebars.HelperOptions) {
      return builtin.call(this, required(value, name, options), options);
    });
  }
}

/** The context never holds undefined (absent answers are "" or null), so undefined is a missing variable. */
function required(value: unknown, helper: string, options: Handlebars.HelperOptions): unknown {
  if (value !== undefined) return value;
  const at = (options as { loc?: { start: { line: number; column: number } } }).loc?.start;
  throw new Error(`an argument of {{${helper}}} is not defined${at ? ` - ${at.line}:${at.column}` : ""}`);
}

/** A YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(value: string): string {
  const special = /^(true|false|yes|no|on|off|y|n|null|~|\.inf|-\.inf|\.nan)$/i.test(value);
  const numeric = /^[-+]?(\.\d+|\d[\d_]*(\.\d*)?)([eE][-+]?\d+)?$|^0[xob][\da-f_]+$/i.test(value);
  const plain = /^[A-Za-z0-9_./][A-Za-z0-9_ ./()'-]*$/.test(value) && !/\s$/.test(value);
  return plain && !special && !numeric ? value : JSON.stringify(value);
}

/** A single-quoted bash word. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}


/** Text for a Markdown table cell: pipes escaped, line breaks flattened. */
export function markdownCell(value: string): string {
  return value.replace(/\r?\n|\r/g, " ").replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}

/** Inline Markdown text: characters that would start markup or HTML are escaped. */
export function markdownText(value: string): string {
  return value.replace(/\r?\n|\r/g, " ").replace(/([\\`*_[\]<>|#])/g, "\\$1");
}
