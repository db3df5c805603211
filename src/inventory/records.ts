import type { Cell, Row } from "../markdown/types.js";
import { cellIp, cellPort, cellUrl, cellValue, parseMac, textValue } from "./cells.js";
import { nodeType, type RecordKind } from "./kinds.js";
import type { Backup, Device, OverlayMember, Service, Share, Source } from "./schema.js";
import type { ClassifiedTable } from "./tables.js";

export type Cells = Partial<Record<string, Cell>>;

/** What every record builder gets: the row's cells by canonical column, and its context. */
export interface RowInput {
  cells: Cells;
  extra: Record<string, string>;
  group: string | null;
  source: Source;
}

const lower = (value: string | null) => (value === null ? null : value.toLowerCase());

/** `~~name~~` retires a record; otherwise the status column, or active. */
function status(input: RowInput, nameColumn: string): string {
  if (input.cells[nameColumn]?.strike) return "retired";
  return lower(cellValue(input.cells.status)) ?? "active";
}

export function buildDevice(input: RowInput): Device {
  const { cells } = input;
  return {
    name: cellValue(cells.name),
    type: nodeType(lower(cellValue(cells.type))),
    role: cellValue(cells.role),
    ip: cellIp(cells.ip) ?? null,
    mac: (() => {
      const value = cellValue(cells.mac);
      return value === null ? null : parseMac(value);
    })(),
    overlay: cellIp(cells.overlay) ?? null,
    port: cellValue(cells.port),
    location: cellValue(cells.location),
    host: cellValue(cells.host),
    status: status(input, "name"),
    group: input.group,
    notes: textValue(cells.notes) ?? "",
    link: cellUrl(cells.link) ?? cellValue(cells.link),
    extra: input.extra,
    source: input.source,
  };
}

export function buildService(input: RowInput): Service {
  const { cells } = input;
  return {
    name: cellValue(cells.name),
    host: cellValue(cells.host),
    port: cellPort(cells.port) ?? null,
    url: cellUrl(cells.url) ?? cellValue(cells.url),
    type: lower(cellValue(cells.type)),
    exposure: lower(cellValue(cells.exposure)),
    status: status(input, "name"),
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
}

export const BUILDERS: { [K in RecordKind]: (input: RowInput) => RecordTypes[K] } = {
  device: buildDevice,
  service: buildService,
  overlay: buildOverlayMember,
  share: buildShare,
  backup: buildBackup,
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
  return { cells, extra, group, source: { file, line: row.span.start.line, column: row.span.start.column } };
}
