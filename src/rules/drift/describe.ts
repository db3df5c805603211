import type { Entry } from "../../inventory/site.js";
import { cleanText } from "../../observe/text.js";
import type { Sighting } from "../../observe/types.js";
import { seenAt, type SeenHost, type SeenMember } from "./analysis.js";

/**
 * The one way drift messages quote a value from a table or an observation: control characters
 * dropped, length capped (an observed host name is chosen by whoever runs the device).
 */
export function shown(value: string): string {
  return cleanText(value, 80) ?? "";
}

/** A device as messages name it: its name, else its address (a nameless row), else its line. */
export function deviceLabel(entry: Entry<"device"> | Entry<"overlay">): string {
  const r = entry.record;
  const name = "name" in r ? r.name : r.node;
  if (name) return shown(name);
  const address = ("ip" in r && r.ip) || ("mac" in r && r.mac) || ("overlay" in r && r.overlay);
  return address ? `the device at ${address}` : `the device on line ${r.source.line}`;
}

const MAX_PLACES = 3;

/** `scan.xml:3, arp.txt:2`, at most three places, then how many more. */
export function places(sightings: readonly Sighting[]): string {
  const all = [...new Set(sightings.map(seenAt))];
  const more = all.length - MAX_PLACES;
  return `${all.slice(0, MAX_PLACES).join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/** `192.168.9.77 (MAC b8:27:eb:…, Raspberry Pi Foundation, named "pihole")`. */
export function hostText(host: SeenHost): string {
  const facts = [host.mac ? `MAC ${host.mac}${host.vendor ? `, ${shown(host.vendor)}` : ""}` : null, host.name ? `named "${shown(host.name)}"` : null].filter(Boolean);
  const address = host.ips.join(", ") || host.mac || "";
  return `${address}${facts.length && host.ips.length ? ` (${facts.join(", ")})` : ""}`;
}

/** `node 89e92ceee5 (10.147.17.9, named "laptop")`. */
export function memberText(member: SeenMember): string {
  const facts = [...member.addresses, member.name ? `named "${shown(member.name)}"` : null].filter(Boolean);
  const who = member.node ? `node ${member.node}` : (member.addresses[0] ?? "a member");
  const rest = member.node ? facts : facts.slice(1);
  return `${who}${rest.length ? ` (${rest.join(", ")})` : ""}`;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** `16 days`, `30 hours`. */
export function span(ms: number): string {
  if (ms >= 2 * DAY) return `${Math.floor(ms / DAY)} days`;
  return `${Math.floor(ms / HOUR)} hours`;
}

export const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
