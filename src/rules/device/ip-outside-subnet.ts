import ipaddr from "ipaddr.js";
import type { Rule } from "../types.js";
import { atColumn, isActive } from "../report.js";

/** A device's LAN IP lies outside the site's subnet. */
export const ipOutsideSubnet: Rule = {
  id: "device/ip-outside-subnet",
  severity: "error",
  summary: "An ip is outside the site's subnet",
  scope: "site",
  check({ site }) {
    const subnet = site.config.subnet;
    if (!subnet) return [];
    const range = ipaddr.parseCIDR(subnet);
    return site.devices.filter(isActive).flatMap((entry) => {
      const ip = entry.record.ip;
      if (ip === null) return [];
      const addr = ipaddr.parse(ip);
      if (addr.kind() === range[0].kind() && addr.match(range)) return [];
      if (addr.kind() !== range[0].kind()) return [];
      return [atColumn(this, entry, "ip", `IP ${ip} is outside the site's subnet ${subnet}`)];
    });
  },
};
