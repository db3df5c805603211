import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { FatalError } from "../diagnostics.js";

/** Where a command writes; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  stdinIsTty: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTty: Boolean(process.stdout.isTTY),
    stderrIsTty: Boolean(process.stderr.isTTY),
    // Asked when needed: making the stdin stream costs ~5 ms, and only create-site's prompts read it.
    get stdinIsTty() {
      return Boolean(process.stdin.isTTY);
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colors on when stdout is a TTY, unless NO_COLOR; FORCE_COLOR turns them on anyway. */
export function useColor(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return io.stdoutIsTty;
}

type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

export const PROFILES = ["public", "private"] as const;

type Parsed<O extends FlagOptions> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

/** Strict flag parsing: an unknown flag or a missing value is a usage error (exit 2). */
function parseFlags<const O extends FlagOptions>(argv: string[], options: O, command: string): Parsed<O> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true as const, strict: true as const });
  } catch (error) {
    const message = (error as Error).message.split("\n")[0]!.replace(/\. To specify a positional argument.*$/, "");
    throw new FatalError(`${command}: ${message}`);
  }
}

const HELP_FLAG = { help: { type: "boolean", short: "h" } } as const;

/** parseFlags plus `-h/--help`, which every command takes: with it set, the help is printed and the command returns 0. */
export function parseCommand<const O extends FlagOptions>(argv: string[], options: O, command: string, help: string, io: Io): Parsed<O & typeof HELP_FLAG> {
  const parsed = parseFlags<O & typeof HELP_FLAG>(argv, { ...options, ...HELP_FLAG }, command);
  // Inside this generic TypeScript cannot resolve the help key of the parsed values; callers see it typed.
  if ((parsed.values as { help?: boolean }).help) io.stdout(help);
  return parsed;
}

/** A path flag against the command's working directory (the library would take the process's); absent stays absent. */
export function pathFlag(value: string | undefined, io: Io): string | undefined {
  return value === undefined ? undefined : path.resolve(io.cwd, value);
}

/** A flag's value checked against its allowed values; absent, the fallback (undefined without one). */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T;
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined;
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback?: T): T | undefined {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new FatalError(`${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
}

/** `check`, `inventory`, `build` and `status` take at most one federation.yaml or site directory. */
export function oneTarget(positionals: string[], command: string): string | undefined {
  if (positionals.length > 1) throw new FatalError(`${command}: expected one federation.yaml or site directory, got ${positionals.length}`);
  return positionals[0];
}
