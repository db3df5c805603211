import { createInterface } from "node:readline";
import path from "node:path";
import { FatalError } from "../../diagnostics.js";
import type { Ask } from "../../scaffold/answers.js";
import { createSite } from "../../scaffold/create-site.js";
import { parseCommand, type Io } from "../io.js";

const HELP = `Usage: netstack create-site <code> [--name N] [--role R] [--subnet CIDR] [--gateway IP]
                            [--visibility private|public] [--dir D] [--federation F]
                            [--install-spec SPEC] [--dry-run] [--yes]

Scaffolds a new site repo in D (default ./<code>), which must be new or empty: site.yaml,
docs/ with the devices, services and network tables, ops/ (backup, monitor scripts,
sensitive/), the site's CI workflow and pre-commit config.
The code must match ^[a-z][a-z0-9-]{1,15}$. Missing answers are asked for in a terminal;
with --yes, or when stdin is not a terminal, --name, --role and --subnet are required.
--federation adds the site to that federation.yaml, keeping its comments and layout; a file
that does not exist yet is started as netstack init would.
--install-spec is where the site's CI and hook config install netstack from (a git URL with a
release tag, or a tarball URL); default $NETSTACK_INSTALL_SPEC, else the federation's netstack:.
--dry-run lists what would be written and writes nothing.
`;

/**
 * Asks on the terminal. Lines are queued as they come, so answers typed ahead or pasted at
 * once are all used; input that ends early is an error rather than a hang.
 */
function terminalAsker(io: Io): { ask: Ask; close: () => void } {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const lines: string[] = [];
  let waiting: ((line: string | null) => void) | null = null;
  let closed = false;
  const deliver = (line: string | null) => {
    const resolve = waiting;
    waiting = null;
    resolve?.(line);
  };
  rl.on("line", (line) => (waiting ? deliver(line) : lines.push(line)));
  rl.on("close", () => {
    closed = true;
    deliver(null);
  });
  const ask: Ask = async (question, problem) => {
    if (problem) io.stdout(`  ${problem}\n`);
    rl.setPrompt(`${question.prompt}${question.default ? ` [${question.default}]` : ""}: `);
    rl.prompt();
    const line = lines.length > 0 ? lines.shift()! : closed ? null : await new Promise<string | null>((resolve) => (waiting = resolve));
    if (line === null) throw new FatalError("create-site: input ended before every answer was given");
    return line;
  };
  return { ask, close: () => rl.close() };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      name: { type: "string" },
      role: { type: "string" },
      subnet: { type: "string" },
      gateway: { type: "string" },
      visibility: { type: "string" },
      dir: { type: "string" },
      federation: { type: "string" },
      "install-spec": { type: "string" },
      "dry-run": { type: "boolean" },
      yes: { type: "boolean", short: "y" },
    },
    "create-site",
    HELP,
    io,
  );
  if (values.help) return 0;
  if (positionals.length !== 1) throw new FatalError(`create-site: give exactly one site code, e.g. netstack create-site cf (got ${positionals.length})`);

  const terminal = io.stdinIsTty && !values.yes ? terminalAsker(io) : null;
  let result;
  try {
    result = await createSite({
      code: positionals[0]!,
      name: values.name,
      role: values.role,
      subnet: values.subnet,
      gateway: values.gateway,
      visibility: values.visibility,
      dir: values.dir,
      federation: values.federation,
      installSpec: values["install-spec"],
      env: io.env,
      dryRun: values["dry-run"],
      cwd: io.cwd,
      ask: terminal?.ask,
    });
  } finally {
    terminal?.close();
  }

  const shown = path.relative(io.cwd, result.root) || ".";
  const { answers } = result;
  if (result.dryRun) {
    io.stdout(`Would create site ${answers.code} (${answers.name}) in ${shown}/ (dry run, nothing written):\n`);
    for (const file of result.files) io.stdout(`  ${file}\n`);
    for (const dir of result.directories) io.stdout(`  ${dir}/\n`);
    if (result.federation) io.stdout(`Would add ${answers.code} to ${path.relative(io.cwd, result.federation.file)} (path: ${result.federation.entryPath})\n`);
    return 0;
  }
  io.stdout(`Created site ${answers.code} (${answers.name}) in ${shown}/: ${result.files.length} files.\n`);
  if (result.federation) {
    const verb = result.federation.created ? "Started" : "Added";
    io.stdout(`${verb} ${result.federation.created ? `${path.relative(io.cwd, result.federation.file)} with ${answers.code}` : `${answers.code} to ${path.relative(io.cwd, result.federation.file)}`} (path: ${result.federation.entryPath}).\n`);
  }
  io.stdout(
    [
      "Next:",
      `  cd ${shown} && git init && git add -A && git commit -m "Create site ${answers.code}"`,
      `  netstack add-node . --name <name> --type <type> --ip <address>   # document each machine`,
      `  fill in ops/sensitive/ (see its README.md); it is never committed`,
      "",
    ].join("\n"),
  );
  return 0;
}
