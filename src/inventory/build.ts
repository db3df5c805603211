import type { Cell, Row } from "../markdown/types.js";
import { cellValue, findIp, isAbsentText, parseIp, parseMac, textValue } from "./cells.js";
import { NODE_TYPES, type RecordKind } from "./kinds.js";
import { BUILDERS, buildDeviceOrLink, joinNotes, overlayInRow, rowInput, serviceChain, serviceName, type Cells, type RowInput } from "./records.js";
import { cellAddress, cellIps, inOverlayPool, isRoleTag, statusWord, type Address } from "./row-shapes.js";
import type { Device, NetworkInfo, OverlayMember, Service } from "./schema.js";
import type { Entry, SiteModel, SourceFile } from "./site.js";
import { rowShape, type ClassifiedTable, type TableOutcome } from "./tables.js";
import { collapseSpaces } from "../text/spaces.js";

export type SiteRecords = Pick<SiteModel, "devices" | "services" | "overlay" | "shares" | "backups" | "links" | "network">;

type Lists = { [K in RecordKind]: Entry<K>[] };

/**
 * Turns the classified tables of a site's files into records, in two passes: tables that name
 * their rows (a name, hostname or service column) first; then tables that start each row with an
 * address, whose names and hosts are looked up by IP among the first pass's devices. Records are
 * kept in file and line order.
 */
export function buildRecords(files: SourceFile[]): SiteRecords {
  const out: SiteRecords = {
    devices: [],
    services: [],
    overlay: [],
    shares: [],
    backups: [],
    links: [],
    network: { subnet: null, gateway: null, dns: null, extra: {} },
  };
  const lists: Lists = { device: out.devices, service: out.services, overlay: out.overlay, share: out.shares, backup: out.backups, link: out.links };
  const later: { file: SourceFile; classified: ClassifiedTable }[] = [];
  for (const file of files) {
    for (const classified of file.tables) {
      const { kind } = classified;
      if (kind === "subnet") {
        readSubnetTable(classified, out.network);
        continue;
      }
      // A table without its required columns is reported (table/missing-column) and yields no records:
      // rows with no name or host would only be noise in the inventory.
      if (kind === null || classified.missing.length > 0) continue;
      if (classified.shape === "address" || classified.shape === "settings") {
        later.push({ file, classified });
        continue;
      }
      readColumnsTable(file, classified, kind, lists);
    }
  }
  if (later.length === 0 && !files.some((f) => f.tables.some((t) => !t.layout && t.kind === "service"))) return out;

  const byIp = ipIndex(out.devices);
  const deviceNames = new Map(out.devices.flatMap((e) => (e.record.name ? [[e.record.name.toLowerCase(), e.record.name] as const] : [])));
  for (const { file, classified } of later) {
    if (classified.shape === "settings") readSettingsTable(file, classified, lists);
    else readAddressTable(file, classified, lists, byIp, deviceNames);
  }
  // Services found outside the layout that say no host: the device their URL's IP belongs to.
  for (const entry of out.services) {
    if (entry.table?.layout || entry.record.host !== null) continue;
    const ip = entry.record.url ? findIp(entry.record.url) : null;
    const host = ip ? byIp.get(ip) : undefined;
    if (host) entry.record.host = host;
  }
  for (const list of Object.values(lists)) (list as Entry[]).sort(bySource);
  return out;
}

function bySource(a: Entry, b: Entry): number {
  const sa = a.record.source;
  const sb = b.record.source;
  return (sa.file < sb.file ? -1 : sa.file > sb.file ? 1 : 0) || sa.line - sb.line;
}

function outcomeOf(classified: ClassifiedTable): TableOutcome {
  classified.outcome ??= { kept: {}, groups: 0, dropped: [] };
  return classified.outcome;
}

function keep<K extends RecordKind>(lists: Lists, kind: K, entry: Omit<Entry<K>, "kind">): void {
  (lists[kind] as Entry[]).push({ kind, record: entry.record, file: entry.file, table: entry.table, row: entry.row, cells: entry.cells } as Entry);
  // Every record read here comes from a table (only site-config.yml's have none).
  const kept = outcomeOf(entry.table as ClassifiedTable).kept;
  kept[kind] = (kept[kind] ?? 0) + 1;
}

function drop(classified: ClassifiedTable, row: Row, reason: string): void {
  outcomeOf(classified).dropped.push({ line: row.span.start.line, reason });
}

/**
 * Calls `each` for every record row of a table with the group it falls under: empty and `na`-only
 * rows are dropped with a reason, divider rows (`| **Servers** | | |`) open a group.
 */
