import path from "node:path";
import ipaddr from "ipaddr.js";
import { durationMs } from "../../config/site.js";
import type { Entry, SiteModel } from "../../inventory/site.js";
import { macVendor } from "../../observe/oui.js";
import type { Sighting } from "../../observe/types.js";
import type { DriftInput } from "../types.js";

/** Statuses of a device that should not answer: it was taken away or switched off. */
export const GONE_STATUSES = new Set(["retired", "offline", "removed", "decommissioned", "dead"]);
/** Statuses of a device that should answer (`unverified`: added by `drift --apply`, not yet checked by a person). */
export const LIVE_STATUSES = new Set(["active", "unverified"]);

export const DEFAULT_MAX_UNSEEN = "14d";

/** Sources that see LAN addresses; the rest see the overlay. */
const LAN_SOURCES = new Set(["nmap-xml", "ip-neigh", "arp", "dnsmasq", "isc-dhcpd", "mikrotik"]);

type Documented = Entry<"device"> | Entry<"overlay">;

/** One machine on the LAN as the observations show it: its sightings grouped by MAC (else by IP). */
export interface SeenHost {
  mac: string | null;
  ips: string[];
  name: string | null;
  vendor: string | null;
  sightings: Sighting[];
}

/** One overlay member as the observations show it, grouped by node address (else by its addresses). */
export interface SeenMember {
  node: string | null;
  addresses: string[];
  name: string | null;
  sightings: Sighting[];
}

export interface Mismatch {
  entry: Entry<"device">;
  /** The column the finding is about: `ip` (seen at another IP) or `mac` (its IP answered with another MAC). */
  column: "ip" | "mac";
  hosts: SeenHost[];
}

export interface DriftAnalysis {
  undocumented: SeenHost[];
  mismatches: Mismatch[];
  gone: { entry: Documented; seen: (SeenHost | SeenMember)[] }[];
  unknownMembers: SeenMember[];
  notSeen: { entry: Entry<"device">; lastSeen: Sighting | null; since: number; latest: number }[];
}

const cache = new WeakMap<DriftInput, WeakMap<SiteModel, DriftAnalysis>>();

/** The comparison every drift rule reports a part of: done once per site and observation set. */
export function analyseDrift(site: SiteModel, drift: DriftInput): DriftAnalysis {
  let bySite = cache.get(drift);
  if (!bySite) cache.set(drift, (bySite = new WeakMap()));
  let analysis = bySite.get(site);
  if (!analysis) bySite.set(site, (analysis = analyse(site, drift)));
  return analysis;
}

const isLive = (e: Documented) => LIVE_STATUSES.has(e.record.status);
const isGone = (e: Documented) => GONE_STATUSES.has(e.record.status);

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Live entries first: a device that replaced a retired one at the same address is the one meant. */
function pick<T extends Documented>(list: T[] | undefined): T | undefined {
  return list?.find(isLive) ?? list?.find(isGone) ?? list?.[0];
}

const NODE_TOKEN = /\b[0-9a-f]{10}\b/g;

/** ZeroTier node addresses written anywhere in a row (a `ZT id` column, the notes). */
function nodeIdsOf(entry: Documented): string[] {
  const texts = [...Object.values(entry.record.extra), "notes" in entry.record ? entry.record.notes : ""];
  return [...new Set(texts.flatMap((t) => t.toLowerCase().match(NODE_TOKEN) ?? []))];
}

function family(ip: string): "v4" | "v6" {
  return ip.includes(":") ? "v6" : "v4";
}

function isLinkLocal(ip: string): boolean {
  try {
    return ipaddr.parse(ip).range() === "linkLocal";
  } catch {
    return false;
  }
}

function inSubnet(ip: string, subnet: string | null): boolean {
  if (subnet === null) return true;
  try {
    const [range, bits] = ipaddr.parseCIDR(subnet);
    const address = ipaddr.parse(ip);
    return address.kind() === range.kind() && address.match(range, bits);
  } catch {
    return true;
  }
}

function groupHosts(sightings: readonly Sighting[]): SeenHost[] {
  const hosts: SeenHost[] = [];
  const byMac = new Map<string, SeenHost>();
  const byIp = new Map<string, SeenHost>();
  const add = (host: SeenHost, s: Sighting) => {
    host.sightings.push(s);
    if (s.ip !== null && !host.ips.includes(s.ip)) host.ips.push(s.ip);
    host.name ??= s.name;
    host.vendor ??= s.vendor;
  };
  const lan = sightings.filter((s) => s.overlay === null && (s.ip !== null || s.mac !== null));
  for (const s of lan) {
    if (s.mac === null) continue;
    let host = byMac.get(s.mac);
    if (!host) {
      host = { mac: s.mac, ips: [], name: null, vendor: null, sightings: [] };
      byMac.set(s.mac, host);
      hosts.push(host);
    }
    add(host, s);
  }
  for (const host of hosts) for (const ip of host.ips) if (!byIp.has(ip)) byIp.set(ip, host);
  for (const s of lan) {
    if (s.mac !== null || s.ip === null) continue;
    let host = byIp.get(s.ip);
    if (!host) {
      host = { mac: null, ips: [], name: null, vendor: null, sightings: [] };
      byIp.set(s.ip, host);
      hosts.push(host);
    }
    add(host, s);
  }
  // In the order they were first seen (file order, then line), whatever joined them later.
  const order = new Map(lan.map((s, i) => [s, i]));
  hosts.sort((a, b) => order.get(a.sightings[0]!)! - order.get(b.sightings[0]!)!);
  for (const host of hosts) host.vendor ??= host.mac ? macVendor(host.mac) : null;
  return hosts;
}

