import type { ColumnAliases } from "../config/site.js";

/** Node types: the four core ones and the extras a site may use. */
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

export type RecordKind = "device" | "service" | "overlay" | "share" | "backup" | "link";

/** Every record kind, in the order the inventory lists them. */
export const RECORD_KINDS: readonly RecordKind[] = ["device", "service", "overlay", "share", "backup", "link"];

export interface KindSpec {
  kind: RecordKind;
  /** Canonical columns in order, each with its accepted header names. */
  columns: Record<string, readonly string[]>;
  /** Columns a table of this kind must have. */
  required: readonly string[];
}

export const KINDS: Record<RecordKind, KindSpec> = {
  device: {
    kind: "device",
    columns: {
      name: ["name", "hostname", "hardware", "device", "machine", "node", "host name", "client name", "network name", "computer name", "vm name"],
      type: ["type", "kind", "node type"],
      role: ["role", "ns"],
      ip: ["ip", "ipv4", "lan ip", "address", "ip address", "assigned ip", "reserved ip", "reserved ip address", "ipv4 address", "static ip", "lan"],
      mac: ["mac", "mac address", "hw address", "hardware address", "mac addr"],
      overlay: ["overlay", "overlay ip", "zt", "zerotier", "vpn ip", "zerotier ip", "zt ip", "tailscale ip", "wireguard ip", "overlay address"],
      port: ["port", "con port", "switch port"],
      location: ["location", "rm", "room", "loc"],
      host: ["host", "parent", "hypervisor", "vm host", "runs on"],
      status: ["status", "state"],
      notes: ["notes", "description", "comments", "note", "comment", "details", "detail"],
      link: ["link", "admin link", "admin url", "url", "web ui"],
    },
    required: ["name"],
  },
  service: {
    kind: "service",
    columns: {
      name: ["name", "service", "app", "application", "service name", "lxc service", "services"],
      host: ["host", "server", "machine", "runs on"],
      port: ["port"],
      url: ["url", "admin", "link", "admin link", "admin url", "web ui", "endpoint"],
      type: ["type", "kind"],
      exposure: ["exposure", "access"],
      status: ["status", "state"],
      notes: ["notes", "description", "comments", "note", "comment", "details", "detail"],
    },
    required: ["name", "host"],
  },
  overlay: {
    kind: "overlay",
    columns: {
      node: ["node", "name", "machine", "device", "member", "hostname", "host name", "host"],
      overlay: ["overlay", "overlay ip", "zt", "zerotier", "vpn ip", "zerotier ip", "zt ip", "tailscale ip", "wireguard ip", "overlay address", "managed ip"],
      ip: ["ip", "lan ip", "local ip", "physical ip"],
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
      from: ["from", "source", "src"],
      to: ["to", "destination", "dest"],
      mode: ["mode", "direction"],
      tier: ["tier"],
      via: ["via", "share"],
      schedule: ["schedule", "frequency", "when"],
      status: ["status"],
    },
    required: ["from", "to", "mode"],
  },
  link: {
    kind: "link",
    columns: {
      name: ["cable", "link", "run", "patch", "connection", "cable run"],
      from: ["from", "a end", "side a", "end a", "from device"],
      to: ["to", "b end", "side b", "end b", "to device"],
      fromPort: ["from port", "a port", "port a"],
      toPort: ["to port", "b port", "port b"],
      port: ["ports", "port", "con port"],
      location: ["location", "rm", "room", "rooms", "loc"],
      status: ["status"],
      notes: ["notes", "description", "comments"],
    },
    required: ["from", "to"],
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
