import ipaddr from "ipaddr.js";
import { ipv4Octets } from "../inventory/cells.js";

/**
 * `ipaddr.parse` for the IPs of records, checked by the thousand: a plain dotted quad is built
 * from its octets, which is what ipaddr's parser would produce, without its regexes.
 */
export function parseRecordIp(ip: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const octets = ipv4Octets(ip);
  return octets ? new ipaddr.IPv4(octets) : ipaddr.parse(ip);
}
