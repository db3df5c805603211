import path from "node:path";
import { isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node as YamlNode, type Pair, type YAMLMap } from "yaml";
import { siteConfigYmlKeys, siteConfigYmlSchema } from "../config/site-config-yml.js";
import { cidr } from "../config/site.js";
import { formatPath, parseYaml, schemaDiagnostic, validateYaml, YamlSyntaxError } from "../config/yaml-config.js";
import { editDistance, type Diagnostic } from "../diagnostics.js";
import { readInside } from "../io/safe-read.js";
import { flatSpanOf, TableCell } from "../markdown/cell.js";
import type { LineIndex } from "../markdown/lines.js";
import type { Cell, Row } from "../markdown/types.js";
import type { RecordKind } from "./kinds.js";
import { cellState } from "./cells.js";
import { mergeDescriptions, type SourcePair } from "./merge-sources.js";
import { BUILDERS, type Cells, type RowInput } from "./records.js";
import type { Entry, SourceFile } from "./site.js";
import { appendAll } from "../text/append.js";
import { collapseSpaces } from "../text/spaces.js";

/** Where netstack looks for the federation pattern's site config, relative to the site root. */
export const SITE_CONFIG_YML = "site-config.yml";

/** A config file is small; one past this is refused (site/unreadable-file) rather than parsed. */
const MAX_SITE_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * A scalar of site-config.yml as a table cell, so every rule that points at a cell can point at
 * it, and records are built from it by the same code as from a table row. It knows its own file:
 * a record merged from a table row and the YAML holds cells of both.
 */
export class YamlCell extends TableCell {
  constructor(
    readonly file: string,
    raw: string,
    text: string,
    line: number,
    column: number,
    span: Row["span"],
  ) {
    super(raw, text, false, [], [], line, column, flatSpanOf(span));
  }
}

/** The file a cell was read from when it is not its entry's (a YAML value merged into a table row). */
export function cellFile(cell: Cell): string | null {
  return cell instanceof YamlCell ? cell.file : null;
}

/** What site-config.yml adds to a site: its records and the values its own rules judge. */
export interface SiteConfigYmlSource {
  /** The file, as the entries of its records point at it. */
  file: SourceFile;
  /** Every record it describes (devices[], compute.vms[] and netstack_assignments merged by host name). */
  devices: Entry<"device">[];
  services: Entry<"service">[];
  overlay: Entry<"overlay">[];
  /** compute.vms[]: each VM's id cell and the compute host it runs on (device/duplicate-vm-id). */
  vms: { id: Cell | null; host: string | null; entry: Entry<"device"> }[];
  /** zerotier.networks[].id and members' networks[] (federation/invalid-network-id). */
  networkIds: Cell[];
  site: { code: Cell | null; name: Cell | null };
  network: { subnet: Cell | null; gateway: Cell | null; dns: Cell | null; extra: Record<string, string> };
  federation: { name: Cell | null; role: Cell | null; backupFrom: Cell | null; backupPath: Cell | null };
  /** netstack_assignments with no host name: named by their role, matched to a device by address. */
  byAddress: Set<Entry<"device">>;
  /** Two descriptions of one record that were merged: site/source-conflict compares them. */
  pairs: SourcePair[];
  /**
   * The records merged into another description (this file's or a table's), holding only the cells
   * the merged record did not take: the cell checks (device/invalid-ip, …) still see those values.
   */
  shadowed: { devices: Entry<"device">[]; services: Entry<"service">[]; overlay: Entry<"overlay">[] };
  /** Problems with the file itself: broken YAML, shapes its schema refuses, likely misspelt keys. */
  diagnostics: Diagnostic[];
}