function groupMembers(sightings: readonly Sighting[]): SeenMember[] {
  const members: SeenMember[] = [];
  const byNode = new Map<string, SeenMember>();
  const byAddress = new Map<string, SeenMember>();
  for (const s of sightings) {
    if (s.overlay === null) continue;
    const { node, addresses } = s.overlay;
    let member = node !== null ? byNode.get(node) : undefined;
    member ??= addresses.map((a) => byAddress.get(a)).find((m) => m !== undefined && (node === null || m.node === null || m.node === node));
    if (!member) {
      member = { node, addresses: [], name: null, sightings: [] };
      members.push(member);
    }
    member.node ??= node;
    if (member.node !== null) byNode.set(member.node, member);
    for (const a of addresses) {
      if (!member.addresses.includes(a)) member.addresses.push(a);
      byAddress.set(a, member);
    }
    member.name ??= s.name;
    member.sightings.push(s);
  }
  return members;
}

function analyse(site: SiteModel, drift: DriftInput): DriftAnalysis {
  const subnet = site.config.subnet ?? site.network.subnet ?? null;
  const devices = site.devices;
  const byMac = new Map<string, Entry<"device">[]>();
  const byIp = new Map<string, Entry<"device">[]>();
  const byOverlay = new Map<string, Documented[]>();
  const byNode = new Map<string, Documented[]>();
  for (const e of devices) {
    if (e.record.mac) pushTo(byMac, e.record.mac, e);
    if (e.record.ip) pushTo(byIp, e.record.ip, e);
    if (e.record.overlay) pushTo(byOverlay, e.record.overlay, e);
    for (const id of nodeIdsOf(e)) pushTo(byNode, id, e);
  }
  for (const e of site.overlay) {
    if (e.record.overlay) pushTo(byOverlay, e.record.overlay, e);
    for (const id of nodeIdsOf(e)) pushTo(byNode, id, e);
  }

  const analysis: DriftAnalysis = { undocumented: [], mismatches: [], gone: [], unknownMembers: [], notSeen: [] };
  const mismatchOf = new Map<string, Mismatch>();
  const goneOf = new Map<Documented, { entry: Documented; seen: (SeenHost | SeenMember)[] }>();
  const mismatch = (entry: Entry<"device">, column: Mismatch["column"], host: SeenHost) => {
    const key = `${entry.record.source.line}:${column}`;
    let m = mismatchOf.get(key);
    if (!m) mismatchOf.set(key, (m = { entry, column, hosts: [] }));
    if (!m.hosts.includes(host)) m.hosts.push(host);
  };
  const gone = (entry: Documented, seen: SeenHost | SeenMember) => {
    let g = goneOf.get(entry);
    if (!g) goneOf.set(entry, (g = { entry, seen: [] }));
    if (!g.seen.includes(seen)) g.seen.push(seen);
  };

  for (const host of groupHosts(drift.sightings)) {
    const byItsMac = host.mac ? pick(byMac.get(host.mac)) : undefined;
    if (byItsMac) {
      if (isGone(byItsMac)) gone(byItsMac, host);
      else if (isLive(byItsMac) && byItsMac.record.ip) {
        const documented = byItsMac.record.ip;
        const other = host.ips.filter((ip) => family(ip) === family(documented) && !isLinkLocal(ip) && ip !== documented && ip !== byItsMac.record.overlay);
        if (other.length > 0) mismatch(byItsMac, "ip", host);
      }
      continue;
    }
    const lanIps = host.ips.filter((ip) => !isLinkLocal(ip));
    const byItsIp = lanIps.map((ip) => pick(byIp.get(ip))).find((e) => e !== undefined);
    if (byItsIp) {
      const documentedMac = byItsIp.record.mac;
      if (isGone(byItsIp)) {
        // The retired box itself, unless its documented MAC says another machine took the address.
        if (documentedMac === null || host.mac === null) gone(byItsIp, host);
        else if (host.ips.some((ip) => inSubnet(ip, subnet))) analysis.undocumented.push(host);
      } else if (isLive(byItsIp) && documentedMac !== null && host.mac !== null) mismatch(byItsIp, "mac", host);
      continue;
    }
    // Seen on an overlay address the tables list (an `ip neigh` of a ZeroTier interface).
    if (lanIps.some((ip) => byOverlay.has(ip))) {
      const e = lanIps.map((ip) => pick(byOverlay.get(ip))).find((x) => x !== undefined);
      if (e && isGone(e)) gone(e, host);
      continue;
    }
    if (lanIps.length > 0 && lanIps.some((ip) => inSubnet(ip, subnet))) analysis.undocumented.push(host);
  }

  for (const member of groupMembers(drift.sightings)) {
    const documented = [...(member.node ? (byNode.get(member.node) ?? []) : []), ...member.addresses.flatMap((a) => byOverlay.get(a) ?? [])];
    if (documented.length === 0) {
      analysis.unknownMembers.push(member);
      continue;
    }
    const entry = documented.find(isLive) ?? documented[0]!;
    if (isGone(entry)) gone(entry, member);
  }

  analysis.mismatches = [...mismatchOf.values()].sort((a, b) => a.entry.record.source.line - b.entry.record.source.line);
  analysis.gone = [...goneOf.values()];
  analysis.notSeen = notSeen(site, drift);
  return analysis;
}

