import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { FatalError } from "../diagnostics.js";
import { runGitSync } from "../git/run.js";
import { loadSite } from "../inventory/site.js";
import { validateCode, validateSubnet, VISIBILITIES, type SiteAnswers } from "./answers.js";
import { refreshBlocks } from "./blocks.js";
import { DEFAULT_MAX_AGE_HOURS, DEFAULT_WARN_AGE_HOURS, federationFileOf, monitoredServices, readFederationFacts } from "./context.js";
import { isExecutable, renderSite, resolveTemplates, stateFiles } from "./create-site.js";
import { resolveInstallSpec } from "./install-spec.js";
import { mergeFile } from "./merge.js";
import { basePath, keepsBase, readBase, readSiteFile, readState, sha256, type SiteState } from "./state.js";
import type { Policy, TemplateSet } from "./templates.js";
import { applyChanges, assertInside, type FileChange } from "./write.js";

export const ACTIONS = ["create", "unchanged", "update", "merge", "conflict", "delete", "skip"] as const;
export type Action = (typeof ACTIONS)[number];

export interface FilePlan {
  path: string;
  policy: Policy | "directory";
  action: Action;
  /** Why, when the action alone does not say it. */
  reason?: string;
}

export interface UpgradeResult {
  root: string;
  from: string;
  to: string;
  dryRun: boolean;
  files: FilePlan[];
  /** Files written with conflict markers (or that would be). */
  conflicts: string[];
}

export interface UpgradeOptions {
  dryRun?: boolean;
  allowDirty?: boolean;
  templates?: string | TemplateSet;
  /** How generated files install netstack; else NETSTACK_INSTALL_SPEC, federation.yaml's `netstack:`, a placeholder. */
  installSpec?: string;
  env?: NodeJS.ProcessEnv;
}

type GitState = "clean" | "dirty" | "not-a-repo";

function gitState(root: string): GitState {
  const result = runGitSync(["status", "--porcelain", "--untracked-files=all", "--", "."], { cwd: root });
  if (!result.ok) {
    if (/not a git repository/i.test(result.reason)) return "not-a-repo";
    if (result.reason === "git is not installed") throw new FatalError(`git: ${result.reason}`);
    throw new FatalError(`git status failed in ${root}: ${result.reason}`);
  }
  return result.stdout.trim() === "" ? "clean" : "dirty";
}

/**
 * The answers to render with: those of state.json, overridden by `template.answers` in
 * site.yaml, which the operator may edit to change an answer.
 */
function currentAnswers(root: string, state: SiteState): SiteAnswers {
  const answers: SiteAnswers = { ...state.answers };
  const file = path.join(root, "site.yaml");
  if (!existsSync(file)) return answers;
  let data: unknown;
  try {
    data = parseYaml(readSiteFile(root, "site.yaml") ?? "");
  } catch (error) {
    if (error instanceof FatalError) throw error;
    throw new FatalError(`${file}: invalid YAML (${(error as Error).message.split("\n")[0]}); resolve it before upgrading`);
  }
  const given = (data as { template?: { answers?: Record<string, unknown> } } | null)?.template?.answers;
  if (!given || typeof given !== "object") return answers;
  const text = (key: string) => (typeof given[key] === "string" && (given[key] as string).trim() !== "" ? (given[key] as string).trim() : undefined);
  const code = text("code");
  if (code) answers.code = validateCode(code);
  if (text("name")) answers.name = text("name")!;
  if (text("role")) answers.role = text("role")!;
  const subnet = text("subnet");
  if (subnet) answers.subnet = validateSubnet(subnet);
  const visibility = text("visibility");
  if (visibility && (VISIBILITIES as readonly string[]).includes(visibility)) answers.visibility = visibility as SiteAnswers["visibility"];
  if (text("federation")) answers.federation = text("federation")!;
  return answers;
}

/** A file of the site through the safe reader: missing is null, a link out of the site or a FIFO stops the upgrade. */
function readIfExists(root: string, rel: string): string | null {
  return readSiteFile(root, rel);
}

/**
 * `netstack upgrade`: renders the current templates with the site's recorded answers and its
 * current inventory, and applies each file's policy:
 * - managed: overwritten;
 * - merged: 3-way merge of the operator's copy, the last render (`.netstack/base/`) and the new
 *   render, conflicts marked in the file;
 * - seed: only its managed blocks are refreshed;
 * - never-touch: skipped.
 * Files the new template no longer has are deleted when the operator never edited them.
 */
