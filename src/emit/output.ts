import {
  closeSync,
  copyFileSync,
  openSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { FatalError } from "../diagnostics.js";

/** Content written piece by piece, never held whole (a large federation's inventory.json is 100+ MB). */
export class Chunked {
  constructor(readonly chunks: () => Iterable<string>) {}
  /** The whole text, for callers that want it in memory. */
  text(): string {
    return [...this.chunks()].join("");
  }
}

/**
 * Content copied from a file (a stylesheet, Mermaid). `link`: the file is the build cache's, and
 * is taken by hard link where it can be (the cache checks on every read that each file is still
 * the one it kept); any other source is copied, so the output never shares an inode with it.
 */
export class FromFile {
  constructor(
    readonly path: string,
    readonly link = false,
  ) {}
}

export type OutputContent = string | Uint8Array | Chunked | FromFile;

/** Relative path (forward slashes) → content. */
export type OutputTree = Map<string, OutputContent>;

/** The moments of a swap, for tests that kill the process at each one. */
export type OutputStep = "temp-written" | "old-moved-aside" | "new-in-place";

export interface WriteTreeOptions {
  onStep?: (step: OutputStep) => void;
  /**
   * What the build reads (federation.yaml, site roots): the output may be neither one of them,
   * nor inside one, nor hold one, since each build replaces the output whole.
   */
  sources?: readonly string[];
  /** Top-level entries of the old tree to keep when the new one does not make them (`site`). */
  keep?: readonly string[];
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

export function pidAlive(pid: number): boolean {
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

const BLOCK = 1 << 20;

/** Compared a block at a time: the files can be a large federation's 100 MB inventory. */
function sameFiles(a: string, b: string): boolean {
  let fa: number | undefined;
  let fb: number | undefined;
  try {
    const stat = statSync(a);
    const other = statSync(b);
    if (!stat.isFile() || stat.size !== other.size) return false;
    // One file under two names (the build cache links what it keeps).
    if (stat.ino === other.ino && stat.dev === other.dev) return true;
    fa = openSync(a, "r");
    fb = openSync(b, "r");
    const ba = Buffer.allocUnsafe(BLOCK);
    const bb = Buffer.allocUnsafe(BLOCK);
    for (let at = 0; at < stat.size; at += BLOCK) {
      const n = readSync(fa, ba, 0, BLOCK, at);
      if (readSync(fb, bb, 0, BLOCK, at) !== n || ba.compare(bb, 0, n, 0, n) !== 0) return false;
      if (n === 0) return false;
    }
    return true;
  } catch {
    return false;
  } finally {
    if (fa !== undefined) closeSync(fa);
    if (fb !== undefined) closeSync(fb);
  }
}

function writeChunks(file: string, content: Chunked): void {
  const fd = openSync(file, "w");
  try {
    for (const chunk of content.chunks()) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/** Writes one file of the temp tree; false when the old file had the same bytes and was reused. */
function writeOne(file: string, old: string, content: OutputContent): boolean {
  if (content instanceof Chunked) {
    writeChunks(file, content);
    if (!sameFiles(old, file)) return true;
    unlinkSync(file);
  } else if (content instanceof FromFile) {
    if (!sameFiles(old, content.path)) {
      if (content.link) linkOrCopy(content.path, file);
      else copyFileSync(content.path, file);
      return true;
    }
  } else {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    if (!sameBytes(old, bytes)) {
      writeFileSync(file, bytes);
      return true;
    }
  }
  reuse(old, file);
  return false;
}

/**
 * A hard link where it can be (the build cache keeping a build's files, and a hit taking them, on
 * the same file system): an output is only ever replaced, never written in place, and the cache
 * checks that each file is still the one it kept (inode and modification time, else its hash)
 * when read.
 */
export function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
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

/** The file that marks a directory as netstack's own output: only such a directory (or an empty one) is replaced. */
export const OUTPUT_MARKER = ".netstack-output";
const MARKER_TEXT = "This directory is written by `netstack build`: each build replaces all of it.\n";

/** A build output from before the marker existed: netstack's mkdocs.yml, docs/ and the built site/, nothing else. */
function earlierOutput(target: string, names: string[]): boolean {
  if (!names.includes("mkdocs.yml") || !names.every((n) => ["mkdocs.yml", "docs", "site"].includes(n))) return false;
  try {
    return readFileSync(path.join(target, "mkdocs.yml"), "utf8").startsWith("# Generated by `netstack build`");
  } catch {
    return false;
  }
}

function realOrResolved(p: string): string {
  let probe = path.resolve(p);
  const rest: string[] = [];
  // The deepest existing ancestor's real path, then the parts that do not exist yet.
  for (;;) {
    try {
      return path.join(realpathSync(probe), ...rest);
    } catch {
      const parent = path.dirname(probe);
      if (parent === probe) return path.resolve(p);
      rest.unshift(path.basename(probe));
      probe = parent;
    }
  }
}

function within(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * `--out` is netstack's own directory. Refused, with one line: an empty path, the file system root
 * or the home directory, a directory holding `.git`, `site.yaml` or `federation.yaml`, one that is,
 * holds or lies inside a source the build reads, and a non-empty directory without the marker.
 */
export function checkOutputDir(dir: string, sources: readonly string[] = [], shown: string = dir): void {
  const refuse = (why: string) => {
    throw new FatalError(`--out ${JSON.stringify(shown)}: ${why}; give a new or empty directory, or one an earlier build wrote`);
  };
  if (dir.trim() === "") refuse("an empty path names the current directory");
  const target = realOrResolved(dir);
  if (target === path.parse(target).root || target === realOrResolved(os.homedir())) refuse("is the file system root or your home directory");
  for (const source of sources) {
    const real = realOrResolved(source);
    if (within(target, real)) refuse(`holds ${real === target ? "a source of the build" : `${path.relative(target, real) || "."}, a source of the build`}`);
    if (within(real, target)) refuse(`is inside ${real}, a source of the build`);
  }
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new FatalError(`${shown}: exists and is not a directory`);
  const names = readdirSync(target);
  for (const name of [".git", "site.yaml", "federation.yaml"]) if (names.includes(name)) refuse(`holds ${name}`);
  if (names.length > 0 && !names.includes(OUTPUT_MARKER) && !earlierOutput(target, names)) refuse(`is not empty and was not written by netstack build (no ${OUTPUT_MARKER})`);
}

/**
 * Writes a whole tree atomically: built in a temp dir beside `dir`, then swapped in.
 * A build killed at any moment leaves the previous `dir` whole (or recoverable by the next run).
 * `dir` must pass `checkOutputDir`; the tree gets the marker file.
 */
export function writeTree(dir: string, tree: OutputTree, options: WriteTreeOptions = {}): WriteTreeResult {
  checkOutputDir(dir, options.sources);
  const target = path.resolve(dir);
  if (!tree.has(OUTPUT_MARKER)) tree = new Map([...tree, [OUTPUT_MARKER, MARKER_TEXT]]);
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
      const file = path.join(temp, ...rel.split("/"));
      mkdirSync(path.dirname(file), { recursive: true });
      const wrote = writeOne(file, path.join(target, ...rel.split("/")), tree.get(rel)!);
      // The marker is bookkeeping, not output: the counts are of the project's files.
      if (rel === OUTPUT_MARKER) continue;
      if (wrote) result.written++;
      else result.unchanged++;
    }
    options.onStep?.("temp-written");
    // What the old tree holds that this one does not make (mkdocs' site/) moves across.
    const carried: string[] = [];
    for (const name of options.keep ?? []) {
      const from = path.join(target, name);
      if (!tree.has(name) && existsSync(from) && !existsSync(path.join(temp, name))) {
        renameSync(from, path.join(temp, name));
        carried.push(name);
      }
    }
    try {
      swapIn(temp, target, options);
    } catch (error) {
      for (const name of carried) renameSync(path.join(temp, name), path.join(target, name));
      throw error;
    }
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
