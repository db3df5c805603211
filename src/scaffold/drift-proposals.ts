import { FatalError, type Diagnostic } from "../diagnostics.js";
import type { DriftResult } from "../drift.js";
import { isActive, nameKey } from "../rules/report.js";
import { analyseDrift, type SeenHost } from "../rules/drift/analysis.js";
import { addNode, type AddNodeOptions, type AddNodeResult } from "./add-node.js";
import { shellQuote } from "./templates.js";

/** One undocumented device and the add-node call that would document it. */
export interface DriftProposal {
  host: SeenHost;
  options: AddNodeOptions;
  /** The command line, shell-quoted, for `drift --propose`. */
  command: string;
}

/** A host name from what a source called it: `Pi-Hole.lan` → `pi-hole`; null when nothing usable is left. */
function hostName(name: string | null): string | null {
  if (!name) return null;
  const label = name.split(".")[0]!.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63);
  return /^[a-z0-9]/.test(label) ? label : null;
}

/** `new-eb1234` from the MAC's last three bytes, else `new-192-168-9-77`. */
function placeholderName(host: SeenHost): string {
  if (host.mac) return `new-${host.mac.slice(9).replace(/:/g, "")}`;
  return `new-${(host.ips[0] ?? "device").replace(/[.:]+/g, "-")}`;
}

/** A bash word: bare when it needs no quoting. */
const shellWord = (value: string) => (/^[A-Za-z0-9_.:\/=@%+-]+$/.test(value) ? value : shellQuote(value));

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The add-node calls that would document each device `drift/undocumented` reported (a finding
 * turned off or disabled inline is not proposed): type `other`, status `unverified`, its first
 * address in the subnet, its MAC, and notes saying when and by what it was seen.
 */
export function driftProposals(result: DriftResult, siteArg: string): DriftProposal[] {
  const reported = new Set(result.diagnostics.filter((d: Diagnostic) => d.ruleId === "drift/undocumented").map((d) => `${d.file}\0${d.line}\0${d.column}`));
  const hosts = analyseDrift(result.site, result.input).undocumented.filter((h) => {
    const s = h.sightings[0]!;
    return reported.has(`${s.file}\0${s.line}\0${s.column}`);
  });
  const taken = new Set(result.site.devices.filter(isActive).flatMap((d) => (d.record.name ? [nameKey(d.record.name)] : [])));
  return hosts.map((host) => {
    let name = hostName(host.name) ?? placeholderName(host);
    if (taken.has(name)) name = placeholderName(host);
    for (let n = 2; taken.has(name); n++) name = `${name.replace(/-\d+$/, "")}-${n}`;
    taken.add(name);
    const first = host.sightings[0]!;
    const sources = [...new Set(host.sightings.map((s) => s.source))].join(", ");
    const notes = [`seen ${day(first.time)} by ${sources}`, host.vendor, host.name && hostName(host.name) !== name ? `named ${host.name}` : null].filter(Boolean).join("; ");
    const ip = host.ips.find((a) => !a.includes(":")) ?? host.ips[0];
    const options: AddNodeOptions = { name, type: "other", ...(ip ? { ip } : {}), ...(host.mac ? { mac: host.mac } : {}), status: "unverified", notes };
    const flags = Object.entries({ name, type: "other", ip, mac: host.mac, status: "unverified", notes })
      .filter(([, v]) => v)
      .map(([k, v]) => `--${k} ${shellWord(String(v))}`);
    return { host, options, command: `netstack add-node ${shellWord(siteArg)} ${flags.join(" ")}` };
  });
}

export interface AppliedProposals {
  added: AddNodeResult[];
  failed: { proposal: DriftProposal; message: string }[];
}

/** Runs each proposal through add-node (its validation, one row each, every other byte kept). */
export function applyProposals(root: string, proposals: readonly DriftProposal[]): AppliedProposals {
  const out: AppliedProposals = { added: [], failed: [] };
  for (const proposal of proposals) {
    try {
      out.added.push(addNode(root, proposal.options));
    } catch (error) {
      if (!(error instanceof FatalError)) throw error;
      out.failed.push({ proposal, message: error.message });
    }
  }
  return out;
}