function forEachRecordRow(classified: ClassifiedTable, each: (row: Row, group: string | null) => void): void {
  const { table } = classified;
  const outcome = outcomeOf(classified);
  let group: string | null = null;
  for (const row of table.rows) {
    const shape = rowShape(row, table.header.cells.length);
    if (shape.type === "skip") drop(classified, row, "empty, dashes or na only");
    else if (shape.type === "divider") {
      group = shape.group;
      outcome.groups++;
    } else each(row, group);
  }
}

function readColumnsTable(file: SourceFile, classified: ClassifiedTable, kind: RecordKind, lists: Lists): void {
  forEachRecordRow(classified, (row, group) => {
    const input = rowInput(classified, row, group, file.rel);
    if (kind === "device") {
      const built = buildDeviceOrLink(input);
      keep(lists, built.kind, { record: built.record, file, table: classified, row, cells: input.cells } as Omit<Entry, "kind">);
      return;
    }
    keep(lists, kind, { record: BUILDERS[kind](input), file, table: classified, row, cells: input.cells } as Omit<Entry, "kind">);
  });
}

/** The Subnet section of network.md: a key/value table (`| Subnet | 192.168.9.0/24 |`). */
function readSubnetTable(classified: ClassifiedTable, network: NetworkInfo): void {
  const rows = [classified.table.header, ...classified.table.rows];
  for (const row of rows) {
    const key = row.cells[0]?.text.trim().toLowerCase().replace(/[^a-z0-9]+/g, " ").trim() ?? "";
    const value = cellValue(row.cells[1]);
    if (!key || value === null || key === "key" || key === "setting") continue;
    if (key === "subnet" || key === "cidr") network.subnet = value;
    else if (key === "gateway" || key === "gw") network.gateway = value;
    else if (key === "dns") network.dns = value;
    else network.extra[row.cells[0]!.text.trim()] = value;
  }
}

/** IP (LAN or overlay) → the name of the first named device with it. */
function ipIndex(devices: Entry<"device">[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const { record } of devices) {
    if (!record.name) continue;
    if (record.ip && !index.has(record.ip)) index.set(record.ip, record.name);
    if (record.overlay && !index.has(record.overlay)) index.set(record.overlay, record.name);
  }
  return index;
}

const HOSTNAME_KEYS = new Set(["hostname", "hostnames", "host", "name", "vmname", "fqdn"]);

/** `| setting | value |` of one machine: a device at its hostname row, with the ip and mac rows' values. */
function readSettingsTable(file: SourceFile, classified: ClassifiedTable, lists: Lists): void {
  const cells: Cells = {};
  const extra: Record<string, string> = {};
  let at: Row | null = null;
  for (const row of classified.table.rows) {
    const key = (row.cells[0]?.text ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "");
    const value = row.cells[1];
    if (!value || isAbsentText(value.text)) continue;
    if (HOSTNAME_KEYS.has(key) && !cells.name) {
      cells.name = value;
      at = row;
    } else if ((key === "ip" || key === "ipaddress" || key === "ipv4" || key === "lanip" || key === "staticip") && !cells.ip) cells.ip = value;
    else if ((key === "mac" || key === "macaddress") && !cells.mac) cells.mac = value;
    else if (key) extra[row.cells[0]!.text.trim()] = textValue(value) ?? "";
  }
  if (!at) return;
  const { start } = at.span;
  const input: RowInput = { cells, extra, group: null, source: { file: file.rel, line: start.line, column: start.column } };
  const built = buildDeviceOrLink(input);
  keep(lists, "device", { record: built.record as Device, file, table: classified, row: at, cells });
  for (const row of classified.table.rows) if (row !== at) drop(classified, row, `a setting of ${built.record.name ?? "the machine"}`);
}

/** Words of a type column that say what a machine is, never which one. */
const GENERIC_TYPES = /^(ws|pi|tv|tuner|wifi|dhcp-mac|dhcp|app|nas|vm|lxc|ctr|win\d*|ub\d*|ubuntu|debian|linux|mac|macos|server|router|switch|ap|iot|camera|printer|phone)$/i;
const NODE_TYPE_SET: ReadonlySet<string> = new Set(NODE_TYPES);

/** `kh2.kr.example.org`: a type cell holding a host's full name names that machine (the row is the machine). */
function fqdnType(text: string | null): string | null {
  return text && /^[a-z][\w-]*(\.[a-z][\w-]*)+$/i.test(text) && !parseIp(text) ? text.split(".")[0]! : null;
}