export function upgradeSite(siteDir: string, options: UpgradeOptions = {}): UpgradeResult {
  const root = path.resolve(siteDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new FatalError(`${siteDir}: no such site directory`);
  const state = readState(root);
  const templates = resolveTemplates(options.templates);
  const dryRun = Boolean(options.dryRun);

  if (!dryRun && !options.allowDirty) {
    const git = gitState(root);
    if (git === "dirty") throw new FatalError(`${siteDir}: has uncommitted changes; commit or stash them first (or pass --allow-dirty)`);
    if (git === "not-a-repo") throw new FatalError(`${siteDir}: is not in a git work tree, so the upgrade could not be undone; commit the site first (or pass --allow-dirty)`);
  }

  const answers = currentAnswers(root, state);
  const site = loadSite(root);
  const federationFile = federationFileOf(root, answers);
  const facts = federationFile ? readFederationFacts(federationFile) : null;
  const render = renderSite(templates, {
    answers,
    gateway: null,
    services: monitoredServices(site),
    peers: (facts?.codes ?? []).filter((c) => c !== answers.code),
    warnAgeHours: facts?.warnAgeHours ?? DEFAULT_WARN_AGE_HOURS,
    maxAgeHours: facts?.maxAgeHours ?? DEFAULT_MAX_AGE_HOURS,
    templateVersion: templates.version,
    installSpec: resolveInstallSpec({ flag: options.installSpec, env: options.env, federation: facts?.installSpec }),
  });

  const plans: FilePlan[] = [];
  const changes: FileChange[] = [];
  const conflicts: string[] = [];
  const labels = (rel: string) => ({ ours: `${rel} (yours)`, base: `${rel} (template ${state.version})`, theirs: `${rel} (template ${templates.version})` });

  for (const dir of templates.directories) {
    const exists = existsSync(path.join(root, dir));
    plans.push({ path: `${dir}/`, policy: "directory", action: exists ? "unchanged" : "create" });
  }

  for (const { path: rel, policy } of templates.files) {
    const fresh = render.files.get(rel)!;
    const current = policy === "never-touch" ? null : readIfExists(root, rel);
    const known = rel in state.files;
    const plan = (action: Action, content?: string, reason?: string) => {
      plans.push({ path: rel, policy, action, ...(reason ? { reason } : {}) });
      if (content !== undefined && content !== current) changes.push({ rel, content, executable: isExecutable(rel) });
    };

    if (policy === "never-touch") {
      plan("skip", undefined, "never touched by upgrade");
    } else if (current === null) {
      // A file netstack wrote before and the operator deleted stays deleted, unless netstack owns it.
      if (known && policy !== "managed") plan("skip", undefined, "deleted locally; not recreated");
      else plan("create", fresh);
    } else if (policy === "managed") {
      if (current === fresh) plan("unchanged");
      else plan("update", fresh, sha256(current) !== state.files[rel]?.sha256 ? "replaces local edits" : undefined);
    } else if (policy === "seed") {
      const refreshed = refreshBlocks(current, fresh);
      const reason = refreshed.missing.length ? `block ${refreshed.missing.join(", ")} removed locally; not re-added` : undefined;
      if (refreshed.text === current) plan("unchanged", undefined, reason);
      else plan("update", refreshed.text, `managed block ${refreshed.updated.join(", ")}${reason ? `; ${reason}` : ""}`);
    } else {
      // Without a stored base, the operator's copy is its own base if it still is the last render.
      const base = readBase(root, rel, state) ?? (sha256(current) === state.files[rel]?.sha256 ? current : "");
      if (current === fresh) plan("unchanged");
      else if (current === base) plan("update", fresh);
      else if (fresh === base) plan("unchanged", undefined, "local edits kept; no template change");
      else {
        const merged = mergeFile(current, base, fresh, labels(rel));
        if (merged.conflicts > 0) {
          conflicts.push(rel);
          plan("conflict", merged.text, `${merged.conflicts} conflict${merged.conflicts === 1 ? "" : "s"} marked in the file`);
        } else plan("merge", merged.text);
      }
    }
  }

  // Files an older template wrote that this one no longer has.
  const inTemplate = new Set(templates.files.map((f) => f.path));
  for (const [rel, { policy, sha256: hash }] of Object.entries(state.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (inTemplate.has(rel)) continue;
    const text = policy === "never-touch" ? null : readIfExists(root, rel);
    if (policy === "never-touch" || policy === "seed") plans.push({ path: rel, policy, action: "skip", reason: "no longer in the template; yours now" });
    else if (text === null) continue;
    else if (sha256(text) === hash) {
      plans.push({ path: rel, policy, action: "delete" });
      changes.push({ rel, content: null });
    } else plans.push({ path: rel, policy, action: "skip", reason: "no longer in the template, edited locally; left in place" });
    if (keepsBase(policy) && readIfExists(root, basePath(rel)) !== null) changes.push({ rel: basePath(rel), content: null });
  }

  // A seed keeps the hash of the render it was created from: later renders never reach it.
  for (const { path: rel, policy } of templates.files) {
    const previous = state.files[rel];
    const created = plans.some((p) => p.path === rel && p.action === "create");
    if (policy === "seed" && previous?.policy === "seed" && previous.sha256 && !created) render.state.files[rel] = previous;
  }
  // .netstack/ follows the new render; unchanged bytes are not rewritten.
  for (const change of stateFiles(render, templates)) {
    if (readIfExists(root, change.rel) !== change.content) changes.push(change);
  }

  const result: UpgradeResult = { root, from: state.version, to: templates.version, dryRun, files: plans, conflicts };
  if (dryRun) return result;
  for (const change of changes) assertInside(root, change.rel);
  applyChanges(root, changes);
  for (const dir of templates.directories) mkdirSync(assertInside(root, dir), { recursive: true });
  return result;
}

/** `text` output: one line per file, then a summary. */
export function formatUpgrade(result: UpgradeResult, shownDir: string): string {
  const lines: string[] = [];
  const verb = result.dryRun ? "would upgrade" : "upgraded";
  // Same version: nothing to upgrade to; the files below still follow changed answers and tables.
  const what = result.from === result.to ? `template ${result.to} is already current` : `${verb} from template ${result.from} to ${result.to}`;
  lines.push(`${shownDir}: ${what}${result.dryRun ? " (dry run, nothing written)" : ""}`);
  const width = ACTIONS.reduce((w, a) => Math.max(w, a.length), 0);
  for (const file of result.files) lines.push(`  ${file.action.padEnd(width)}  ${file.path}${file.reason ? `  (${file.reason})` : ""}`);
  const counts = ACTIONS.map((a) => [a, result.files.filter((f) => f.action === a).length] as const).filter(([, n]) => n > 0);
  lines.push(counts.map(([a, n]) => `${n} ${a}`).join(", "));
  if (result.conflicts.length) {
    lines.push(`Resolve the conflict markers (<<<<<<< … >>>>>>>) in: ${result.conflicts.join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}
