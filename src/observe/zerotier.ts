import type { JsonItem } from "./json.js";
import { isObject } from "./neighbors.js";
import { cleanText, Collector, epochMs, observedIp } from "./text.js";

const NODE_ID = /^[0-9a-f]{10}$/;
const NETWORK_ID = /^[0-9a-f]{16}$/;

const nodeId = (value: unknown): string | null => (typeof value === "string" && NODE_ID.test(value.toLowerCase()) ? value.toLowerCase() : null);
const networkId = (value: unknown): string | null => (typeof value === "string" && NETWORK_ID.test(value.toLowerCase()) ? value.toLowerCase() : null);

function addresses(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.flatMap((a) => (observedIp(a) === null ? [] : [observedIp(a)!])))];
}

/**
 * `zerotier-cli -j listpeers` (the service's `/peer`): `{address, role, paths: [{address,
 * lastReceive, active, preferred}], latency, version}`. Only LEAF peers are nodes of networks;
 * PLANET, MOON, ROOT and UPSTREAM peers are ZeroTier's infrastructure. A peer names its node
 * address only: which overlay addresses it has is for a member list to tell.
 */
export function readZerotierPeers(items: JsonItem[], out: Collector): void {
  for (const { value, at } of items) {
    const node = isObject(value) ? nodeId(value.address) : null;
    if (!isObject(value) || node === null) {
      out.problem(at, "not a ZeroTier peer (no 10-digit address); skipped");
      continue;
    }
    if (typeof value.role === "string" && value.role.toUpperCase() !== "LEAF") continue;
    const paths = Array.isArray(value.paths) ? value.paths.filter(isObject) : [];
    const received = paths.map((p) => epochMs(p.lastReceive, "ms")).filter((t): t is number => t !== null);
    out.add(at, { overlay: { node, network: null, addresses: [] }, time: received.length ? received.reduce((a, b) => Math.max(a, b)) : null });
  }
}

/**
 * `zerotier-cli -j listnetworks` (the service's `/network`): this node's memberships,
 * `{id|nwid, name, status, assignedAddresses: ["10.147.17.5/24", …], mac, portDeviceName}`. Each
 * joined network with addresses is a sighting of this node on the overlay.
 */
export function readZerotierNetworks(items: JsonItem[], out: Collector): void {
  for (const { value, at } of items) {
    const network = isObject(value) ? (networkId(value.nwid) ?? networkId(value.id)) : null;
    if (!isObject(value) || network === null) {
      out.problem(at, "not a ZeroTier network (no 16-digit id); skipped");
      continue;
    }
    if (typeof value.status === "string" && value.status !== "OK") continue;
    out.add(at, { overlay: { node: null, network, addresses: addresses(value.assignedAddresses) }, name: null });
  }
}

/**
 * A network controller's member list, in the shapes its two APIs give:
 * - ZeroTier Central (`GET /api/v1/network/{id}/member`): an array of `{nodeId, networkId, name,
 *   config: {authorized, ipAssignments}, lastOnline, lastSeen, physicalAddress}`;
 * - a self-hosted controller: member objects `{id, address, nwid, authorized, ipAssignments}`
 *   (`GET /controller/network/{id}/member/{node}`, in an array or keyed by node), or the list
 *   itself (`GET /controller/network/{id}/member`), which maps node addresses to revision numbers.
 * Authorized members are sightings, dated by `lastOnline` / `lastSeen` when the controller has it.
 */
export function readZerotierMembers(items: JsonItem[], out: Collector): void {
  for (const { key, value, at } of items) {
    if (typeof value === "number" && key !== null && nodeId(key) !== null) {
      out.add(at, { overlay: { node: nodeId(key), network: null, addresses: [] } });
      continue;
    }
    if (!isObject(value)) {
      out.problem(at, "not a ZeroTier network member; skipped");
      continue;
    }
    const config = isObject(value.config) ? value.config : value;
    const node = nodeId(value.nodeId) ?? nodeId(config.address) ?? nodeId(value.address) ?? nodeId(value.id) ?? (key !== null ? nodeId(key) : null);
    if (node === null) {
      out.problem(at, "a member without a 10-digit node address; skipped");
      continue;
    }
    if (config.authorized === false) continue;
    const seen = [epochMs(value.lastOnline, "ms"), epochMs(value.lastSeen, "ms")].filter((t): t is number => t !== null);
    out.add(at, {
      overlay: { node, network: networkId(value.networkId) ?? networkId(config.nwid) ?? networkId(value.nwid), addresses: addresses(config.ipAssignments) },
      name: cleanText(value.name, 253),
      time: seen.length ? seen.reduce((a, b) => Math.max(a, b)) : null,
    });
  }
}

/** Which ZeroTier shape a JSON document has, judged by its first object (null when none fits). */
export function zerotierShape(items: JsonItem[]): "zerotier-peers" | "zerotier-networks" | "zerotier-members" | null {
  const first = items.find((i) => isObject(i.value) || typeof i.value === "number");
  if (!first) return null;
  if (typeof first.value === "number") return first.key !== null && nodeId(first.key) !== null ? "zerotier-members" : null;
  const v = first.value as Record<string, unknown>;
  if ("nodeId" in v || v.objtype === "member" || "ipAssignments" in v || (isObject(v.config) && "ipAssignments" in v.config)) return "zerotier-members";
  if ("assignedAddresses" in v || "portDeviceName" in v || ("nwid" in v && !("ipAssignments" in v))) return "zerotier-networks";
  if ("paths" in v || ("role" in v && "address" in v)) return "zerotier-peers";
  return null;
}
