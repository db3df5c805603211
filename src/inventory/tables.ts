import type { ColumnAliases, TableKindSetting } from "../config/site.js";
import type { Cell, Row, Table } from "../markdown/types.js";
import { isAbsentText } from "./cells.js";
import { aliasMap, headerKey, KINDS, type RecordKind } from "./kinds.js";
import { cellAddress, inOverlayPool } from "./row-shapes.js";

/** The kinds a file's tables may be, from its name: a hint, and the layout's own rule for its three files. */
export type FileRole = "devices" | "services" | "network" | "other";

export function fileRole(relPath: string): FileRole {
  const base = relPath.replace(/\\/g, "/");
  if (base === "docs/devices.md") return "devices";
  if (base === "docs/services.md") return "services";
  if (base === "docs/network.md") return "network";
  return "other";
}

/**
 * How a table's rows become records:
 * - `columns`: one record per row, each header cell a column of the kind;
 * - `address`: the first column is an address (an admin URL, `ip : port`); each row is a device,
 *   a service or an overlay member by what the address is (see rows.ts);
 * - `settings`: a `| setting | value |` table describing one machine (a VM page): one device;
 * - `subnet`: the key/value Subnet table of network.md;
 * - `none`: not inventory.
 */
export type TableShape = "columns" | "address" | "settings" | "subnet" | "none";

/** What became of a table's rows (filled when records are built; `netstack tables` prints it). */
export interface TableOutcome {
  kept: Partial<Record<RecordKind, number>>;
  /** Group (divider) rows: they name the rows below them. */
  groups: number;
  dropped: { line: number; reason: string }[];
}

/** A table read as one kind: which canonical column each header position is. */
export interface ClassifiedTable {
  table: Table;
  /** null when the table is not inventory (`table/unrecognized` in the layout's files). */
  kind: RecordKind | "subnet" | null;
  /** Per header position: the canonical column, or null for an extra column. */
  columns: (string | null)[];
  /** Required columns the header lacks (`table/missing-column`). */
  missing: string[];
  shape: TableShape;
  /** 0–1: how sure the classification is (1 for a `sources.kinds` override). */
  confidence: number;
  /** Why this kind, or why none, in a few words. */
  reason: string;
  /** Read by the layout's rule (a full header in docs/devices.md, services.md, network.md): rows exactly as before. */
  layout: boolean;
  /** Address tables whose every address is in an overlay pool: the rows are overlay members. */
  overlay?: boolean;
  outcome?: TableOutcome;
}

export interface ClassifyContext {
  role: FileRole;
  /** The file's path relative to the site root (its name is a hint: `tvchannels.md`). */
  rel: string;
  aliases?: ColumnAliases;
  /** `sources.kinds` for this file or this section. */
  override?: TableKindSetting;
}

/** Section heading of network.md → the kind of its tables. */
function networkSectionKind(heading: string | undefined): RecordKind | "subnet" | null {
  const h = (heading ?? "").toLowerCase();
  if (h.includes("overlay")) return "overlay";
  if (h.includes("share")) return "share";
  if (h.includes("backup")) return "backup";
  if (h.includes("subnet")) return "subnet";
  return null;
}

function mapColumns(table: Table, kind: RecordKind, aliases?: ColumnAliases): (string | null)[] {
  const map = aliasMap(kind, aliases);
  const seen = new Set<string>();
  return table.header.cells.map((cell) => {
    const column = map.get(headerKey(cell.text)) ?? null;
    // A repeated header keeps the first as canonical and the rest as extra.
    if (column === null || seen.has(column)) return null;
    seen.add(column);
    return column;
  });
}

function classifyAs(table: Table, kind: RecordKind, aliases?: ColumnAliases): ClassifiedTable {
  const columns = mapColumns(table, kind, aliases);
  const missing = KINDS[kind].required.filter((c) => !columns.includes(c));
  return { table, kind, columns, missing, shape: "columns", confidence: 0, reason: "", layout: false };
}

