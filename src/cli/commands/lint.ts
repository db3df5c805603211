import { lint } from "../../lint.js";
import { FORMATTER_NAMES } from "../../report/index.js";
import { oneOf, parseCommand, PROFILES, type Io } from "../io.js";
import { report, withRuleTiming } from "../report.js";

const HELP = `Usage: netstack lint [paths...] [--fix] [--format stylish|json|sarif|github] [--profile public|private] [--quiet]

Checks one site's tables and sensitive data. Paths are site directories or files
(a pre-commit hook passes staged file names); files are judged with their whole site
as context and only their own problems are reported.

--fix rewrites what never changes a value's meaning: tables aligned (markdownlint MD060
"aligned"), MACs in lowercase colon form, the standard .gitignore block appended;
then reports what is left.
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      format: { type: "string", short: "f" },
      profile: { type: "string" },
      quiet: { type: "boolean", short: "q" },
      fix: { type: "boolean" },
    },
    "lint",
    HELP,
    io,
  );
  if (values.help) return 0;
  const format = oneOf(values.format, FORMATTER_NAMES, "--format", "stylish");
  const profile = oneOf(values.profile, PROFILES, "--profile");
  return withRuleTiming(io, async () => {
    const result = await lint(positionals, { profile, cwd: io.cwd, fix: values.fix });
    return report(result.diagnostics, format, io, values.quiet);
  });
}
