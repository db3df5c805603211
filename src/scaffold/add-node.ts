import { spawnSync } from "node:child_process";
import path from "node:path";
import { didYouMean, FatalError } from "../diagnostics.js";
import { parseIp, parseMac } from "../inventory/cells.js";
import { buildRecords, loadSite, parseSourceFile, type SiteModel, type SourceFile } from "../inventory/site.js";
import type { ClassifiedTable } from "../inventory/tables.js";
import type { Row } from "../markdown/types.js";
import { NODE_TYPES } from "../inventory/kinds.js";
import { isActive, nameKey } from "../rules/report.js";
import { validateHostAddress } from "./answers.js";
import { unifiedDiff } from "./diff.js";
import { insertRow } from "./table-rows.js";
import { applyChanges } from "./write.js";

export interface AddNodeOptions {
  name: string;
  type: string;
  role?: string;
  ip?: string;
  mac?: string;
  overlay?: string;
  host?: string;
  location?: string;
  notes?: string;
  /** The status cell (`unverified` for a device documented from what the network showed); none means active. */
  status?: string;
  dryRun?: boolean;
}

/** The node as it was written: validated and normalized values. */
export interface NodeFacts {
  name: string;
  type: string;
  role: string | null;
  ip: string | null;
  mac: string | null;
  overlay: string | null;
  host: string | null;
  location: string | null;
  notes: string | null;
  status: string | null;
}

export interface FileEdit {
  rel: string;
  before: string;
  after: string;
  /** 1-based line of the inserted row. */
  line: number;
}

export interface AddNodeResult {
  root: string;
  site: { code: string; name: string };
  node: NodeFacts;
  devices: FileEdit;
  overlay: FileEdit | null;
  /** Unified diff of every edit. */
  diff: string;
  dryRun: boolean;
  /** The site repo's origin, credentials removed, when it has one. */
  repoUrl: string | null;
}


function text(value: string | undefined, flag: string, problems: string[]): string | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (/[\r\n]/.test(v)) problems.push(`${flag} must be one line`);
  return v === "" ? null : v;
}

/** Checks the node against the site; every problem is reported, in one line. */
function validateNode(site: SiteModel, options: AddNodeOptions): NodeFacts {
  const problems: string[] = [];
  const devices = site.devices.filter(isActive);

  const name = text(options.name, "--name", problems);
  if (name === null) problems.push("--name must not be empty");
  else {
    const taken = devices.find((d) => d.record.name !== null && nameKey(d.record.name) === nameKey(name));
    if (taken) problems.push(`a device named "${taken.record.name}" already exists (${taken.file.rel}:${taken.row.span.start.line})`);
  }

  const type = (options.type ?? "").trim().toLowerCase();
  if (!(NODE_TYPES as readonly string[]).includes(type)) {
    const hint = didYouMean(type, NODE_TYPES);
    problems.push(`--type "${options.type}" is not a node type${hint ? ` (did you mean "${hint}"?)` : ""}; use one of ${NODE_TYPES.join(", ")}`);
  }

  let ip: string | null = null;
  const ipText = text(options.ip, "--ip", problems);
  if (ipText !== null) {
    const subnet = site.config.subnet ?? site.network.subnet ?? null;
    try {
      ip = validateHostAddress(ipText, subnet, "--ip");
      const taken = devices.find((d) => d.record.ip === ip);
      if (taken) problems.push(`--ip ${ip} is already used by "${taken.record.name}" (${taken.file.rel}:${taken.row.span.start.line})`);
    } catch (error) {
      if (!(error instanceof FatalError)) throw error;
      problems.push(error.message);
    }
  }

  let mac: string | null = null;
  const macText = text(options.mac, "--mac", problems);
  if (macText !== null) {
    mac = parseMac(macText);
    if (mac === null) problems.push(`--mac "${macText}" is not a MAC address`);
    else {
      const taken = devices.find((d) => d.record.mac === mac);
      if (taken) problems.push(`--mac ${mac} is already used by "${taken.record.name}" (${taken.file.rel}:${taken.row.span.start.line})`);
    }
  }

  let overlay: string | null = null;
  const overlayText = text(options.overlay, "--overlay", problems);
  if (overlayText !== null) {
    overlay = parseIp(overlayText);
    if (overlay === null) problems.push(`--overlay "${overlayText}" is not an IP address`);
    else {
      const taken = devices.find((d) => d.record.overlay === overlay) ?? site.overlay.filter(isActive).find((o) => o.record.overlay === overlay);
      if (taken) problems.push(`--overlay ${overlay} is already used (${taken.file.rel}:${taken.row.span.start.line})`);
    }
  }

  let host: string | null = null;
  const hostText = text(options.host, "--host", problems);
  if (hostText !== null) {
    const parent = devices.find((d) => d.record.name !== null && nameKey(d.record.name) === nameKey(hostText));
    if (parent) host = parent.record.name;
    else {
      const hint = didYouMean(hostText, devices.flatMap((d) => (d.record.name ? [d.record.name] : [])));
      problems.push(`--host "${hostText}" names no device of this site${hint ? ` (did you mean "${hint}"?)` : ""}`);
    }
  }

  const role = text(options.role, "--role", problems);
  const location = text(options.location, "--location", problems);
  const notes = text(options.notes, "--notes", problems);
  const status = text(options.status, "--status", problems)?.toLowerCase() ?? null;
  if (status !== null && !/^[a-z][a-z0-9 -]*$/.test(status)) problems.push(`--status "${options.status}" must be a word such as active, unverified or offline`);
  if (problems.length > 0) throw new FatalError(`add-node: ${problems.join("; ")}`);
  return { name: name!, type, role, ip, mac, overlay, host, location, notes, status };
}