function notSeen(site: SiteModel, drift: DriftInput): DriftAnalysis["notSeen"] {
  const maxUnseen = durationMs(site.config.drift?.maxUnseen ?? DEFAULT_MAX_UNSEEN);
  const all = [...drift.history, ...drift.sightings];
  const span = (lan: boolean) => {
    const times = all.filter((s) => LAN_SOURCES.has(s.source) === lan).map((s) => s.time);
    // A loop, not Math.min(...times): a spread of a large array overflows the stack.
    let earliest = Infinity;
    let latest = -Infinity;
    for (const t of times) {
      if (t < earliest) earliest = t;
      if (t > latest) latest = t;
    }
    return times.length ? { earliest, latest } : null;
  };
  const lanSpan = span(true);
  const overlaySpan = span(false);
  const seenBy = latestSightings(all);
  const out: DriftAnalysis["notSeen"] = [];
  for (const entry of site.devices) {
    if (!LIVE_STATUSES.has(entry.record.status)) continue;
    const { ip, mac, overlay } = entry.record;
    const nodes = nodeIdsOf(entry);
    const lanVisible = (ip !== null || mac !== null) && lanSpan !== null;
    const overlayVisible = (overlay !== null || nodes.length > 0) && overlaySpan !== null;
    if (!lanVisible && !overlayVisible) continue;
    const candidates = [
      mac !== null ? seenBy.byMac.get(mac) : undefined,
      ip !== null ? (mac === null ? seenBy.byIp.get(ip) : (seenBy.byIpWithoutMac.get(ip) ?? undefined)) : undefined,
      ip !== null && mac !== null ? seenBy.byIpAndMac.get(`${ip} ${mac}`) : undefined,
      overlay !== null ? seenBy.byOverlay.get(overlay) : undefined,
      ...nodes.map((n) => seenBy.byNode.get(n)),
    ];
    let last: Sighting | null = null;
    for (const c of candidates) if (c && (last === null || c.time > last.time)) last = c;
    const spans = [lanVisible ? lanSpan : null, overlayVisible ? overlaySpan : null].filter((x): x is { earliest: number; latest: number } => x !== null);
    const earliest = spans.reduce((least, x) => Math.min(least, x.earliest), Infinity);
    const latest = spans.reduce((most, x) => Math.max(most, x.latest), -Infinity);
    const since = last?.time ?? earliest;
    if (latest - since > maxUnseen) out.push({ entry, lastSeen: last, since, latest });
  }
  return out;
}

/** The latest sighting by each key a device can be recognized by: one pass, then a lookup per device. */
function latestSightings(all: readonly Sighting[]) {
  const maps = {
    byMac: new Map<string, Sighting>(),
    /** Any sighting of the IP: for a device whose row has no MAC. */
    byIp: new Map<string, Sighting>(),
    /** Sightings of the IP that name no MAC, and of the IP with a given MAC: for a device with a MAC. */
    byIpWithoutMac: new Map<string, Sighting>(),
    byIpAndMac: new Map<string, Sighting>(),
    /** Overlay addresses, seen on the overlay or as an IP (an `ip neigh` of the ZeroTier interface). */
    byOverlay: new Map<string, Sighting>(),
    byNode: new Map<string, Sighting>(),
  };
  const keep = (map: Map<string, Sighting>, key: string, s: Sighting) => {
    const had = map.get(key);
    if (!had || s.time > had.time) map.set(key, s);
  };
  for (const s of all) {
    if (s.mac !== null) keep(maps.byMac, s.mac, s);
    if (s.ip !== null) {
      keep(maps.byIp, s.ip, s);
      keep(maps.byOverlay, s.ip, s);
      if (s.mac === null) keep(maps.byIpWithoutMac, s.ip, s);
      else keep(maps.byIpAndMac, `${s.ip} ${s.mac}`, s);
    }
    if (s.overlay) {
      for (const a of s.overlay.addresses) keep(maps.byOverlay, a, s);
      if (s.overlay.node !== null) keep(maps.byNode, s.overlay.node, s);
    }
  }
  return maps;
}

/** Where a sighting was read: `scan.xml:12` (a recorded one names its day file). */
export function seenAt(s: Sighting): string {
  return `${path.basename(s.file)}:${s.line}`;
}
