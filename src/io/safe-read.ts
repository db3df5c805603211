import { isAscii } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";

/**
 * The one reader for files a site repo supplies. A site repo is untrusted input: a symlink may
 * point at `/etc/passwd` or `/proc/self/environ`, a "file" may be a FIFO or `/dev/zero`. So a read
 * stays under the site root (after resolving symlinks), opens only regular files (O_NONBLOCK, so a
 * FIFO cannot hang the open; then fstat on the opened descriptor), and never reads more than a limit.
 */

/** Default ceiling for one file a site supplies (Markdown, YAML, state files). */
export const MAX_SITE_FILE_BYTES = 32 * 1024 * 1024;

export type SafeReadProblem = "missing" | "outside-root" | "not-regular" | "too-large" | "unreadable";

export type SafeReadResult =
  | { ok: true; text: string; bytes: number; mtimeMs: number }
  | { ok: false; problem: SafeReadProblem; message: string };

export interface SafeReadOptions {
  /** Largest file accepted, in bytes (default MAX_SITE_FILE_BYTES). */
  maxBytes?: number;
}

/** Is `target` the directory `root` or inside it (both already resolved)? */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * The OS's realpath(3): one call, where Node's JavaScript realpathSync lstats every component of
 * the path (a federation check reads thousands of files).
 */
const realpath = realpathSync.native;

function realRoot(root: string): string {
  try {
    return realpath(root);
  } catch {
    return path.resolve(root);
  }
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

type Refusal = { ok: false; problem: SafeReadProblem; message: string };

/**
 * Opens `file` for reading when its real path lies under `root`'s, it is a regular file (opened
 * O_NONBLOCK so a FIFO cannot hang the open, then judged by fstat of that descriptor) and its size
 * is within `maxBytes`; the caller closes the descriptor. Never throws.
 */
function openInside(root: string, file: string, maxBytes: number): { ok: true; fd: number; stat: Stats } | Refusal {
  const abs = path.resolve(root, file);
  let real: string;
  try {
    real = realpath(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { ok: false, problem: "missing", message: "no such file" };
    return { ok: false, problem: "unreadable", message: `cannot read (${code ?? String(error)})` };
  }
  if (!isInside(realRoot(root), real)) return { ok: false, problem: "outside-root", message: "a symbolic link that leaves the site; not read" };
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problem: "unreadable", message: `cannot read (${code ?? String(error)})` };
  }
  let refusal: Refusal | null = null;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) refusal = { ok: false, problem: "not-regular", message: "not a regular file (a device, FIFO or socket); not read" };
    else if (stat.size > maxBytes) refusal = { ok: false, problem: "too-large", message: `${sizeLabel(stat.size)}, over the ${sizeLabel(maxBytes)} limit for one file; not read` };
    else return { ok: true, fd, stat };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    refusal = { ok: false, problem: "unreadable", message: `cannot read (${code ?? String(error)})` };
  }
  closeSync(fd);
  return refusal;
}

/** UTF-8 text of the first `length` bytes; ASCII (most docs) is copied byte for byte, several times faster. */
function decode(buffer: Buffer, length: number): string {
  const bytes = buffer.subarray(0, length);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

export type SafeBytesResult = { ok: true; buffer: Buffer; bytes: number; mtimeMs: number } | Refusal;

/**
 * Reads `file` (absolute, or relative to `root`) if and only if it is a regular file whose real
 * path lies under `root`'s real path and whose size is within the limit: its bytes, undecoded
 * (the build cache hashes what it reads, and decodes only what it then parses). Never throws.
 */
export function readInsideBytes(root: string, file: string, options: SafeReadOptions = {}): SafeBytesResult {
  const maxBytes = options.maxBytes ?? MAX_SITE_FILE_BYTES;
  const opened = openInside(root, file, maxBytes);
  if (!opened.ok) return opened;
  const { fd, stat } = opened;
  try {
    // The size can change under us (a growing log): read at most one byte past the limit to tell.
    // One byte more than the size: the read that fills it says the file grew; a buffer kept
    // undecoded (the build cache's) holds no slack.
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stat.size, 0) + 1));
    let length = 0;
    let chunk = buffer;
    for (;;) {
      if (length === chunk.length) {
        if (chunk.length > maxBytes) break;
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, chunk.length * 2));
        chunk.copy(bigger, 0, 0, length);
        chunk = bigger;
      }
      const n = readSync(fd, chunk, length, chunk.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) {
      return { ok: false, problem: "too-large", message: `over the ${sizeLabel(maxBytes)} limit for one file; not read` };
    }
    return { ok: true, buffer: chunk.subarray(0, length), bytes: length, mtimeMs: stat.mtimeMs };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problem: "unreadable", message: `cannot read (${code ?? String(error)})` };
  } finally {
    closeSync(fd);
  }
}