const none = (table: Table, reason: string, confidence = 0): ClassifiedTable => ({
  table,
  kind: null,
  columns: table.header.cells.map(() => null),
  missing: [],
  shape: "none",
  confidence,
  reason,
  layout: false,
});

/**
 * Decides a table's kind. A `sources.kinds` override wins. In docs/devices.md, services.md and
 * network.md a header with every required column of the file's kind is read as the layout always
 * read it. Anywhere else (and for the layout's files when that fails) the header, the section
 * heading, the file name and a sample of the first column decide; a layout file's table that is
 * still nothing falls back to its file's kind when two columns match (then `table/missing-column`).
 */
export function classifyTable(table: Table, context: ClassifyContext | FileRole, legacyAliases?: ColumnAliases): ClassifiedTable {
  const ctx: ClassifyContext = typeof context === "string" ? { role: context, rel: "", aliases: legacyAliases } : context;
  if (ctx.override) return overridden(table, ctx.override, ctx.aliases);

  const candidates: (RecordKind | "subnet")[] = [];
  if (ctx.role === "devices") candidates.push("device");
  else if (ctx.role === "services") candidates.push("service");
  else if (ctx.role === "network") {
    const section = networkSectionKind(table.heading?.text);
    if (section) candidates.push(section);
    else candidates.push("overlay", "share", "backup");
  }

  let best: ClassifiedTable | null = null;
  let bestScore = 0;
  for (const kind of candidates) {
    if (kind === "subnet") return { ...none(table, "Subnet section of network.md", 0.95), kind: "subnet", shape: "subnet", layout: true };
    const classified = classifyAs(table, kind, ctx.aliases);
    const known = classified.columns.filter((c) => c !== null).length;
    const score = classified.missing.length === 0 ? 100 + known : known;
    if (score > bestScore) {
      best = classified;
      bestScore = score;
    }
  }
  if (best && best.missing.length === 0) return { ...best, confidence: 0.95, reason: `header matches a ${best.kind} table in ${ctx.rel || "its file"}`, layout: true };

  const general = classifyGeneral(table, ctx);
  // A layout file's table read as its own kind keeps the layout's required columns (table/missing-column).
  if (general.kind !== null && !(best && bestScore >= 2 && general.kind === best.kind && general.shape === "columns")) return general;
  if (best && bestScore >= 2) {
    return { ...best, confidence: 0.4, reason: `file name says ${best.kind}; header lacks ${best.missing.join(", ")}`, layout: true };
  }
  return general;
}

function overridden(table: Table, kind: TableKindSetting, aliases?: ColumnAliases): ClassifiedTable {
  const reason = `sources.kinds says ${kind}`;
  if (kind === "none") return none(table, reason, 1);
  if (kind === "subnet") return { ...none(table, reason, 1), kind: "subnet", shape: "subnet" };
  const classified = classifyAs(table, kind, aliases);
  if ((kind === "device" || kind === "service") && !classified.columns.includes("name") && addressFirst(table) !== null) {
    return addressTable(table, 1, reason, aliases, false);
  }
  // The operator said what it is: a first column no alias names is the name (`| Thing | Where |`).
  const nameColumn = kind === "overlay" ? "node" : kind === "device" || kind === "service" || kind === "link" ? "name" : null;
  if (nameColumn && !classified.columns.includes(nameColumn) && classified.columns[0] === null && KINDS[kind].required.includes(nameColumn)) {
    classified.columns[0] = nameColumn;
    classified.missing = classified.missing.filter((c) => c !== nameColumn);
  }
  return { ...classified, confidence: 1, reason };
}

/** Words of a header cell or heading, lowercased. */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Tables that hold no inventory, by their header, heading or file name: TV channels, coax and
 * antenna runs, port forwards, firewall rules, command cheat-sheets, ssh keys, accounts, bookmarks.
 */