/** A gateway tag with a number (`ng3`, `sg2`): a type cell that names one machine. */
function numberedTag(text: string | null): string | null {
  return text && /^(ng|sg|cg|ns|mg)\d{1,2}$/i.test(text) ? text : null;
}

/** A description that is one name (`handset`, `[TUNR-4471BE](…)`, `wrenSlate [zt-…](…)`). */
function descriptionName(cell: Cell | undefined): string | null {
  const value = textValue(cell);
  if (!value) return null;
  let text = value;
  for (const link of cell!.links) if (/^(zt|ts|wg)[-_]|notes?\b/i.test(link.text)) text = text.replace(link.text, " ");
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length !== 1) return null;
  const token = tokens[0]!;
  if (/^on[-\s]/i.test(token) || isAbsentText(token) || parseIp(token)) return null;
  return token;
}

/** `ng-lan`, `slwin11ops-notes`, `Longboat`: what an address cell says besides its address. */
function labelName(label: string): { name: string | null; tag: string | null; notesLink: boolean } {
  if (statusWord(label)) return { name: null, tag: null, notesLink: false };
  const first = label.split(/\s+/)[0] ?? "";
  const notesLink = /-notes?$/i.test(first);
  const stripped = first.replace(/-(lan|wan|notes?|ui|admin|guest)$/i, "");
  if (!stripped || isAbsentText(stripped) || statusWord(stripped)) return { name: null, tag: null, notesLink };
  if (isRoleTag(stripped)) return { name: null, tag: stripped, notesLink };
  return { name: stripped, tag: null, notesLink };
}

function exposureOf(address: Address): string {
  if (address.ip === null) return "public";
  if (inOverlayPool(address.ip)) return "overlay";
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|127\.|169\.254\.)/.test(address.ip) || address.ip.includes(":") ? "lan" : "public";
}

/** `7.3 plex` → plex; a link's text without its port (`ferrocell AdminUI:5000/`). */
function serviceWord(text: string | null): string | null {
  if (!text) return null;
  const cleaned = text
    .replace(/^\d+(\.\d+)*\s+/, "")
    .replace(/:\d+\/?$/, "")
    .replace(/\/$/, "")
    .trim();
  if (!cleaned || /^https?:/i.test(cleaned) || parseIp(cleaned.split(":")[0]!)) return null;
  return cleaned;
}

/**
 * An address-first table (`| ns service admin | type | description | loc | mac |`): each row is a
 * device (its admin page: an IP and no port), a service (a port, or a DNS name), an overlay member
 * (the table's addresses are all overlay addresses), or nothing (a bookmark into an admin page, a
 * reserved slot).
 */
