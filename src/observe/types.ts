/**
 * Observations: what the network showed, from files the operator's own tools produce (nmap,
 * `ip neigh`, `arp -a`, DHCP leases, ZeroTier). Each reader turns one file into sightings; the
 * drift rules compare sightings with the inventory.
 */

/** The formats netstack reads, each recognized by its content (never by the file name). */
export const OBSERVATION_FORMATS = {
  "nmap-xml": "nmap -oX XML",
  "ip-neigh": "ip -j neigh JSON",
  arp: "arp -a text",
  dnsmasq: "dnsmasq leases",
  "isc-dhcpd": "ISC dhcpd.leases",
  mikrotik: "MikroTik /ip dhcp-server lease print detail",
  "zerotier-peers": "zerotier-cli -j listpeers",
  "zerotier-networks": "zerotier-cli -j listnetworks",
  "zerotier-members": "ZeroTier controller member list",
} as const;

export type ObservationFormat = keyof typeof OBSERVATION_FORMATS;

/** An overlay (ZeroTier) identity seen: the node's 10-hex address, its network, its assigned addresses. */
export interface OverlaySighting {
  /** The node's 10-digit hex ZeroTier address, when the source names it. */
  node: string | null;
  /** The 16-digit hex network id (kept for history; never shown in messages). */
  network: string | null;
  /** Managed addresses on the overlay, without prefix length. */
  addresses: string[];
}

/** One thing seen at one time by one source. */
export interface Sighting {
  /** When it was seen (epoch ms): the source's own time, else the file's time. */
  time: number;
  source: ObservationFormat;
  /** Absolute path of the observation file, and where in it (1-based). */
  file: string;
  line: number;
  column: number;
  /** LAN address (IPv4 or IPv6, canonical form). */
  ip: string | null;
  /** Lowercase colon form. */
  mac: string | null;
  /** A host name the source reported (DHCP host name, PTR, controller member name). */
  name: string | null;
  /** Vendor as the source reported it (nmap's MAC vendor). */
  vendor: string | null;
  overlay: OverlaySighting | null;
  /** Open ports as `22/tcp`. */
  ports: string[];
}

export interface ObservationProblem {
  file: string;
  line: number;
  column: number;
  /** A whole file that cannot be used is an error; one damaged entry in a usable file a warning. */
  severity: "error" | "warn";
  message: string;
}

export interface Observation {
  file: string;
  format: ObservationFormat | null;
  sightings: Sighting[];
  problems: ObservationProblem[];
}