/** Reads `site-config.yml` at a site's root; null when there is none. Never throws for its content. */
export function readSiteConfigYml(root: string): SiteConfigYmlSource | null {
  const abs = path.join(root, SITE_CONFIG_YML);
  const read = readInside(root, abs, { maxBytes: MAX_SITE_CONFIG_BYTES });
  if (!read.ok && read.problem === "missing") return null;
  const file: SourceFile = { abs, rel: SITE_CONFIG_YML, text: read.ok ? read.text : "", bom: false, role: "other", doc: { tables: [], headings: [], comments: [] }, tables: [] };
  const source = emptySource(file);
  if (!read.ok) {
    source.diagnostics.push({ file: abs, line: 1, column: 1, ruleId: "site/unreadable-file", severity: "error", message: `${SITE_CONFIG_YML}: ${read.message}` });
    return source;
  }
  const text = read.text.replace(/^\uFEFF/, "");
  let parsed;
  try {
    parsed = parseYaml(abs, text);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    source.diagnostics.push(schemaDiagnostic(abs, error, `invalid YAML: ${error.reason}`));
    return source;
  }
  appendAll(source.diagnostics, validateYaml(abs, parsed, siteConfigYmlSchema()).diagnostics);
  const reader = new Reader(abs, text, parsed.lines, parsed.document, source);
  reader.read();
  return source;
}

function emptySource(file: SourceFile): SiteConfigYmlSource {
  return {
    file,
    devices: [],
    services: [],
    overlay: [],
    vms: [],
    networkIds: [],
    site: { code: null, name: null },
    network: { subnet: null, gateway: null, dns: null, extra: {} },
    federation: { name: null, role: null, backupFrom: null, backupPath: null },
    byAddress: new Set(),
    pairs: [],
    shadowed: { devices: [], services: [], overlay: [] },
    diagnostics: [],
  };
}

/** Which column a key of a device, VM, service or member item fills. */
const DEVICE_COLUMNS: Record<string, string> = {
  hostname: "name",
  type: "type",
  role: "role",
  ipv4: "ip",
  ipv6: "ip",
  mac: "mac",
  location: "location",
  host: "host",
  status: "status",
  overlay: "overlay",
  switch_port: "port",
  link: "link",
  notes: "notes",
};
const VM_COLUMNS: Record<string, string> = { hostname: "name", type: "type", ip: "ip", status: "status", notes: "notes" };
const SERVICE_COLUMNS: Record<string, string> = { name: "name", host: "host", port: "port", url: "url", type: "type", exposure: "exposure", status: "status", notes: "notes" };
const MEMBER_COLUMNS: Record<string, string> = { hostname: "node", zt_ip: "overlay", lan_ip: "ip", type: "type", status: "status" };
/** Keys read some other way, or never copied into a record (network ids stay out of the inventory). */
const NOT_EXTRA = new Set(["services", "extra", "group", "networks", "access", "formerly"]);

type Items = Map<string, { key: Scalar; value: YamlNode | null }>;

class Reader {
  private readonly file: SourceFile;

  constructor(
    private readonly abs: string,
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly document: Document,
    private readonly out: SiteConfigYmlSource,
  ) {
    this.file = out.file;
  }

  read(): void {
    const top = this.items(this.document.contents);
    this.hints(top, siteConfigYmlKeys().top, []);
    this.readSite(top.get("site")?.value ?? null);
    const network = this.items(top.get("network")?.value ?? null);
    this.readNetwork(network);

    const devices = this.seq(top.get("devices")?.value).map((node, i) => this.device(node, ["devices", i]));
    const compute = this.items(top.get("compute")?.value ?? null);
    const hostCell = this.cell(compute.get("host")?.value ?? null);
    const vms = this.seq(compute.get("vms")?.value).map((node, i) => this.vm(node, hostCell, ["compute", "vms", i]));
    const assignments = [...this.items(network.get("netstack_assignments")?.value ?? null).values()].map(({ key, value }) => this.assignment(key, value));
    // netstack_assignments name a role's device: merged into devices[] by host name (or, with
    // no host name, by address), else a device of its own named by the role.
    const merged = mergeDescriptions([...devices, ...vms.map((v) => v.entry)].filter(isEntry), assignments.filter(isEntry), {
      keys: (entry) => [...nameKeys(entry), ...addressKeys(entry)],
      secondaryKeys: (entry) => deviceKeys(entry, this.out.byAddress),
    });
    appendAll(this.out.devices, merged.entries);
    appendAll(this.out.pairs, merged.pairs);
    appendAll(this.out.shadowed.devices, merged.shadowed);
    appendAll(this.out.vms, vms.flatMap((v) => (v.entry ? [{ id: v.id, host: hostCell ? hostCell.text : null, entry: v.entry }] : [])));

    for (const [i, node] of this.seq(top.get("services")?.value).entries()) this.service(node, ["services", i], vms);
    const zerotier = this.items(top.get("zerotier")?.value ?? null);
    for (const node of this.seq(zerotier.get("members")?.value)) this.member(node);
    for (const network of this.seq(zerotier.get("networks")?.value)) {
      const items = this.items(network);
      const id = this.cell(items.get("id")?.value ?? null);
      if (id) this.out.networkIds.push(id);
      for (const node of this.seq(items.get("members")?.value)) this.member(node);
    }
    const federation = this.items(top.get("federation")?.value ?? null);
    const cellAt = (key: string) => this.cell(federation.get(key)?.value ?? null);
    this.out.federation = { name: cellAt("name"), role: cellAt("role"), backupFrom: cellAt("backup_from"), backupPath: cellAt("backup_path") };
  }

