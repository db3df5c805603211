import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { FatalError } from "../diagnostics.js";
import { writeAll } from "../fs.js";

/** One file to write (content) or remove (null), by path relative to a root. */
export interface FileChange {
  rel: string;
  content: string | null;
  executable?: boolean;
}

const tempSuffix = () => `.netstack-${process.pid}-${randomBytes(4).toString("hex")}.tmp`;

function writeDurably(file: string, content: string, executable = false): void {
  const fd = openSync(file, "w", executable ? 0o755 : 0o644);
  try {
    writeAll(fd, Buffer.from(content, "utf8"));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (executable) chmodSync(file, 0o755);
}

/** The nearest existing ancestor of a path, resolved through symlinks. */
function realExisting(p: string): string {
  let current = p;
  while (!existsSync(current)) current = path.dirname(current);
  return path.join(realpathSync(current), path.relative(current, p));
}

/** Fails when `rel` (relative to `root`) resolves outside `root`, symlinks included. */
export function assertInside(root: string, rel: string): string {
  const abs = path.resolve(root, rel);
  const realRoot = realpathSync(root);
  const real = realExisting(abs);
  const inside = path.relative(realRoot, real);
  if (inside === "" || inside === ".." || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    throw new FatalError(`${rel}: resolves outside ${root}; refusing to write there`);
  }
  return abs;
}

/**
 * Applies changes so that no file is ever half-written: every new content is first written
 * and flushed to a temp file beside its target, and only when all are staged are they renamed
 * into place (each rename is atomic). A failure while staging leaves every target untouched.
 */
export function applyChanges(root: string, changes: readonly FileChange[]): void {
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const change of changes) {
      const target = assertInside(root, change.rel);
      if (change.content === null) continue;
      mkdirSync(path.dirname(target), { recursive: true });
      const temp = path.join(path.dirname(target), `.${path.basename(target)}${tempSuffix()}`);
      staged.push({ temp, target });
      writeDurably(temp, change.content, change.executable);
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    if (error instanceof FatalError) throw error;
    throw new FatalError(`cannot write in ${root} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  for (const { temp, target } of staged) renameSync(temp, target);
  for (const change of changes) {
    if (change.content === null) rmSync(path.resolve(root, change.rel), { force: true });
  }
}

/**
 * Creates a whole new directory tree atomically: it is written into a temp directory beside
 * `target` and renamed into place, so `target` either does not exist (or stays empty) or is
 * complete. `target` must not exist or be an empty directory.
 */
export function createTree(target: string, files: readonly FileChange[], directories: readonly string[]): void {
  const parent = path.dirname(target);
  mkdirSync(parent, { recursive: true });
  const temp = path.join(parent, `.${path.basename(target)}${tempSuffix()}`);
  try {
    mkdirSync(temp);
    for (const dir of directories) mkdirSync(path.join(temp, dir), { recursive: true });
    for (const file of files) {
      if (file.content === null) continue;
      const abs = path.join(temp, file.rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeDurably(abs, file.content, file.executable);
    }
    // rename(2) replaces an empty directory, so an empty target is fine.
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw new FatalError(`${target}: cannot create the site (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
