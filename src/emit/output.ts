import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { FatalError } from "../diagnostics.js";

/** Relative path (forward slashes) → content. */
export type OutputTree = Map<string, string | Uint8Array>;

/** The moments of a swap, for tests that kill the process at each one. */
export type OutputStep = "temp-written" | "old-moved-aside" | "new-in-place";

export interface WriteTreeOptions {
  onStep?: (step: OutputStep) => void;
}

export interface WriteTreeResult {
  written: number;
  /** Files whose bytes did not change and kept their old inode and mtime. */
  unchanged: number;
}

const TEMP_MARK = ".netstack-tmp-";
const OLD_MARK = ".netstack-old-";

function sideName(dir: string, mark: string): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}${mark}${process.pid}-${Date.now().toString(36)}`);
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Clears what a killed build left beside `dir`. If the kill fell between moving the old tree
 * aside and moving the new one in, the old tree is put back first, so `dir` is whole again.
 */
export function recoverLeftovers(dir: string): void {
  const parent = path.dirname(dir);
  const prefix = `.${path.basename(dir)}`;
  if (!existsSync(parent)) return;
  const leftovers = readdirSync(parent)
    .filter((name) => name.startsWith(prefix + TEMP_MARK) || name.startsWith(prefix + OLD_MARK))
    .filter((name) => !pidAlive(Number(/-(\d+)-[0-9a-z]+$/.exec(name)?.[1] ?? "0")))
    .sort();
  for (const name of leftovers) {
    const abs = path.join(parent, name);
    if (name.startsWith(prefix + OLD_MARK) && !existsSync(dir)) renameSync(abs, dir);
    else rmSync(abs, { recursive: true, force: true });
  }
}

function sameBytes(file: string, content: Uint8Array): boolean {
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size !== content.byteLength) return false;
    return Buffer.compare(readFileSync(file), content) === 0;
  } catch {
    return false;
  }
}

/** Keeps an unchanged file's inode (hard link), or at least its mtime (copy + utimes). */
function reuse(oldFile: string, newFile: string): void {
  try {
    linkSync(oldFile, newFile);
  } catch {
    copyFileSync(oldFile, newFile);
    const stat = statSync(oldFile);
    utimesSync(newFile, stat.atime, stat.mtime);
  }
}

/**
 * Writes a whole tree atomically: built in a temp dir beside `dir`, then swapped in.
 * A build killed at any moment leaves the previous `dir` whole (or recoverable by the next run).
 */
export function writeTree(dir: string, tree: OutputTree, options: WriteTreeOptions = {}): WriteTreeResult {
  const target = path.resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory()) throw new FatalError(`${dir}: exists and is not a directory`);
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    recoverLeftovers(target);
  } catch (error) {
    throw new FatalError(`${dir}: cannot prepare output (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const temp = sideName(target, TEMP_MARK);
  const result: WriteTreeResult = { written: 0, unchanged: 0 };
  try {
    mkdirSync(temp);
    for (const rel of [...tree.keys()].sort()) {
      const content = tree.get(rel)!;
      const bytes = typeof content === "string" ? Buffer.from(content) : content;
      const file = path.join(temp, ...rel.split("/"));
      const old = path.join(target, ...rel.split("/"));
      mkdirSync(path.dirname(file), { recursive: true });
      if (sameBytes(old, bytes)) {
        reuse(old, file);
        result.unchanged++;
      } else {
        writeFileSync(file, bytes);
        result.written++;
      }
    }
    options.onStep?.("temp-written");
    swapIn(temp, target, options);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (error instanceof FatalError) throw error;
    throw new FatalError(`${dir}: cannot write output (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return result;
}

function swapIn(temp: string, target: string, options: WriteTreeOptions): void {
  if (!existsSync(target)) {
    renameSync(temp, target);
    options.onStep?.("new-in-place");
    return;
  }
  const old = sideName(target, OLD_MARK);
  renameSync(target, old);
  options.onStep?.("old-moved-aside");
  try {
    renameSync(temp, target);
  } catch (error) {
    renameSync(old, target);
    throw error;
  }
  options.onStep?.("new-in-place");
  rmSync(old, { recursive: true, force: true });
}