  private readSite(node: YamlNode | null): void {
    if (isScalar(node)) {
      this.out.site.code = this.cell(node);
      return;
    }
    const items = this.items(node);
    this.out.site = { code: this.cell(items.get("code")?.value ?? null), name: this.cell(items.get("name")?.value ?? null) };
  }

  private readNetwork(network: Items): void {
    const cellAt = (key: string) => this.cell(network.get(key)?.value ?? null);
    // A subnet that is no CIDR is a schema error; it is not used.
    const subnet = cellAt("subnet");
    this.out.network.subnet = subnet && cidr.safeParse(subnet.text).success ? subnet : null;
    this.out.network.gateway = cellAt("gateway");
    this.out.network.dns = cellAt("dns") ?? cellAt("dns_primary");
    const extra = this.out.network.extra;
    const secondary = cellAt("dns_secondary");
    if (secondary) extra["DNS (secondary)"] = secondary.text;
    const isp = cellAt("isp");
    if (isp) extra.ISP = isp.text;
    const dhcp = this.items(network.get("dhcp")?.value ?? null);
    const dhcpAt = (key: string) => this.cell(dhcp.get(key)?.value ?? null)?.text ?? null;
    const [start, end, server] = [dhcpAt("range_start"), dhcpAt("range_end"), dhcpAt("server")];
    if (start || end) extra["DHCP range"] = `${start ?? "?"}–${end ?? "?"}`;
    if (server) extra["DHCP server"] = server;
  }

  /** A device of devices[]; its services become service records on it. */
  private device(node: YamlNode, at: (string | number)[]): Entry<"device"> | null {
    const items = this.items(node);
    if (!isMap(node)) return null;
    this.hints(items, siteConfigYmlKeys().device, at);
    const columns = { ...DEVICE_COLUMNS };
    // ipv6 fills ip only where no ipv4 is given.
    if (items.has("ipv4")) delete columns.ipv6;
    const entry = this.entry("device", node, items, columns);
    if (entry) this.attachedServices(items, entry.cells.name ?? null);
    return entry;
  }

  private vm(node: YamlNode, hostCell: Cell | null, at: (string | number)[]): { id: Cell | null; entry: Entry<"device"> | null } {
    const items = this.items(node);
    if (!isMap(node)) return { id: null, entry: null };
    this.hints(items, siteConfigYmlKeys().vm, at);
    const id = this.cell(items.get("id")?.value ?? null);
    const nameCell = this.cell(items.get("name")?.value ?? null);
    // A VM is a compute device on the compute host; its name stands in for a missing host name.
    const extraCells: Cells = { host: hostCell ?? undefined };
    if (!items.has("hostname") && nameCell) extraCells.name = nameCell;
    const entry = this.entry("device", node, items, VM_COLUMNS, extraCells, (extra) => {
      if (id) extra["vm id"] = id.text;
      if (nameCell && items.has("hostname") && nameCell.text !== this.cell(items.get("hostname")?.value ?? null)?.text) extra["vm name"] = nameCell.text;
      delete extra.id;
      delete extra.name;
    });
    if (entry) {
      // A VM without a type is still a VM.
      if (entry.record.type === null) entry.record = { ...entry.record, type: "compute" };
      this.attachedServices(items, entry.cells.name ?? null);
    }
    return { id, entry };
  }

