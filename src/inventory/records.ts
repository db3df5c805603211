import type { Cell, Row } from "../markdown/types.js";
import { cellIp, cellPort, cellUrl, cellValue, parseMac, textValue } from "./cells.js";
import { nodeType, type RecordKind } from "./kinds.js";
import { cableEnds, nameParts, overlayInText, portPair, statusValue, statusWord, type NameParts } from "./row-shapes.js";
import type { Backup, Device, Link, OverlayMember, Service, Share, Source } from "./schema.js";
import type { ClassifiedTable } from "./tables.js";
import { collapseSpaces } from "../text/spaces.js";

export type Cells = Partial<Record<string, Cell>>;

/** What every record builder gets: the row's cells by canonical column, and its context. */
export interface RowInput {
  cells: Cells;
  extra: Record<string, string>;
  group: string | null;
  source: Source;
  /** All cells of the row, in header order (for values written into another column: `zt-<ip>`). */
  row?: Row;
  /**
   * Read as the layout's own tables always were (docs/devices.md with a full header): names and
   * service names are not split. Tables found elsewhere get the readings of real repos.
   */
  layout?: boolean;
  /** The name cell is a host name and nothing else (site-config.yml's `hostname`): never split. */
  wholeName?: boolean;
}

const lower = (value: string | null) => (value === null ? null : value.toLowerCase());

/** `~~name~~` retires a record; otherwise the status column, or active. */
function status(input: RowInput, nameColumn: string): string {
  if (input.cells[nameColumn]?.strike) return "retired";
  const written = cellValue(input.cells.status);
  return written === null ? "active" : statusValue(written);
}

/** The status a row says it has: the status column wins, then the name cell, then a status word opening or closing the notes. */
function rowStatus(input: RowInput, name: NameParts): string {
  if (name.status === "retired" && input.cells.name?.strike) return "retired";
  const written = cellValue(input.cells.status);
  if (written !== null) return statusValue(written);
  if (name.status) return name.status;
  const notes = textValue(input.cells.notes);
  return (notes && statusWord(notes)) ?? "active";
}

/** A device row, or a cable run written as one (`switch 1 to 2`, port `sw1p4-sw2p5`). */
export function buildDeviceOrLink(input: RowInput): { kind: "device"; record: Device } | { kind: "link"; record: Link } {
  const { cells } = input;
  const name = nameParts(cells.name, { split: !input.wholeName });
  const ip = cellIp(cells.ip);
  const macText = cellValue(cells.mac);
  const mac = macText === null ? null : parseMac(macText);
  // No address at all (an IP that is not one still makes a device: device/invalid-ip says so).
  if (ip === null && mac === null) {
    const ends = name.name ? cableEnds(name.name) : null;
    const ports = portPair(cellValue(cells.port) ?? "");
    if (ends || ports) return { kind: "link", record: linkFromDeviceRow(input, name, ends, ports) };
  }
  return { kind: "device", record: buildDeviceFrom(input, name, ip ?? null, mac) };
}

export function buildDevice(input: RowInput): Device {
  const macText = cellValue(input.cells.mac);
  return buildDeviceFrom(input, nameParts(input.cells.name, { split: !input.wholeName }), cellIp(input.cells.ip) ?? null, macText === null ? null : parseMac(macText));
}

function buildDeviceFrom(input: RowInput, name: NameParts, ip: string | null, mac: string | null): Device {
  const { cells } = input;
  const notes = textValue(cells.notes) ?? "";
  // One object literal without a spread (a spread in it builds every device on V8's slow path);
  // the rare former name is put in its place after `name` below.
  const written: Device = {
    name: name.name,
    type: nodeType(lower(cellValue(cells.type))),
    role: cellValue(cells.role) ?? name.role ?? null,
    ip,
    mac,
    overlay: cellIp(cells.overlay) ?? null,
    port: cellValue(cells.port),
    location: cellValue(cells.location),
    host: cellValue(cells.host),
    status: rowStatus(input, name),
    group: input.group,
    notes: name.site || name.notes ? joinNotes(name.site ? `site ${name.site}` : null, name.notes ?? null, notes) : notes,
    link: cellUrl(cells.link) ?? cellValue(cells.link),
    extra: input.extra,
    source: input.source,
  };
  const device = name.formerly ? withFormerName(written, name.formerly) : written;
  if (device.overlay === null && !cells.overlay && input.row) device.overlay = overlayInRow(input.row);
  return device;
}

/** The device with `formerly` right after its name, where the inventory's key order has it. */
function withFormerName(device: Device, formerly: string): Device {
  const { name, ...rest } = device;
  return { name, formerly, ...rest };
}

/** A `zt-<ip>` anywhere in the row (a description's link text). */
export function overlayInRow(row: Row): string | null {
  // Indexed: runs for most devices, before V8 has optimized it (for-of allocates then).
  for (let i = 0; i < row.cells.length; i++) {
    const found = overlayInText(row.cells[i]!.text);
    if (found) return found;
  }
  return null;
}

export function joinNotes(...parts: (string | null)[]): string {
  return parts.filter((p): p is string => p !== null && p !== "").join("; ");
}

function linkFromDeviceRow(input: RowInput, name: NameParts, ends: { from: string; to: string } | null, ports: { fromPort: string; toPort: string } | null): Link {
  const { cells } = input;
  const extra = { ...input.extra };
  return {
    name: name.name,
    from: ends?.from ?? null,
    to: ends?.to ?? null,
    fromPort: ports?.fromPort ?? null,
    toPort: ports?.toPort ?? null,
    location: cellValue(cells.location),
    status: rowStatus(input, name),
    group: input.group,
    notes: joinNotes(textValue(cells.notes), ports ? null : cellValue(cells.port)),
    extra,
    source: input.source,
  };
}

