import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { FatalError } from "../../diagnostics.js";
import { findSiteRoot } from "../../inventory/site.js";
import { buildSite, updateSiteNav } from "../../emit/mkdocs/index.js";
import { resolveNow } from "../../status/site-status.js";
import { type Io, oneOf, oneTarget, parseCommand, pathFlag, PROFILES } from "../io.js";
import { progressLine } from "../progress.js";
import { mask } from "../../sensitive/mask.js";
import { plainText } from "../../text/controls.js";

const HELP = `Usage: netstack build [federation.yaml | site-dir] --out DIR [--profile public|private] [--mkdocs]
                      [--now TIME] [--theme material|mkdocs] [--update-nav] [--no-cache]
                      [--cache DIR] [--offline]

Writes the MkDocs project of a federation (index, backup, inventory, one section per site)
or of one site into DIR: DIR/mkdocs.yml and DIR/docs/. The new tree is built beside DIR and
swapped in; files whose bytes did not change keep their mtime. DIR belongs to netstack
(marked by .netstack-output) and is replaced whole, so a site or federation directory,
anything inside or above one, a directory holding .git, and a non-empty directory
netstack did not write are refused. Rule errors do not stop the build: they are listed
on the index page, and the exit code is 1.

Options:
  -o, --out DIR       where the MkDocs project goes (required, unless only --update-nav)
      --profile P     public (default: no IP, MAC, overlay id, e-mail or credential in the
                      output) or private (merges ops/sensitive/*.yaml, for a local build)
      --mkdocs        also run \`mkdocs build --strict\` on DIR (site in DIR/site)
      --now TIME      the time of the status pages (ISO 8601 or epoch seconds; default
                      SOURCE_DATE_EPOCH, else the clock)
      --theme T       material or mkdocs (default: material when mkdocs can load it)
      --update-nav    per-site mode: rewrite the nav of the site's .mkdocs/mkdocs.yml from
                      the Markdown files present, keeping its comments
      --no-cache      neither use nor write the build cache: .netstack-cache/ beside
                      federation.yaml (or in the site) keeps what a public build made from its
                      sources alone, keyed by a hash of every input; safe to delete
      --cache DIR     where repo sites are cloned
      --offline       use the cache as it is: no clone, no fetch

Exit codes: 0 built, 1 built with rule errors or mkdocs failed, 2 usage or fatal error.
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      out: { type: "string", short: "o" },
      profile: { type: "string" },
      mkdocs: { type: "boolean" },
      now: { type: "string" },
      theme: { type: "string" },
      "update-nav": { type: "boolean" },
      cache: { type: "string" },
      "no-cache": { type: "boolean" },
      offline: { type: "boolean" },
    },
    "build",
    HELP,
    io,
  );
  if (values.help) return 0;
  oneTarget(positionals, "build");
  if (values.out === undefined && !values["update-nav"]) throw new FatalError("build: --out DIR is required");
  const profile = oneOf(values.profile, PROFILES, "--profile", "public");
  const theme = oneOf(values.theme, ["material", "mkdocs"] as const, "--theme");
  const nowMs = resolveNow(values.now, io.env);
  const target = path.resolve(io.cwd, positionals[0] ?? ".");
  if (values["update-nav"] && isFederation(target)) throw new FatalError("--update-nav takes a site directory, not a federation");
  let code = 0;

  if (values.out !== undefined) {
    const progress = progressLine(io);
    let result;
    try {
      result = await buildSite(positionals[0], { out: values.out, profile, theme, nowMs, mkdocs: values.mkdocs, cwd: io.cwd, cache: pathFlag(values.cache, io), offline: values.offline, env: io.env, onProgress: progress.update, buildCache: !values["no-cache"] });
    } finally {
      progress.clear();
    }
    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    const out = values.out;
    io.stderr(
      `netstack: built ${result.pages} pages of ${result.sites} site(s) into ${out} (${result.output.written} written, ${result.output.unchanged} unchanged${result.cache === "hit" ? "; sources unchanged, from the build cache" : ""})\n`,
    );
    if (result.cacheProblem) io.stderr(`netstack: warning: build cache not written (${plainText(result.cacheProblem)}); the build itself is complete\n`);
    if (errors) {
      io.stderr(`netstack: ${errors} rule error(s), listed on the index page; \`netstack check\` shows them\n`);
      code = 1;
    }
    if (result.mkdocs && !result.mkdocs.ok) {
      const page = result.mkdocs.page ? `${out}/docs/${result.mkdocs.page}: ` : "";
      io.stderr(`netstack: mkdocs build --strict failed: ${mask(plainText(`${page}${result.mkdocs.message ?? ""}`))}\n`);
      code = 1;
    } else if (result.mkdocs) io.stderr(`netstack: mkdocs build --strict passed (${out}/site)\n`);
  }
  if (values["update-nav"]) {
    const root = findSiteRoot(target);
    if (!root) throw new FatalError(`${positionals[0] ?? "."}: not inside a site (no site.yaml or docs/ above it)`);
    const { file, changed } = updateSiteNav(root);
    io.stderr(`netstack: ${path.relative(io.cwd, file)} ${changed ? "nav updated" : "nav already up to date"}\n`);
  }
  return code;
}

/** A federation.yaml, or a directory holding one that is not itself a site (as `loadTarget` decides). */
function isFederation(target: string): boolean {
  if (existsSync(target) && !statSync(target).isDirectory()) return /\.ya?ml$/i.test(target);
  return existsSync(path.join(target, "federation.yaml")) && !existsSync(path.join(target, "site.yaml"));
}
