import { resolveNow } from "../../status/site-status.js";
import { check } from "../../check.js";
import { FORMATTER_NAMES } from "../../report/index.js";
import { type Io, oneOf, oneTarget, parseCommand, pathFlag, PROFILES } from "../io.js";
import { progressLine } from "../progress.js";
import { report, withRuleTiming } from "../report.js";

const HELP = `Usage: netstack check [federation.yaml | site-dir] [--format stylish|json|sarif|github]
                      [--profile public|private] [--quiet] [--cache DIR] [--offline]

Runs every rule over every site: lint's table and sensitive rules plus the cross-site
ones (site:host references, overlay IPs unique federation-wide and inside overlay.cidr,
shares, and the backup graph: each site must push to and pull from backup.minOffsite
other sites, and each tier must reach backup.tiers.<tier> sites).

The target defaults to the current directory: a federation.yaml there is checked with
all its sites, otherwise the directory is one site. Sites are found by \`path\` (relative
to federation.yaml) or \`repo\` (cloned and fetched with git into the cache). A site that
cannot be fetched is reported and the others are still checked.

Options:
  -f, --format F    stylish (default), json, sarif or github
      --profile P   public or private (default: each site's visibility)
  -q, --quiet       report errors only
      --cache DIR   where repo sites are cloned (default $XDG_CACHE_HOME/netstack,
                    else ~/.cache/netstack)
      --offline     use the cache as it is: no clone, no fetch

Exit codes: 0 clean (warnings allowed), 1 at least one error, 2 usage or fatal error.

Examples:
  netstack check federation.yaml
  netstack check ../cf --format github
  netstack check federation.yaml --offline --cache .cache/sites
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      format: { type: "string", short: "f" },
      profile: { type: "string" },
      quiet: { type: "boolean", short: "q" },
      cache: { type: "string" },
      offline: { type: "boolean" },
    },
    "check",
    HELP,
    io,
  );
  if (values.help) return 0;
  oneTarget(positionals, "check");
  const format = oneOf(values.format, FORMATTER_NAMES, "--format", "stylish");
  const profile = oneOf(values.profile, PROFILES, "--profile");
  return withRuleTiming(io, async () => {
    const progress = progressLine(io);
    let result;
    try {
      result = await check(positionals[0], {
        profile,
        cwd: io.cwd,
        cache: pathFlag(values.cache, io),
        offline: values.offline,
        env: io.env,
        onProgress: progress.update,
        // SOURCE_DATE_EPOCH pins the clock backup ages are judged by, as it does for build and status.
        now: resolveNow(undefined, io.env),
      });
    } finally {
      progress.clear();
    }
    return report(result.diagnostics, format, io, values.quiet);
  });
}