const NOT_INVENTORY_WORDS = new Set([
  "coax",
  "antenna",
  "channel",
  "channels",
  "ch",
  "tvchannels",
  "lineup",
  "forward",
  "forwards",
  "forwarding",
  "firewall",
  "command",
  "commands",
  "cheatsheet",
  "shortcut",
  "shortcuts",
  "fingerprint",
  "fingerprints",
  "bookmark",
  "bookmarks",
  "account",
  "accounts",
  "uid",
  "gid",
  "libraries",
  "keys",
]);
const NOT_INVENTORY_PHRASES = [/\bport forward/i, /\bssh key/i, /\bcheat[ -]?sheet/i, /\bcable tv\b/i];

function notInventory(table: Table, rel: string): string | null {
  const header = table.header.cells.map((c) => c.text).join(" ");
  const heading = table.heading?.text ?? "";
  const base = rel.split("/").pop()!.replace(/\.md$/i, "");
  for (const [where, text] of [
    ["header", header],
    ["heading", heading],
    ["file name", base],
  ] as const) {
    const hit = words(text).find((w) => NOT_INVENTORY_WORDS.has(w)) ?? NOT_INVENTORY_PHRASES.find((p) => p.test(text))?.source;
    if (hit) return `${where} says it is not inventory (${String(hit).replace(/\\b/g, "")})`;
  }
  return null;
}

/** Columns that only a device table has: with a name column, one of them makes a device table. */
const DEVICE_EVIDENCE = ["ip", "mac", "overlay", "type", "role", "location", "host", "port"];
const SERVICE_EVIDENCE = ["host", "url", "port", "exposure"];

function isVmIdHeader(cell: Cell): boolean {
  return /^(vmid|vm id|ctid|ct id|vm|lxc|id)$/i.test(cell.text.trim()) && cell.text.trim().length > 2;
}

function classifyGeneral(table: Table, ctx: ClassifyContext): ClassifiedTable {
  const headerCells = table.header.cells;
  const settings = settingsTable(table);
  if (settings) return settings;
  const refusal = notInventory(table, ctx.rel);
  if (refusal) return none(table, refusal, 0.8);

  const scored: { classified: ClassifiedTable; score: number; reason: string }[] = [];
  const device = classifyAs(table, "device", ctx.aliases);
  const vmid = headerCells.some(isVmIdHeader);
  // `| ns | admin link | login |`: the role-tag column is the name when nothing else is.
  let nsNamed = false;
  if (!device.columns.includes("name") && headerKey(headerCells[0]?.text ?? "") === "ns" && (device.columns.includes("ip") || device.columns.includes("link"))) {
    device.columns[0] = "name";
    device.missing = [];
    nsNamed = true;
  }
  const deviceEvidence = device.columns.filter((c) => c !== null && DEVICE_EVIDENCE.includes(c)).length + (vmid || nsNamed ? 1 : 0);
  if (device.columns.includes("name") && deviceEvidence > 0) {
    scored.push({ classified: device, score: device.columns.filter(Boolean).length + deviceEvidence, reason: "name column and device columns" });
  }
  const service = classifyAs(table, "service", ctx.aliases);
  const nameIndex = service.columns.indexOf("name");
  const serviceHeader = nameIndex >= 0 && /service|app/i.test(headerCells[nameIndex]!.text);
  const serviceEvidence = service.columns.filter((c) => c !== null && SERVICE_EVIDENCE.includes(c)).length;
  if (nameIndex >= 0 && (serviceEvidence > 0 || serviceHeader) && (serviceHeader || !device.columns.some((c) => c === "ip" || c === "mac"))) {
    scored.push({
      classified: { ...service, missing: [] },
      score: service.columns.filter(Boolean).length + serviceEvidence + (serviceHeader ? 2 : 0),
      reason: serviceHeader ? "service column" : "name column and service columns",
    });
  }
  const overlay = classifyAs(table, "overlay", ctx.aliases);
  if (overlay.missing.length === 0) {
    const deviceOnly = device.columns.filter((c) => c === "mac" || c === "port" || c === "location" || c === "host" || c === "role").length;
    if (deviceOnly === 0) scored.push({ classified: overlay, score: 100, reason: "node and overlay address columns" });
  }
  const share = classifyAs(table, "share", ctx.aliases);
  if (share.missing.length === 0) scored.push({ classified: share, score: 50 + share.columns.filter(Boolean).length, reason: "source, target and mount columns" });
  const link = classifyAs(table, "link", ctx.aliases);
  const linkEvidence = link.columns.some((c) => c === "name" || c === "fromPort" || c === "toPort" || c === "port");
  const backup = classifyAs(table, "backup", ctx.aliases);
  const backupEvidence = backup.columns.some((c) => c === "mode" || c === "schedule" || c === "tier" || c === "via");
  if (backup.columns.includes("from") && backup.columns.includes("to") && backupEvidence) {
    scored.push({ classified: { ...backup, missing: [] }, score: 40 + backup.columns.filter(Boolean).length, reason: "from, to and schedule or mode columns" });
  } else if (link.missing.length === 0 && linkEvidence) {
    scored.push({ classified: link, score: 40 + link.columns.filter(Boolean).length, reason: "two ends and a cable or port column" });
  }

  if (scored.length > 0) {
    scored.sort((a, b) => b.score - a.score);
    const top = scored[0]!;
    const mapped = top.classified.columns.filter(Boolean).length;
    const confidence = Math.min(0.9, 0.5 + 0.1 * mapped);
    return { ...top.classified, confidence, reason: top.reason };
  }

  const address = addressFirst(table);
  if (address) {
    if (address.bookmarks) return none(table, "links into admin pages (bookmarks)", 0.6);
    const serviceWord = headerCells.some((c) => /\b(service|services|url|admin|link)\b/i.test(c.text));
    if (headerCells.length >= 3 || serviceWord) {
      const overlayHint = /\b(overlay|zerotier|zt|tailscale|wireguard|vpn|mesh)\b/i.test(table.heading?.text ?? "");
      return addressTable(table, 0.75, "first column is addresses", ctx.aliases, address.overlay || (overlayHint && address.overlayShare > 0.5));
    }
  }
  if (!device.columns.includes("name") && !service.columns.includes("name")) return none(table, "no name column and no address column");
  return none(table, "no column a device or service table has besides the name");
}

