import { cpSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { readTree } from "../build/helpers.js";
import { CLEAN } from "../cli/sites.js";
import { makeSite, netstack, repoRoot, tempDir, type CliResult } from "../foundation/helpers.js";

export { readTree };
export const BAD = path.join(repoRoot, "fixtures/bad");
export const FEDERATION = path.join(repoRoot, "fixtures/federation");

/** The tiny clean site of the CLI tests, with a bad-input case's files (fixtures/bad/<name>/) laid over it. */
export function siteWithCase(name: string | null, extra: Record<string, string> = {}): string {
  const dir = makeSite({ ...CLEAN, ...extra });
  if (name) cpSync(path.join(BAD, name), dir, { recursive: true });
  return dir;
}

/** A copy of the example federation with a case's files laid over it. */
export function federationWithCase(name: string): string {
  const dir = path.join(tempDir("netstack-bad-"), "federation");
  cpSync(FEDERATION, dir, { recursive: true });
  cpSync(path.join(BAD, name), dir, { recursive: true });
  return dir;
}

/**
 * A fatal user error as SPEC §7 wants it: exit 2, exactly one line on stderr (no stack frame),
 * nothing on stdout. Returns that line.
 */
export function expectFatal(result: CliResult, pattern: RegExp): string {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: "" });
  expect(result.stderr).toMatch(/^netstack: [^\n]+\n$/);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).toMatch(pattern);
  return result.stderr.trimEnd();
}

export interface Found {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
  message: string;
}

/** The diagnostics of a `--format json` run that ended normally (exit 0 or 1, stderr silent). */
export function diagnosticsOf(result: CliResult): Found[] {
  expect(result.stderr).toBe("");
  expect([0, 1]).toContain(result.code);
  const list = JSON.parse(result.stdout) as Found[];
  return list.map(({ file, line, column, ruleId, severity, message }) => ({ file, line, column, ruleId, severity, message }));
}

/** Runs the CLI in `cwd` (so reported paths are relative to it). */
export function run(cwd: string, ...args: string[]): CliResult {
  return netstack(args, { cwd });
}

/** Names in a directory, for "no temp file or dir was left beside the output". */
export function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** A deterministic byte generator (mulberry32), so a "random bytes" case is the same on every run. */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}