  private assignment(key: Scalar, value: YamlNode | null): Entry<"device"> | null {
    const items = this.items(value);
    if (!isMap(value)) return null;
    const role = this.cell(key);
    const named = this.cell(items.get("hostname")?.value ?? null);
    const entry = this.entry("device", value, items, { hostname: "name", ipv4: "ip", mac: "mac" }, { role: role ?? undefined, name: named ?? role ?? undefined }, (extra) => {
      delete extra.hostname;
    });
    if (entry && !named) this.out.byAddress.add(entry);
    return entry;
  }

  private service(node: YamlNode, at: (string | number)[], vms: { id: Cell | null; entry: Entry<"device"> | null }[]): void {
    const items = this.items(node);
    if (!isMap(node)) return;
    this.hints(items, siteConfigYmlKeys().service, at);
    const extraCells: Cells = {};
    const access = items.get("access")?.value ?? null;
    const accessItems = this.items(access);
    const local = isScalar(access) ? this.cell(access) : this.cell(accessItems.get("local")?.value ?? null);
    if (local && !items.has("url")) extraCells.url = local;
    const vmId = this.cell(items.get("vm_id")?.value ?? null);
    if (vmId && !items.has("host")) {
      // A service in a VM runs on that VM.
      const vm = vms.find((v) => v.id?.text === vmId.text && v.entry);
      const name = vm?.entry?.cells.name;
      if (name) extraCells.host = name;
    }
    const entry = this.entry("service", node, items, SERVICE_COLUMNS, extraCells, (extra) => {
      if (vmId) extra["vm id"] = vmId.text;
      delete extra.vm_id;
      const remote = this.cell(accessItems.get("remote")?.value ?? null);
      if (remote) extra["remote access"] = remote.text;
    });
    if (entry) this.out.services.push(entry);
  }

  /** `services:` of a device or VM: service records whose host is that device's name. */
  private attachedServices(owner: Items, host: Cell | null): void {
    for (const node of this.seq(owner.get("services")?.value)) {
      const items = this.items(node);
      if (!isMap(node)) continue;
      const entry = this.entry("service", node, items, SERVICE_COLUMNS, host && !items.has("host") ? { host } : {});
      if (entry) this.out.services.push(entry);
    }
  }

  private member(node: YamlNode): void {
    const items = this.items(node);
    if (!isMap(node)) return;
    for (const id of this.seq(items.get("networks")?.value)) {
      const cell = this.cell(id);
      if (cell) this.out.networkIds.push(cell);
    }
    const entry = this.entry("overlay", node, items, MEMBER_COLUMNS);
    if (entry) this.out.overlay.push(entry);
  }

  /**
   * One record from a mapping: each key of `columns` fills its column with its scalar's cell,
   * `extraCells` fill the columns the mapping does not, and other scalar keys are `extra` fields.
   */
  private entry<K extends RecordKind>(kind: K, node: YAMLMap, items: Items, columns: Record<string, string>, extraCells: Cells = {}, editExtra?: (extra: Record<string, string>) => void): Entry<K> | null {
    const cells: Cells = {};
    const extra: Record<string, string> = {};
    let group: string | null = null;
    for (const [key, { value }] of items) {
      const column = columns[key];
      const cell = this.cell(value);
      if (column) {
        if (cell && !cells[column]) cells[column] = cell;
      } else if (key === "group") group = cell?.text ?? null;
      else if (key === "extra") for (const [k, v] of this.items(value)) extra[k] = this.cell(v.value)?.text ?? "";
      else if (cell && !NOT_EXTRA.has(key) && !(key in columns)) extra[key] = cell.text;
    }
    for (const [column, cell] of Object.entries(extraCells)) if (cell && !cells[column]) cells[column] = cell;
    editExtra?.(extra);
    const start = this.lines.point(node.range?.[0] ?? 0);
    // `layout`: a host name here is a host name, never read as "name (role)" or a rename the way a
    // free-form table cell may be (a RowInput field where table readings know it; ignored elsewhere).
    const fields = { cells, extra, group, source: { file: SITE_CONFIG_YML, line: start.line, column: start.column }, layout: true, wholeName: true };
    const input: RowInput = fields;
    let record = BUILDERS[kind](input) as Entry<K>["record"];
    // A rename the tables wrote as `~~old~~ new`, as the writer keeps it (after the name, as a table's reading puts it).
    const formerly = kind === "device" ? this.cell(items.get("formerly")?.value ?? null) : null;
    if (formerly) {
      const { name, ...rest } = record as { name: string | null };
      record = { name, formerly: formerly.text, ...rest } as unknown as Entry<K>["record"];
    }
    // A URL is taken as written: its `?` or an `x` path segment is no table placeholder.
    for (const column of ["url", "link"]) {
      const cell = cells[column];
      const fields = record as Record<string, unknown>;
      if (cell && column in fields && fields[column] === null && cellState(cell) === "placeholder") fields[column] = collapseSpaces(cell.text);
    }
    // The name's cell first: a finding about the record as a whole points at it.
    const ordered = Object.values(cells).filter((c): c is Cell => c !== undefined).sort((a, b) => a.line - b.line || a.column - b.column);
    const nameColumn = kind === "overlay" ? "node" : "name";
    const first = cells[nameColumn];
    const rowCells = first ? [first, ...ordered.filter((c) => c !== first)] : ordered;
    const end = this.lines.point(node.range?.[1] ?? 0);
    const row: Row = { cells: rowCells, span: { start, end } };
    return { kind, record, file: this.file, table: null, row, cells } as Entry<K>;
  }