/** Header names of an address table's other columns. */
const ADDRESS_COLUMNS: Record<string, string> = Object.fromEntries(
  (
    [
      ["type", ["type", "kind"]],
      ["role", ["ns", "role"]],
      ["notes", ["description", "notes", "comments", "detail", "details"]],
      ["location", ["location", "loc", "rm", "room"]],
      ["mac", ["mac", "macaddress"]],
      ["overlay", ["zt", "zerotier", "overlay", "overlayip", "ztip"]],
      ["service", ["service", "services", "app", "servicezt"]],
      ["host", ["host"]],
      ["status", ["status"]],
    ] as const
  ).flatMap(([column, names]) => names.map((n) => [n, column])),
);

function addressTable(table: Table, confidence: number, reason: string, aliases: ColumnAliases | undefined, overlay: boolean): ClassifiedTable {
  const extraAliases = new Map<string, string>();
  for (const [column, names] of Object.entries(aliases?.device ?? {})) for (const n of names) extraAliases.set(headerKey(n), column);
  const seen = new Set<string>(["address"]);
  const columns = table.header.cells.map((cell, i) => {
    if (i === 0) return "address";
    const key = headerKey(cell.text);
    // `service [zt](…)`: a header may carry links after its name.
    const firstWord = words(cell.text)[0] ?? "";
    const column = extraAliases.get(key) ?? ADDRESS_COLUMNS[key] ?? (firstWord === "service" || firstWord === "services" ? "service" : null);
    if (column === null || seen.has(column)) return null;
    seen.add(column);
    return column;
  });
  return {
    table,
    kind: overlay ? "overlay" : "device",
    columns,
    missing: [],
    shape: "address",
    confidence,
    reason: overlay ? `${reason}, every one in an overlay pool` : reason,
    layout: false,
    overlay,
  };
}

/** Rows looked at to judge a table by its content: enough to decide, few enough to stay linear. */
const SAMPLE = 40;