/** The table whose devices have this type, else the first device table; the row to insert after. */
function chooseDeviceTable(site: SiteModel, file: SourceFile, type: string): { table: ClassifiedTable; after: Row | null } {
  const sameType = site.devices.filter((d) => d.file === file && d.record.type === type);
  const table = sameType[0]?.table ?? file.tables.find((t) => t.kind === "device");
  if (!table) throw new FatalError(`${file.rel}: has no device table (a table with a Name column) to add the node to`);
  const ofType = sameType.filter((d) => d.table === table);
  return { table, after: ofType[ofType.length - 1]?.row ?? lastRow(table) };
}

const lastRow = (table: ClassifiedTable) => table.table.rows[table.table.rows.length - 1] ?? null;

function siteFile(site: SiteModel, rel: string): SourceFile {
  const file = site.files.find((f) => f.rel === rel);
  if (!file) throw new FatalError(`${path.join(site.root, rel)}: not found; add-node needs the site's ${rel}`);
  return file;
}

/**
 * Inserts one row and re-reads the file to make sure the table took it: a table the row does
 * not fit (a lazy continuation, an odd indent) is refused rather than silently broken.
 */
function insertChecked(site: SiteModel, file: SourceFile, table: ClassifiedTable, after: Row | null, values: Record<string, string>, kind: "device" | "overlay"): FileEdit {
  const insertion = insertRow(file.text, table, after, values);
  const reread = buildRecords([parseSourceFile(site.root, file.abs, insertion.text, site.config)]);
  const list = kind === "device" ? reread.devices : reread.overlay;
  const expected = kind === "device" ? values.name : values.node;
  const found = list.find((e) => e.row.span.start.line === insertion.line);
  const name = found ? ("name" in found.record ? found.record.name : found.record.node) : null;
  if (!found || name !== expected) {
    throw new FatalError(`${file.rel}:${insertion.line}: the new row would not read back as part of the table; add it by hand`);
  }
  const bom = file.bom ? "\uFEFF" : "";
  return { rel: file.rel, before: bom + file.text, after: bom + insertion.text, line: insertion.line };
}

function originUrl(root: string): string | null {
  const result = spawnSync("git", ["remote", "get-url", "origin"], { cwd: root, encoding: "utf8" });
  if (result.error || result.status !== 0) return null;
  // Never echo credentials embedded in the URL.
  return result.stdout.trim().replace(/^([a-z+]+:\/\/)[^@/]*@/i, "$1") || null;
}

/**
 * `netstack add-node`: validates the node against the site, inserts its row into the right
 * table of docs/devices.md (and docs/network.md's overlay table with an overlay address), and
 * writes both atomically, or nothing with `dryRun`.
 */