/** A result of `readInsideBytes` as `readInside` gives it: the text is decoded when first asked for. */
export function asTextResult(result: SafeBytesResult): SafeReadResult {
  if (!result.ok) return result;
  const { buffer, bytes, mtimeMs } = result;
  let text: string | undefined;
  return {
    ok: true,
    get text() {
      return (text ??= decode(buffer, bytes));
    },
    bytes,
    mtimeMs,
  };
}

/**
 * Reads `file` (absolute, or relative to `root`) as UTF-8 if and only if it is a regular file whose
 * real path lies under `root`'s real path and whose size is within the limit. Never throws.
 */
export function readInside(root: string, file: string, options: SafeReadOptions = {}): SafeReadResult {
  return decoded(readInsideBytes(root, file, options));
}

function decoded(result: SafeBytesResult): SafeReadResult {
  return result.ok ? { ok: true, text: decode(result.buffer, result.bytes), bytes: result.bytes, mtimeMs: result.mtimeMs } : result;
}

/** Ceiling for a config or state file (site.yaml, federation.yaml, .backup-state, ops/sensitive/*.yaml). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * A file the operator names (federation.yaml on the command line): it may be a link to anywhere,
 * but it is still read only if it is a regular file within the size limit.
 */
export function readRegular(file: string, options: SafeReadOptions = {}): SafeReadResult {
  return decoded(readRegularBytes(file, options));
}

/** `readRegular`'s bytes, undecoded. */
export function readRegularBytes(file: string, options: SafeReadOptions = {}): SafeBytesResult {
  let real: string;
  try {
    real = realpath(file);
  } catch {
    return readInsideBytes(path.dirname(path.resolve(file)), file, options);
  }
  return readInsideBytes(path.dirname(real), real, options);
}

/** A refusal as the words after `<file>: ` in a one-line error ("cannot read (is a directory)"). */
export function refusalText(result: Extract<SafeReadResult, { ok: false }>, file: string): string {
  if (result.problem === "missing") return "cannot read (no such file)";
  if (result.problem === "unreadable") {
    return result.message.replace("(EACCES)", "(permission denied)").replace("(EISDIR)", "(is a directory)");
  }
  if (result.problem === "not-regular") {
    try {
      if (statSync(file).isDirectory()) return "cannot read (is a directory)";
    } catch {
      // fall through to the reader's words
    }
  }
  return result.message;
}

export type ChunkReadResult = { ok: true; bytes: number; mtimeMs: number } | { ok: false; problem: SafeReadProblem; message: string };

/**
 * `readInside` for files too large to hold as one string (an nmap scan of a /16): the same checks
 * (under `root` after symlinks, regular files only, O_NONBLOCK, size limit), then the bytes are
 * handed to `onChunk` a piece at a time (the chunk's memory is reused for the next read: decode or
 * copy it before returning). `onChunk` returning false stops the read early. Never throws for a problem with the file (what `onChunk` throws is its own).
 */
export function readInsideChunks(root: string, file: string, onChunk: (chunk: Buffer, file: { size: number; mtimeMs: number }) => boolean | void, options: SafeReadOptions & { chunkBytes?: number } = {}): ChunkReadResult {
  const maxBytes = options.maxBytes ?? MAX_SITE_FILE_BYTES;
  const opened = openInside(root, file, maxBytes);
  if (!opened.ok) return opened;
  const { fd, stat } = opened;
  try {
    const buffer = Buffer.allocUnsafe(options.chunkBytes ?? 1024 * 1024);
    let total = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { ok: false, problem: "unreadable", message: `cannot read (${code ?? String(error)})` };
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { ok: false, problem: "too-large", message: `over the ${sizeLabel(maxBytes)} limit for one file; not read` };
      if (onChunk(buffer.subarray(0, n), { size: stat.size, mtimeMs: stat.mtimeMs }) === false) break;
    }
    return { ok: true, bytes: total, mtimeMs: stat.mtimeMs };
  } finally {
    closeSync(fd);
  }
}