/** Whether most rows start with an address; and whether those are bookmarks or overlay addresses. */
function addressFirst(table: Table): { bookmarks: boolean; overlay: boolean; overlayShare: number } | null {
  let rows = 0;
  let addressed = 0;
  let withPath = 0;
  let ips = 0;
  let overlayIps = 0;
  for (const row of table.rows) {
    if (rows >= SAMPLE) break;
    const shape = rowShape(row, table.header.cells.length);
    if (shape.type !== "record") continue;
    rows++;
    const address = cellAddress(row.cells[0]);
    if (!address) continue;
    addressed++;
    if (address.path.length > 1 && address.port === null) withPath++;
    if (address.ip) {
      ips++;
      if (inOverlayPool(address.ip)) overlayIps++;
    }
  }
  if (rows === 0 || addressed / rows < 0.6) return null;
  return { bookmarks: withPath * 2 > addressed, overlay: ips >= 2 && overlayIps === ips, overlayShare: ips ? overlayIps / ips : 0 };
}

/** Keys of a setting/value table that name the machine, and those that describe it. */
const HOSTNAME_KEYS = new Set(["hostname", "hostnames", "host", "name", "vmname", "fqdn"]);
const MACHINE_KEYS = new Set(["ip", "ipaddress", "ipv4", "mac", "macaddress", "vmid", "ctid", "lanip", "staticip"]);

/** `| setting | value |` with a hostname row and an ip, mac or vmid row: one machine (a VM page). */
function settingsTable(table: Table): ClassifiedTable | null {
  if (table.header.cells.length !== 2) return null;
  let hostname = false;
  let machine = false;
  let rows = 0;
  for (const row of [table.header, ...table.rows]) {
    if (rows++ > SAMPLE) break;
    const key = headerKey(row.cells[0]?.text ?? "");
    if (HOSTNAME_KEYS.has(key) && row !== table.header) hostname = true;
    if (MACHINE_KEYS.has(key)) machine = true;
  }
  if (!hostname || !machine) return null;
  return { ...none(table, "setting/value table of one machine", 0.7), kind: "device", shape: "settings" };
}

export type RowShape = { type: "record" } | { type: "divider"; group: string } | { type: "skip" };

/**
 * A row whose first cell has text and every other cell is empty, dashes or `na`/`n/a` sets the
 * group of the rows below; a row of dashes only is skipped.
 */
export function rowShape(row: Row, headerLength: number): RowShape {
  const cells = row.cells;
  const firstBlank = blank(cells[0]);
  if (firstBlank && cells.every(blank)) return { type: "skip" };
  if (headerLength < 2 || firstBlank) return RECORD;
  let rest = true;
  let marked = false;
  let empty = false;
  for (let i = 1; i < cells.length && rest; i++) {
    if (blank(cells[i])) {
      empty = true;
      continue;
    }
    rest = isAbsentText(cells[i]!.text);
    marked = true;
  }
  if (!rest) return RECORD;
  const first = cells[0]!.text.trim();
  // Nothing but `na`s: no record and no group.
  if (isAbsentText(first)) return { type: "skip" };
  // A group row is dashes or empty, with `na` here and there (`| Media | - | - | na |`). A name
  // whose every other cell says `na` is a device known by name only (add-node writes rows so),
  // and so is a host name (`| nas2 | na | |`).
  if (marked && (!empty || HOST_TOKEN.test(first))) return RECORD;
  return { type: "divider", group: first };
}

/** One word with a digit, `-`, `_` or `.` in it: how host names are written, and group titles are not. */
const HOST_TOKEN = /^[^\s]*[\d_.-][^\s]*$/;

const DASHES_ONLY = /^[-—–:\s]+$/;
function blank(c: Cell | undefined): boolean {
  if (!c) return true;
  // Text that opens with an ASCII letter or digit is neither empty nor dashes (most cells).
  const first = c.text.charCodeAt(0) | 32;
  if ((first >= 97 && first <= 122) || (first >= 48 && first <= 57)) return false;
  return c.text.trim() === "" || DASHES_ONLY.test(c.text);
}
/** Shared: rowShape runs for every row, more than once. */
const RECORD: RowShape = Object.freeze({ type: "record" });
