import { FatalError } from "../diagnostics.js";
import { mask } from "../sensitive/mask.js";
import { plainText, terminalSafe } from "../text/controls.js";
import type { Io } from "./io.js";

export type Command = (argv: string[], io: Io) => Promise<number>;

/** Loads and runs one command; shared with the commit hook's own entry (hook-main.ts). */
export async function runCommand(load: () => Promise<{ run: Command }>, argv: string[], io: Io): Promise<number> {
  // Every command writes through this: no escape sequence or control character from a site reaches the terminal.
  const safe: Io = {
    stdout: (text) => io.stdout(terminalSafe(text)),
    stderr: (text) => io.stderr(terminalSafe(text)),
    stdoutIsTty: io.stdoutIsTty,
    stderrIsTty: io.stderrIsTty,
    // Not copied: processIo() looks at stdin only when asked.
    get stdinIsTty() {
      return io.stdinIsTty;
    },
    env: io.env,
    cwd: io.cwd,
  };
  try {
    const { run } = await load();
    return await run(argv, safe);
  } catch (error) {
    return fatal(error, safe);
  }
}

/** One clear line for user errors; a stack trace only with NETSTACK_DEBUG=1. */
export function fatal(error: unknown, io: Io): number {
  if (io.env.NETSTACK_DEBUG === "1") io.stderr(`${(error as Error)?.stack ?? String(error)}\n`);
  else if (error instanceof FatalError) io.stderr(`netstack: ${mask(plainText(error.message))}\n`);
  else {
    const err = error as NodeJS.ErrnoException;
    const detail = err?.code ? `${err.code}: ${err.message}` : String(err?.message ?? error);
    io.stderr(`netstack: ${mask(plainText(detail.split("\n")[0]!))}\n`);
  }
  return 2;
}