export function buildLink(input: RowInput): Link {
  const { cells } = input;
  const name = nameParts(cells.name, { split: false });
  const ports = portPair(cellValue(cells.port) ?? "");
  return {
    name: name.name,
    from: cellValue(cells.from),
    to: cellValue(cells.to),
    fromPort: cellValue(cells.fromPort) ?? ports?.fromPort ?? null,
    toPort: cellValue(cells.toPort) ?? ports?.toPort ?? null,
    location: cellValue(cells.location),
    status: rowStatus(input, name),
    group: input.group,
    notes: joinNotes(textValue(cells.notes), ports ? null : cellValue(cells.port)),
    extra: input.extra,
    source: input.source,
  };
}

/**
 * A service name as real tables write it: `caddy [tgate](…)->[krdock](…)`, `llm chat -> host`,
 * `homeassistant lbwsl user pass`. The text before the first link or arrow; more than three
 * words with neither: the first word (the rest is where it runs and who logs in).
 */
export function serviceName(cell: Cell | undefined): string | null {
  // Not cellValue: a `?` in the rest of the cell (a password, a question) does not make the name a placeholder.
  const value = textValue(cell);
  if (value === null) return null;
  let text = value;
  const firstLink = cell!.links[0];
  if (firstLink && firstLink.text) {
    const at = text.indexOf(firstLink.text);
    if (at > 0) text = text.slice(0, at);
  }
  const arrow = text.indexOf("->");
  if (arrow > 0) text = text.slice(0, arrow);
  text = collapseSpaces(text);
  const tokens = text.split(" ");
  if (tokens.length > 3 || tokens.slice(1).some((t) => /[@/:]|^-/.test(t))) text = tokens[0]!;
  return text || null;
}

/** The machines a service cell names after its arrows: `tgate->lbhost->krdock->caddy`. */
export function serviceChain(cell: Cell | undefined): string[] {
  if (!cell || !cell.text.includes("->")) return [];
  const parts = cell.text.split("->").slice(1).map((p) => p.trim().split(/\s+/)[0] ?? "").filter(Boolean);
  return parts;
}

export function buildService(input: RowInput): Service {
  const { cells } = input;
  const name = input.layout ? cellValue(cells.name) : serviceName(cells.name);
  const url = cellUrl(cells.url) ?? cellValue(cells.url) ?? (input.layout ? null : cellUrl(cells.name));
  return {
    name,
    host: cellValue(cells.host),
    port: cellPort(cells.port) ?? null,
    url,
    type: lower(cellValue(cells.type)),
    exposure: lower(cellValue(cells.exposure)),
    // Outside the layout a struck link (`~~[http://…](…)~~ | jellyfin |`) retires the row too.
    status: !input.layout && cells.url?.strike ? "retired" : status(input, "name"),
    group: input.group,
    notes: textValue(cells.notes) ?? "",
    extra: input.extra,
    source: input.source,
  };
}

export function buildOverlayMember(input: RowInput): OverlayMember {
  const { cells } = input;
  return {
    node: cellValue(cells.node),
    overlay: cellIp(cells.overlay) ?? null,
    ip: cellIp(cells.ip) ?? null,
    type: lower(cellValue(cells.type)),
    status: status(input, "node"),
    group: input.group,
    extra: input.extra,
    source: input.source,
  };
}

export function buildShare(input: RowInput): Share {
  const { cells } = input;
  return {
    sourceHost: cellValue(cells.sourceHost),
    targetHost: cellValue(cells.targetHost),
    mount: cellValue(cells.mount),
    purpose: textValue(cells.purpose),
    transport: lower(cellValue(cells.transport)),
    status: status(input, "sourceHost"),
    group: input.group,
    extra: input.extra,
    source: input.source,
  };
}

export function buildBackup(input: RowInput): Backup {
  const { cells } = input;
  return {
    from: lower(cellValue(cells.from)),
    to: lower(cellValue(cells.to)),
    mode: lower(cellValue(cells.mode)),
    tier: lower(cellValue(cells.tier)),
    via: cellValue(cells.via),
    schedule: textValue(cells.schedule),
    status: status(input, "from"),
    group: input.group,
    extra: input.extra,
    source: input.source,
  };
}

export interface RecordTypes {
  device: Device;
  service: Service;
  overlay: OverlayMember;
  share: Share;
  backup: Backup;
  link: Link;
}

export const BUILDERS: { [K in RecordKind]: (input: RowInput) => RecordTypes[K] } = {
  device: buildDevice,
  service: buildService,
  overlay: buildOverlayMember,
  share: buildShare,
  backup: buildBackup,
  link: buildLink,
};

/** The cells of a row by canonical column, and its unknown columns as `extra`. */
export function rowInput(classified: ClassifiedTable, row: Row, group: string | null, file: string): RowInput {
  const cells: Cells = {};
  const extra: Record<string, string> = {};
  classified.columns.forEach((column, index) => {
    const cell = row.cells[index];
    if (column) {
      if (cell) cells[column] = cell;
      return;
    }
    const header = classified.table.header.cells[index]!.text.trim() || `column ${index + 1}`;
    const value = textValue(cell);
    if (value !== null && !(header in extra)) extra[header] = value;
  });
  // A row's span is built on each read (cell.ts): read once.
  const { start } = row.span;
  return { cells, extra, group, source: { file, line: start.line, column: start.column }, row, layout: classified.layout };
}
