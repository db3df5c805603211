import { processIo, type Io } from "./io.js";
import { runCommand } from "./run-command.js";

/**
 * The entry of the commit hook's bundle (dist/netstack-lint.cjs): `netstack lint` and nothing else,
 * so a hook loads and deserializes only the lint path (a third less code than the whole CLI).
 * bin/netstack.js picks this bundle when the first argument is `lint`.
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  if (argv[0] !== "lint") throw new Error(`the lint bundle runs only "lint", not "${argv[0]}"`);
  return runCommand(() => import("./commands/lint.js"), argv.slice(1), io);
}