  /** A scalar as a cell: a plain scalar's text is its source (`0123`, `1.10`, `00:0C:42:…` stay as written). */
  private cell(node: YamlNode | null | undefined): YamlCell | null {
    if (!isScalar(node) || !node.range || node.value === null) return null;
    const [from, to] = node.range;
    const source = this.text.slice(from, to);
    const text = node.type === Scalar.PLAIN ? source : String(node.value).trim();
    const start = this.lines.point(from);
    const end = this.lines.point(to);
    const raw = source.split(/\r?\n/, 1)[0]!;
    return new YamlCell(this.abs, raw, text, start.line, start.column, { start, end });
  }

  private items(node: YamlNode | null | undefined): Items {
    const out: Items = new Map();
    if (!isMap(node)) return out;
    for (const pair of node.items as Pair[]) {
      if (isPair(pair) && isScalar(pair.key)) out.set(String(pair.key.value), { key: pair.key, value: (pair.value as YamlNode | null) ?? null });
    }
    return out;
  }

  private seq(node: YamlNode | null | undefined): YamlNode[] {
    return isSeq(node) ? (node.items as YamlNode[]) : [];
  }

  /**
   * An unknown key one edit away from a known one (`hostnme`, `ip4`, `Hostname`) is most likely
   * a typo: a warning, and the value is kept as an extra field. Other unknown keys are upstream's
   * own (`monitoring`, `cores`, `os`) and pass silently.
   */
  private hints(items: Items, known: readonly string[], at: (string | number)[]): void {
    for (const [key, { key: node }] of items) {
      if (known.includes(key) || key === "$schema") continue;
      const hint = known.find((k) => k.toLowerCase() === key.toLowerCase() || (key.length >= 4 && editDistance(key.toLowerCase(), k) <= 1));
      if (!hint) continue;
      const start = this.lines.point(node.range?.[0] ?? 0);
      const where = at.length ? "kept as an extra field" : "not read";
      this.out.diagnostics.push({ ...schemaDiagnostic(this.abs, start, `Unknown key "${formatPath([...at, key])}" (${where}); did you mean "${formatPath([...at, hint])}"?`), severity: "warn" });
    }
  }
}

function isEntry<T>(value: T | null): value is T {
  return value !== null;
}

/** A record's name as a merge key: names are compared case-insensitively, as host names are. */
export function nameKeys(entry: Entry): string[] {
  const record = entry.record as { name?: string | null; node?: string | null };
  const name = record.name ?? record.node ?? null;
  return name ? [`name:${name.trim().toLowerCase()}`] : [];
}

export function addressKeys(entry: Entry<"device">): string[] {
  return entry.record.ip ? [`ip:${entry.record.ip}`] : [];
}

/** The keys a device of site-config.yml looks for its other description by: its name, or its address when it is named by a role only. */
export function deviceKeys(entry: Entry<"device">, byAddress: ReadonlySet<Entry<"device">>): string[] {
  return byAddress.has(entry) ? addressKeys(entry) : nameKeys(entry);
}