export function addNode(siteDir: string, options: AddNodeOptions): AddNodeResult {
  const site = loadSite(siteDir);
  const node = validateNode(site, options);
  const devicesFile = siteFile(site, "docs/devices.md");
  const { table, after } = chooseDeviceTable(site, devicesFile, node.type);
  // A table without a Status column keeps a status other than active in the notes, so it is not lost.
  const hasStatus = table.columns.includes("status");
  const notes = node.status !== null && node.status !== "active" && !hasStatus ? [`${node.status}`, node.notes].filter(Boolean).join(": ") : node.notes;
  const deviceValues: Record<string, string> = {};
  for (const [column, value] of Object.entries({
    name: node.name,
    type: node.type,
    role: node.role,
    ip: node.ip,
    mac: node.mac,
    overlay: node.overlay,
    location: node.location,
    host: node.host,
    status: hasStatus ? node.status : null,
    notes,
  })) {
    if (value !== null) deviceValues[column] = value;
  }
  const devices = insertChecked(site, devicesFile, table, after, deviceValues, "device");

  let overlay: FileEdit | null = null;
  if (node.overlay !== null) {
    const networkFile = siteFile(site, "docs/network.md");
    const overlayTable = networkFile.tables.find((t) => t.kind === "overlay");
    if (!overlayTable) throw new FatalError(`${networkFile.rel}: has no Overlay table (| Node | Overlay IP | LAN IP | Type |) for --overlay`);
    const values: Record<string, string> = { node: node.name, overlay: node.overlay, type: node.type };
    if (node.ip) values.ip = node.ip;
    overlay = insertChecked(site, networkFile, overlayTable, lastRow(overlayTable), values, "overlay");
  }

  const edits = overlay ? [devices, overlay] : [devices];
  const result: AddNodeResult = {
    root: site.root,
    site: { code: site.config.code, name: site.config.name },
    node,
    devices,
    overlay,
    diff: edits.map((e) => unifiedDiff(e.rel, e.before, e.after)).join(""),
    dryRun: Boolean(options.dryRun),
    repoUrl: originUrl(site.root),
  };
  if (!options.dryRun) applyChanges(site.root, edits.map((e) => ({ rel: e.rel, content: e.after })));
  return result;
}

/** The operator's add-node procedure (SPEC §2): steps 1–7 to do, 8–9 done by add-node. */
export function addNodeProcedure(result: AddNodeResult): string {
  const { node, devices, overlay, dryRun } = result;
  const facts = [node.type, node.role && `role ${node.role}`, node.host && `on ${node.host}`, node.location && `in ${node.location}`].filter(Boolean).join(", ");
  const sensitive = node.ip ? `hosts.yaml: "${node.name}: ${node.ip}"` : `its address in hosts.yaml`;
  const done = dryRun ? "[ ]" : "[x]";
  const would = dryRun ? " (dry run: not written)" : "";
  const steps = [
    `[ ] 1. Provision the hardware or VM for ${node.name} (${facts})`,
    `[ ] 2. Install the base OS the CAVE way: pinned versions, minimal packages, reproducible setup`,
    node.overlay
      ? `[ ] 3. Join the overlay network with address ${node.overlay}`
      : `[ ] 3. Join the overlay network, then note its overlay address (netstack add-node … --overlay, or docs/network.md)`,
    `[ ] 4. Clone the site repo onto ${node.name}${result.repoUrl ? `: git clone ${result.repoUrl}` : ""}`,
    `[ ] 5. Put its site-specific values in ops/sensitive/ (${sensitive})`,
    `[ ] 6. Run the monitor scripts: ops/monitor/check-services.sh, check-connectivity.sh, check-backup-state.sh`,
    `[ ] 7. Set up backup replication to the other sites (docs/network.md, Backup Replication)`,
    `${done} 8. Documented ${node.name} in ${devices.rel}:${devices.line}${would}`,
    `${done} 9. Added ${node.name} to the federation inventory${overlay ? ` and to the overlay table at ${overlay.rel}:${overlay.line}` : ` (netstack inventory reads ${devices.rel})`}${would}`,
  ];
  return `Adding ${node.name} to site ${result.site.code} (${result.site.name}), the procedure of SPEC §2:\n${steps.map((s) => `  ${s}\n`).join("")}`;
}
