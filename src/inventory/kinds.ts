import type { ColumnAliases } from "../config/site.js";

/** Node types of SPEC §2: the four core ones and the extras a site may use. */
export const NODE_TYPES = ["compute", "storage", "gateway", "dev", "workstation", "switch", "media", "iot", "other"] as const;

/**
 * Device types of the federation's pattern repo (site-config.yml, and tables written after it),
 * as node types: a router routes (gateway), a server computes, a NAS stores; an ISP's modem or
 * router is where the site meets the internet, so a gateway too; a VM or LXC container is compute
 * on a host.
 */
export const DEVICE_TYPE_ALIASES: Readonly<Record<string, (typeof NODE_TYPES)[number]>> = {
  router: "gateway",
  server: "compute",
  nas: "storage",
  isp: "gateway",
  vm: "compute",
  lxc: "compute",
};

/** A type as written (lower case) → its node type when it is an alias, else itself. */
export function nodeType(type: string | null): string | null {
  return type === null ? null : (DEVICE_TYPE_ALIASES[type] ?? type);
}

export type RecordKind = "device" | "service" | "overlay" | "share" | "backup";

export interface KindSpec {
  kind: RecordKind;
  /** Canonical columns in order, each with its accepted header names (§4). */
  columns: Record<string, readonly string[]>;
  /** Columns a table of this kind must have. */
  required: readonly string[];
}

export const KINDS: Record<RecordKind, KindSpec> = {
  device: {
    kind: "device",
    columns: {
      name: ["name", "hostname", "hardware", "device", "machine", "node"],
      type: ["type", "kind", "node type"],
      role: ["role", "ns"],
      ip: ["ip", "ipv4", "lan ip", "address", "ip address"],
      mac: ["mac", "mac address"],
      overlay: ["overlay", "overlay ip", "zt", "zerotier", "vpn ip"],
      port: ["port", "con port", "switch port"],
      location: ["location", "rm", "room", "loc"],
      host: ["host", "parent", "hypervisor"],
      status: ["status"],
      notes: ["notes", "description", "comments"],
      link: ["link"],
    },
    required: ["name"],
  },
  service: {
    kind: "service",
    columns: {
      name: ["name", "service"],
      host: ["host"],
      port: ["port"],
      url: ["url", "admin", "link"],
      type: ["type"],
      exposure: ["exposure"],
      status: ["status"],
      notes: ["notes", "description", "comments"],
    },
    required: ["name", "host"],
  },
  overlay: {
    kind: "overlay",
    columns: {
      node: ["node", "name", "machine", "device"],
      overlay: ["overlay", "overlay ip", "zt", "zerotier", "vpn ip"],
      ip: ["ip", "lan ip"],
      type: ["type"],
      status: ["status"],
    },
    required: ["node", "overlay"],
  },
  share: {
    kind: "share",
    columns: {
      sourceHost: ["source"],
      targetHost: ["target"],
      mount: ["mount", "drive letter / mount", "drive", "mount point", "drive letter"],
      purpose: ["purpose"],
      transport: ["transport"],
      status: ["status"],
    },
    required: ["sourceHost", "targetHost", "mount"],
  },
  backup: {
    kind: "backup",
    columns: {
      from: ["from"],
      to: ["to"],
      mode: ["mode"],
      tier: ["tier"],
      via: ["via", "share"],
      schedule: ["schedule"],
      status: ["status"],
    },
    required: ["from", "to", "mode"],
  },
};

/** Case- and punctuation-insensitive form of a header. Letters of any script count (a site may alias `名前`). */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Header key → canonical column, for one kind, with a site's extra aliases. */
export function aliasMap(kind: RecordKind, siteAliases?: ColumnAliases): Map<string, string> {
  const map = new Map<string, string>();
  const spec = KINDS[kind];
  for (const [column, names] of Object.entries(spec.columns)) {
    for (const name of names) map.set(headerKey(name), column);
  }
  for (const [column, names] of Object.entries(siteAliases?.[kind] ?? {})) {
    if (column in spec.columns) for (const name of names) map.set(headerKey(name), column);
  }
  return map;
}