function readAddressTable(file: SourceFile, classified: ClassifiedTable, lists: Lists, byIp: Map<string, string>, deviceNames: Map<string, string>): void {
  const { table } = classified;
  const network = table.heading ? collapseSpaces(table.heading.text) : null;
  forEachRecordRow(classified, (row, group) => {
    const { cells, extra } = rowInput(classified, row, group, file.rel);
    const first = row.cells[0];
    const address = cellAddress(first);
    if (!address) {
      drop(classified, row, "no address in the first column");
      return;
    }
    const macText = cellValue(cells.mac);
    const mac = macText ? parseMac(macText) : null;
    if (mac === "00:00:00:00:00:00") {
      drop(classified, row, "reserved slot (all-zero MAC)");
      return;
    }
    const typeText = cellValue(cells.type);
    const struck = Boolean(first!.strike || first!.struck.length > 0);
    const label = labelName(address.label);
    const statusFromText = statusWord(address.label) ?? (textValue(cells.notes) ? statusWord(textValue(cells.notes)!) : null);
    const status = cellValue(cells.status)?.toLowerCase() ?? statusFromText ?? (struck ? "retired" : "active");
    const { start } = row.span;
    const source = { file: file.rel, line: start.line, column: start.column };
    const base = { file, table: classified, row };
    const rowExtra = { ...extra };

    const fqdn = fqdnType(typeText);
    const isService = !fqdn && (address.port !== null || address.hostname !== null);
    if (classified.overlay && address.port === null) {
      const node = descriptionName(cells.notes) ?? label.name ?? fqdn ?? numberedTag(typeText) ?? null;
      const record: OverlayMember = {
        node,
        overlay: address.ip,
        ip: null,
        type: typeText && NODE_TYPE_SET.has(typeText.toLowerCase()) ? typeText.toLowerCase() : null,
        status,
        group,
        extra: { ...rowExtra, ...(typeText && !NODE_TYPE_SET.has(typeText.toLowerCase()) ? { type: typeText } : {}), ...(network ? { network } : {}) },
        source,
      };
      keep(lists, "overlay", { ...base, record, cells: { node: cells.notes, overlay: first } });
      return;
    }
    if (isService) {
      // A type cell naming a known machine (`longboat`) says where the service runs.
      const typeHost = typeText ? (deviceNames.get(typeText.toLowerCase()) ?? null) : null;
      const name =
        serviceWord(serviceName(cells.service)) ??
        (typeText && !typeHost && !GENERIC_TYPES.test(typeText) && !isRoleTag(typeText) ? serviceWord(typeText) : null) ??
        serviceWord(first!.links.find((l) => l.text && !/^https?:/i.test(l.text) && !parseIp(l.text.split(/[:/]/)[0]!))?.text ?? null) ??
        (label.name ? serviceWord(label.name) : null) ??
        serviceWord(textValue(cells.notes)?.split(/\s+/)[0] ?? null) ??
        address.hostname;
      const chain = serviceChain(cells.service);
      // `tgate->lbhost->krdock->caddy`: the last machine of the chain that is a known device.
      const chainHost = [...chain].reverse().map((m) => deviceNames.get(m.toLowerCase())).find((n) => n !== undefined) ?? null;
      const host = cellValue(cells.host) ?? (address.ip ? (byIp.get(address.ip) ?? null) : null) ?? typeHost ?? chainHost;
      if (chain.length > 0) rowExtra.via = chain.join(" -> ");
      if (typeText) rowExtra[table.header.cells[classified.columns.indexOf("type")]!.text.trim() || "type"] = typeText;
      if (macText) rowExtra.mac = macText;
      const record: Service = {
        name,
        host,
        port: address.port,
        url: address.url ?? (address.ip ?? address.hostname ?? "") + (address.port ? `:${address.port}` : ""),
        type: null,
        exposure: exposureOf(address),
        status,
        group,
        notes: joinNotes(textValue(cells.notes), cellValue(cells.location) ? `location ${cellValue(cells.location)}` : null),
        extra: rowExtra,
        source,
      };
      keep(lists, "service", { ...base, record, cells: { name: cells.service ?? cells.type ?? first, url: first, notes: cells.notes } });
      return;
    }
    if (address.path.length > 1 && address.port === null) {
      drop(classified, row, "a link into an admin page (bookmark)");
      return;
    }
    if (address.ip === null) {
      drop(classified, row, "no IP in the address");
      return;
    }
    const ipMatch = cellIps(first).map((ip) => byIp.get(ip)).find((n) => n !== undefined) ?? null;
    const tag = typeText && /^(ng|sg|cg|ns)$/i.test(typeText) ? typeText : label.tag && /^(ng|sg|cg|ns)\d*$/i.test(label.tag) ? label.tag : null;
    const name =
      descriptionName(cells.notes) ??
      fqdn ??
      (label.notesLink ? null : label.name) ??
      numberedTag(typeText) ??
      ipMatch ??
      (label.notesLink ? label.name : null) ??
      (tag ? tag.toLowerCase() : null);
    if (name === null && !typeText && !textValue(cells.notes)) {
      drop(classified, row, "an address with no name, type or description (a reserved slot?)");
      return;
    }
    const nameFrom = descriptionName(cells.notes) ? cells.notes : undefined;
    const type = typeText && NODE_TYPE_SET.has(typeText.toLowerCase()) ? typeText.toLowerCase() : null;
    const role = cellValue(cells.role) ?? (typeText && isRoleTag(typeText) ? typeText : null) ?? label.tag;
    if (typeText && !type && typeText !== role && typeText !== name) rowExtra[table.header.cells[classified.columns.indexOf("type")]!.text.trim() || "type"] = typeText;
    const overlayCell = cellValue(cells.overlay);
    const record: Device = {
      name,
      type,
      role,
      ip: address.ip,
      mac,
      overlay: (overlayCell ? parseIp(overlayCell) : null) ?? overlayInRow(row),
      port: null,
      location: cellValue(cells.location),
      host: null,
      status,
      group,
      notes: textValue(cells.notes) ?? "",
      link: address.url,
      extra: rowExtra,
      source,
    };
    const entryCells: Cells = { ip: first, ...(nameFrom ? { name: nameFrom } : {}), ...(cells.mac ? { mac: cells.mac } : {}), ...(cells.notes ? { notes: cells.notes } : {}) };
    keep(lists, "device", { ...base, record, cells: entryCells });
  });
}
