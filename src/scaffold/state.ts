import { createHash } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { SITE_CODE } from "../config/site.js";
import { FatalError } from "../diagnostics.js";
import { readInside, refusalText } from "../io/safe-read.js";
import type { SiteAnswers } from "./answers.js";
import { isSafeRelativePath, POLICIES, type Policy } from "./templates.js";

/**
 * `.netstack/state.json`: what the last render produced, so `upgrade` can tell the operator's
 * edits from netstack's and never has to re-render an old template to get a merge base.
 * The last rendered text of each merged file is kept in `.netstack/base/<path>`.
 */
export const STATE_DIR = ".netstack";
export const STATE_FILE = `${STATE_DIR}/state.json`;
export const BASE_DIR = `${STATE_DIR}/base`;

/** One line of text: state.json values reach generated files (scripts included). */
const oneLine = z.string().regex(/^[^\0-\x1f\x7f-\x9f]*$/, "must be one line without control characters");

const answersSchema = z.object({
  code: z.string().regex(SITE_CODE, "must match ^[a-z][a-z0-9-]{1,15}$"),
  name: oneLine,
  role: oneLine,
  subnet: oneLine,
  visibility: z.enum(["private", "public"]),
  federation: oneLine.nullable().default(null),
});

const stateSchema = z.object({
  template: z.literal("site"),
  version: z.string(),
  answers: answersSchema,
  files: z.record(z.string(), z.object({ policy: z.enum(POLICIES), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() })),
});

export interface SiteState {
  template: "site";
  version: string;
  answers: SiteAnswers;
  /**
   * The hash of each rendered file. Never-touch files have none: they hold addresses, and the
   * hash of a short text such as `gw: 192.168.9.1` is easily reversed.
   */
  files: Record<string, { policy: Policy; sha256?: string }>;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Only merged files need a base: managed ones are overwritten, seed ones only take blocks. */
export function keepsBase(policy: Policy): boolean {
  return policy === "merged";
}

export function basePath(rel: string): string {
  return `${BASE_DIR}/${rel}`;
}

/** Stable JSON: sorted keys, two-space indent, final newline (so an idle upgrade changes nothing). */
export function serializeState(state: SiteState): string {
  const files = Object.fromEntries(
    Object.keys(state.files)
      .sort()
      .map((k) => [k, { policy: state.files[k]!.policy, sha256: state.files[k]!.sha256 }]),
  );
  const { code, name, role, subnet, visibility, federation } = state.answers;
  const answers = { code, name, role, subnet, visibility, federation };
  return `${JSON.stringify({ template: state.template, version: state.version, answers, files }, null, 2)}\n`;
}

/**
 * A file of the site `upgrade` reads (state.json, a base, a rendered file), through the safe reader:
 * null when missing; a link out of the site, a FIFO or a device stops the command, before any write.
 */
export function readSiteFile(root: string, rel: string): string | null {
  const file = path.join(root, rel);
  const result = readInside(root, file);
  if (result.ok) return result.text;
  if (result.problem === "missing") return null;
  throw new FatalError(`${file}: ${refusalText(result, file)}`);
}

export function readState(root: string): SiteState {
  const file = path.join(root, STATE_FILE);
  const text = readSiteFile(root, STATE_FILE);
  if (text === null) throw new FatalError(`${file}: not found; upgrade needs a site made by netstack create-site`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FatalError(`${file}: not valid JSON (${(error as Error).message.split("\n")[0]})`);
  }
  const parsed = stateSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FatalError(`${file}: ${issue.path.join(".") || "state"}: ${issue.message}`);
  }
  for (const rel of Object.keys(parsed.data.files)) {
    if (!isSafeRelativePath(rel)) throw new FatalError(`${file}: "${rel}" resolves outside the site directory`);
  }
  return parsed.data;
}

/** The stored base of a merged file, checked against its recorded hash. */
export function readBase(root: string, rel: string, state: SiteState): string | null {
  const file = path.join(root, basePath(rel));
  const text = readSiteFile(root, basePath(rel));
  if (text === null) return null;
  const recorded = state.files[rel]?.sha256;
  // A base that no longer matches its hash was edited by hand: merging against it would lie.
  if (recorded && sha256(text) !== recorded) throw new FatalError(`${file}: does not match the hash in ${STATE_FILE}; restore it from git`);
  return text;
}
