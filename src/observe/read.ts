import { realpathSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import path from "node:path";
import { readInsideChunks } from "../io/safe-read.js";
import { parseJson } from "./json.js";
import { readDnsmasq, readIscLeases, readMikrotik } from "./leases.js";
import { isObject, readArp, readIpNeigh } from "./neighbors.js";
import { NmapXmlReader } from "./nmap.js";
import { Collector } from "./text.js";
import { OBSERVATION_FORMATS, type Observation, type ObservationFormat } from "./types.js";
import { readZerotierMembers, readZerotierNetworks, readZerotierPeers, zerotierShape } from "./zerotier.js";

/** Largest observation file read: a /16 nmap scan with ports is well under this. */
export const MAX_OBSERVATION_BYTES = 512 * 1024 * 1024;

const KNOWN = Object.values(OBSERVATION_FORMATS).join(", ");

/** Which text format a file is, from its first lines (JSON and XML are told apart before). */
function textFormat(text: string): ObservationFormat | null {
  const lines = text.split(/\r?\n|\r/, 200).filter((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
  if (/dhcpd\.leases|^(authoring-byte-order|server-duid)\b/m.test(text.slice(0, 4096)) || lines.some((l) => /^\s*lease\s+\S+\s*\{/.test(l))) return "isc-dhcpd";
  if (lines.some((l) => /^\s*Flags:\s/.test(l)) || lines.some((l) => /^\s*\d+\s+(?:[A-Z](?:\s?[A-Z])*\s+)?(?:address|mac-address|server)=/.test(l))) return "mikrotik";
  const first = lines[0]?.trim() ?? "";
  if (/^\d+ \S+ \S+ \S+ \S+$/.test(first) || /^duid \S+$/.test(first)) return "dnsmasq";
  if (lines.some((l) => /^\S+ \([^)]+\) at \S+/.test(l) || /^Interface: \S+ --- 0x/.test(l) || /^\s+\d{1,3}(\.\d{1,3}){3}\s+[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){5}\s/.test(l))) return "arp";
  return null;
}

/**
 * Reads one observation held in memory, the format recognized by its content. Never throws:
 * unknown or damaged input becomes problems naming the file and line.
 */
export function parseObservation(text: string, file: string, fileTime: number): Observation {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start = body.trimStart()[0];
  if (start === "<") {
    const out = new Collector(file, "nmap-xml", fileTime);
    const reader = new NmapXmlReader(out);
    reader.write(body);
    reader.end();
    return { file, format: "nmap-xml", sightings: out.sightings, problems: out.problems };
  }
  if (start === "[" || start === "{") return parseJsonObservation(body, file, fileTime);
  const format = start === undefined ? null : textFormat(body);
  if (format === null) {
    const out = new Collector(file, "arp", fileTime);
    out.problem({ line: 1 }, start === undefined ? "empty: nothing observed" : `not an observation netstack reads (${KNOWN})`, start === undefined ? "warn" : "error");
    return { file, format: null, sightings: [], problems: out.problems };
  }
  const out = new Collector(file, format, fileTime);
  if (format === "isc-dhcpd") readIscLeases(body, out);
  else if (format === "mikrotik") readMikrotik(body, out);
  else if (format === "dnsmasq") readDnsmasq(body, out);
  else readArp(body, out);
  return { file, format, sightings: out.sightings, problems: out.problems };
}

function parseJsonObservation(text: string, file: string, fileTime: number): Observation {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const out = new Collector(file, "ip-neigh", fileTime);
    out.problem(parsed, parsed.message, "error");
    return { file, format: null, sightings: [], problems: out.problems };
  }
  const { items } = parsed;
  // An empty list is a valid answer of every JSON tool here: nothing seen.
  if (items.length === 0 && (Array.isArray(parsed.value) || isObject(parsed.value))) return { file, format: null, sightings: [], problems: [] };
  const first = items.find((i) => isObject(i.value));
  const format: ObservationFormat | null = first && "dst" in (first.value as object) ? "ip-neigh" : zerotierShape(items);
  const out = new Collector(file, format ?? "ip-neigh", fileTime);
  if (format === null || (!Array.isArray(parsed.value) && format !== "zerotier-members")) {
    out.problem({ line: 1 }, `JSON, but not one netstack reads (ip -j neigh, zerotier-cli -j listpeers or listnetworks, a ZeroTier controller member list)`, "error");
    return { file, format: null, sightings: [], problems: out.problems };
  }
  if (format === "ip-neigh") readIpNeigh(items, out);
  else if (format === "zerotier-peers") readZerotierPeers(items, out);
  else if (format === "zerotier-networks") readZerotierNetworks(items, out);
  else readZerotierMembers(items, out);
  return { file, format, sightings: out.sightings, problems: out.problems };
}

export interface ReadObservationOptions {
  /** Reads stay under this directory (the site root for files in the site); default the file's own directory. */
  root?: string;
  maxBytes?: number;
  /** The time for entries that carry none; default the file's modification time. */
  observedAt?: number;
}

/**
 * Reads an observation file given on the command line through the one safe reader (regular files
 * only, a size limit). nmap XML is parsed as it streams in; other formats are small and read whole.
 */
export function readObservationFile(file: string, options: ReadObservationOptions = {}): Observation {
  const abs = path.resolve(file);
  // A file named on the command line may be a link (the operator chose it); one in the site may not leave it.
  const root = options.root ?? path.dirname(realOrSelf(abs));
  let out: Collector | null = null;
  let reader: NmapXmlReader | null = null;
  const decoder = new StringDecoder("utf8");
  const pieces: string[] = [];
  let head = "";
  let fileTime = options.observedAt ?? Date.now();
  const result = readInsideChunks(
    root,
    abs,
    (chunk, stat) => {
      if (options.observedAt === undefined) fileTime = Math.floor(stat.mtimeMs);
      const text = decoder.write(chunk);
      if (reader) {
        reader.write(text);
        return;
      }
      head += text;
      const lead = head.replace(/^\uFEFF/, "").trimStart();
      if (lead === "") return;
      if (lead[0] === "<") {
        out = new Collector(abs, "nmap-xml", fileTime);
        reader = new NmapXmlReader(out);
        reader.write(head.replace(/^\uFEFF/, ""));
        head = "";
        return;
      }
      pieces.push(head);
      head = "";
    },
    { maxBytes: options.maxBytes ?? MAX_OBSERVATION_BYTES },
  );
  if (!result.ok) {
    return { file: abs, format: null, sightings: [], problems: [{ file: abs, line: 1, column: 1, severity: "error", message: result.message }] };
  }
  if (options.observedAt === undefined) fileTime = Math.floor(result.mtimeMs);
  if (reader && out) {
    const collector = out as Collector;
    (reader as NmapXmlReader).write(decoder.end());
    (reader as NmapXmlReader).end();
    return { file: abs, format: "nmap-xml", sightings: collector.sightings, problems: collector.problems };
  }
  return parseObservation(pieces.join("") + head + decoder.end(), abs, fileTime);
}

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
