import path from "node:path";
import { FatalError } from "../../diagnostics.js";
import { drift } from "../../drift.js";
import { FORMATTER_NAMES } from "../../report/index.js";
import { applyProposals, driftProposals } from "../../scaffold/drift-proposals.js";
import { resolveNow } from "../../status/site-status.js";
import { type Io, oneOf, parseCommand } from "../io.js";
import { report } from "../report.js";

const HELP = `Usage: netstack drift <site-dir> [observation files...] [--format stylish|json|sarif|github]
                      [--record] [--propose | --apply] [--now TIME] [--observed-at TIME] [--quiet]

Compares what the network shows with what the site's tables say. Each file is recognized by
its content: nmap -oX XML, ip -j neigh JSON, arp -a text (Linux, BSD/macOS, Windows), dnsmasq
leases, ISC dhcpd.leases, MikroTik "/ip dhcp-server lease print detail", zerotier-cli -j
listpeers / listnetworks, and a ZeroTier controller's member list (Central or self-hosted).
netstack only reads these files; it never scans a network itself.

Findings:
  drift/undocumented      a device on the network is in no table (IP, MAC, vendor, name)
  drift/address-mismatch  a documented device seen at another IP, or its IP with another MAC
  drift/retired-seen      a retired or offline device answers
  drift/not-seen          an active device absent for longer than drift.maxUnseen (site.yaml, 14d)
  drift/overlay-unknown   an overlay member is in no table
A file that cannot be read, or a damaged entry in one, is drift/unreadable-observation.

Options:
  -f, --format F       stylish (default), json, sarif or github
  -q, --quiet          report errors only
      --record         append the sightings to ops/sensitive/observed/ (one file a day, kept
                       for drift.retention, 90d) so not-seen works across runs, and write the
                       drift state that status and the built pages show
      --propose        print the add-node commands that would document each undocumented
                       device (status unverified) instead of the report
      --apply          run them: one row per device, through add-node's checks
      --now TIME       judge at this time (ISO 8601 or epoch seconds; default SOURCE_DATE_EPOCH,
                       else the clock)
      --observed-at T  the time of entries that carry none (arp, ip neigh, dnsmasq leases);
                       default each file's modification time

Exit codes: 0 no error (drift findings are warnings unless site.yaml says otherwise), 1 at least
one error, 2 usage or fatal error.

Examples:
  ip -j neigh > neigh.json && netstack drift . neigh.json
  netstack drift ../cf scan.xml /var/lib/misc/dnsmasq.leases --record
  netstack drift ../cf scan.xml --propose
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      format: { type: "string", short: "f" },
      quiet: { type: "boolean", short: "q" },
      record: { type: "boolean" },
      propose: { type: "boolean" },
      apply: { type: "boolean" },
      now: { type: "string" },
      "observed-at": { type: "string" },
    },
    "drift",
    HELP,
    io,
  );
  if (values.help) return 0;
  const [siteArg, ...files] = positionals;
  if (siteArg === undefined) throw new FatalError("drift: give the site directory, then the observation files");
  if (values.propose && values.apply) throw new FatalError("drift: --propose and --apply do not go together (--propose prints what --apply does)");
  const format = oneOf(values.format, FORMATTER_NAMES, "--format", "stylish");
  const now = resolveNow(values.now, io.env);
  const observedAt = values["observed-at"] === undefined ? undefined : resolveNow(values["observed-at"], {});
  const result = drift(siteArg, { files, cwd: io.cwd, now, observedAt, record: values.record });

  if (values.propose || values.apply) {
    const proposals = driftProposals(result, siteArg);
    for (const d of result.diagnostics.filter((x) => x.ruleId === "drift/unreadable-observation")) {
      io.stderr(`netstack: ${path.relative(io.cwd, d.file) || d.file}:${d.line}: ${d.message}\n`);
    }
    if (values.propose) {
      if (proposals.length === 0) io.stderr("netstack: no undocumented device to propose\n");
      for (const p of proposals) io.stdout(`${p.command}\n`);
      return 0;
    }
    const applied = applyProposals(result.site.root, proposals);
    for (const a of applied.added) io.stdout(`Added ${a.node.name} (unverified) to ${a.devices.rel}:${a.devices.line}\n`);
    for (const f of applied.failed) io.stderr(`netstack: ${f.message}\n`);
    if (proposals.length === 0) io.stderr("netstack: no undocumented device to add\n");
    return applied.failed.length > 0 ? 1 : 0;
  }
  return report(result.diagnostics, format, io, values.quiet);
}
