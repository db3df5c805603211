import { existsSync, lstatSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { FatalError } from "../diagnostics.js";
import { writeFileAtomic } from "../fs.js";
import { resolveAnswers, validateCode, type Ask, type QuestionKey, type SiteAnswers } from "./answers.js";
import { DEFAULT_MAX_AGE_HOURS, DEFAULT_WARN_AGE_HOURS, readFederationFacts, renderContext, type RenderInputs } from "./context.js";
import { planFederationEntry, readFederationFor, sitePathFrom, type FederationEdit } from "./federation-entry.js";
import { basePath, keepsBase, serializeState, sha256, STATE_FILE, type SiteState } from "./state.js";
import { isSafeRelativePath, loadTemplateSet, type TemplateSet } from "./templates.js";
import { alignTables } from "../fix/table-alignment.js";
import { resolveInstallSpec } from "./install-spec.js";
import { federationYaml } from "./init.js";
import { createTree, type FileChange } from "./write.js";

export interface CreateSiteOptions {
  code: string;
  name?: string;
  role?: string;
  subnet?: string;
  gateway?: string;
  visibility?: string;
  /** Target directory; `<cwd>/<code>` by default. */
  dir?: string;
  cwd?: string;
  /** federation.yaml to register the site in. */
  federation?: string;
  dryRun?: boolean;
  /** Asks for missing answers (interactive); without it, missing answers are an error. */
  ask?: Ask;
  /** Another template directory or set (tests of `upgrade` use a changed copy). */
  templates?: string | TemplateSet;
  /** How generated files install netstack; else NETSTACK_INSTALL_SPEC, federation.yaml's `netstack:`, a placeholder. */
  installSpec?: string;
  env?: NodeJS.ProcessEnv;
}

export interface CreateSiteResult {
  root: string;
  answers: SiteAnswers;
  /** Every file written (or that would be), relative to root, sorted. */
  files: string[];
  directories: string[];
  federation: { file: string; entryPath: string; created: boolean } | null;
  dryRun: boolean;
}

export function resolveTemplates(templates: string | TemplateSet | undefined): TemplateSet {
  return typeof templates === "object" ? templates : loadTemplateSet(templates);
}

export interface SiteRender {
  /** The template files, rendered. */
  files: Map<string, string>;
  /** What `.netstack/` must hold after this render. */
  state: SiteState;
}

/** Renders a site and the state that records the render. */
export function renderSite(templates: TemplateSet, inputs: RenderInputs): SiteRender {
  const files = templates.render(renderContext(inputs));
  // Tables as `lint --fix` writes them, so a new site's first fix changes nothing.
  for (const [rel, text] of files) if (rel.endsWith(".md")) files.set(rel, alignTables(text));
  const state: SiteState = { template: "site", version: templates.version, answers: inputs.answers, files: {} };
  for (const { path: rel, policy } of templates.files) {
    state.files[rel] = policy === "never-touch" ? { policy } : { policy, sha256: sha256(files.get(rel)!) };
  }
  return { files, state };
}

/** The files of `.netstack/`: state.json, and the base of each merged file. */
export function stateFiles(render: SiteRender, templates: TemplateSet): FileChange[] {
  const out: FileChange[] = [{ rel: STATE_FILE, content: serializeState(render.state) }];
  for (const { path: rel, policy } of templates.files) {
    if (keepsBase(policy)) out.push({ rel: basePath(rel), content: render.files.get(rel)! });
  }
  return out;
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

export const isExecutable = (rel: string) => rel.endsWith(".sh");

function assertEmptyTarget(target: string, shown: string): void {
  if (!existsSync(target) && !isSymlink(target)) return;
  // A link would put the site somewhere other than where the operator pointed.
  if (isSymlink(target)) throw new FatalError(`${shown}: is a symbolic link; give the directory it points to`);
  if (!statSync(target).isDirectory()) throw new FatalError(`${shown}: exists and is not a directory`);
  if (readdirSync(target).length > 0) throw new FatalError(`${shown}: exists and is not empty; create-site only writes into a new or empty directory`);
}

/**
 * `netstack create-site`: renders the site templates into a new directory, atomically, with
 * `.netstack/` recording the render for later upgrades; optionally registers the site in
 * federation.yaml.
 */
export async function createSite(options: CreateSiteOptions): Promise<CreateSiteResult> {
  const cwd = options.cwd ?? process.cwd();
  const code = validateCode(options.code);
  const shownDir = options.dir ?? code;
  const root = path.resolve(cwd, shownDir);
  assertEmptyTarget(root, shownDir);

  const federationFile = options.federation === undefined ? null : path.resolve(cwd, options.federation);
  // A federation.yaml that does not exist yet is started, as netstack init would.
  const newFederation =
    federationFile && !existsSync(federationFile)
      ? federationYaml({ name: path.basename(path.dirname(federationFile)), installSpec: resolveInstallSpec({ flag: options.installSpec, env: options.env }) })
      : undefined;
  // Refuse a duplicate before asking anything.
  if (federationFile) readFederationFor(federationFile, code, newFederation);

  const given: Partial<Record<QuestionKey, string>> = {
    name: options.name,
    role: options.role,
    subnet: options.subnet,
    gateway: options.gateway,
    visibility: options.visibility,
  };
  for (const key of Object.keys(given) as QuestionKey[]) if (given[key] === undefined) delete given[key];
  const resolved = await resolveAnswers(code, given, options.ask);

  let federationEdit: FederationEdit | null = null;
  let entryPath = "";
  if (federationFile) {
    entryPath = sitePathFrom(federationFile, root);
    federationEdit = planFederationEntry(federationFile, { code, name: resolved.answers.name, role: resolved.answers.role, path: entryPath }, newFederation);
  }
  const facts = federationFile ? readFederationFacts(federationFile) : null;
  const federationInstallSpec = facts?.installSpec ?? (newFederation ? resolveInstallSpec({ flag: options.installSpec, env: options.env }) : null);
  const answers: SiteAnswers = {
    ...resolved.answers,
    federation: federationFile ? path.relative(root, federationFile).split(path.sep).join("/") : null,
  };

  const templates = resolveTemplates(options.templates);
  const render = renderSite(templates, {
    answers,
    gateway: resolved.gateway,
    services: [],
    peers: federationEdit ? federationEdit.existingCodes : [],
    warnAgeHours: facts?.warnAgeHours ?? DEFAULT_WARN_AGE_HOURS,
    maxAgeHours: facts?.maxAgeHours ?? DEFAULT_MAX_AGE_HOURS,
    templateVersion: templates.version,
    installSpec: resolveInstallSpec({ flag: options.installSpec, env: options.env, federation: federationInstallSpec }),
  });
  const changes: FileChange[] = [
    ...templates.files.map(({ path: rel }) => ({ rel, content: render.files.get(rel)!, executable: isExecutable(rel) })),
    ...stateFiles(render, templates),
  ];
  for (const change of changes) {
    if (!isSafeRelativePath(change.rel)) throw new FatalError(`${change.rel}: resolves outside ${shownDir}; refusing to write there`);
  }

  const result: CreateSiteResult = {
    root,
    answers,
    files: changes.map((c) => c.rel).sort(),
    directories: [...templates.directories].sort(),
    federation: federationEdit ? { file: federationEdit.file, entryPath, created: newFederation !== undefined } : null,
    dryRun: Boolean(options.dryRun),
  };
  if (options.dryRun) return result;

  createTree(root, changes, templates.directories);
  if (federationEdit) {
    try {
      writeFileAtomic(federationEdit.file, federationEdit.after);
    } catch (error) {
      // Both or neither: a site the federation does not list would be a half-done create.
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }
  return result;
}
