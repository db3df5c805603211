import ipaddr from "ipaddr.js";
import { parseRecordIp } from "../parse-ip.js";
import type { Rule } from "../types.js";
import { atColumn, isActive } from "../report.js";
import { overlayIpsOutsideCidr } from "../federation/overlay-ips.js";

/** A device's LAN IP lies outside the site's subnet; an overlay IP outside the overlay's CIDR (federation/overlay-ips.ts). */
export const ipOutsideSubnet: Rule = {
  id: "device/ip-outside-subnet",
  severity: "error",
  summary: "An ip is outside the site's subnet",
  scope: "site",
  check(ctx) {
    const { site } = ctx;
    const overlay = overlayIpsOutsideCidr(this, ctx);
    // site.yaml's subnet, else site-config.yml's network.subnet (a CIDR, or not used).
    const subnet = site.config.subnet ?? site.siteConfigYml?.network.subnet?.text;
    if (!subnet) return overlay;
    const range = ipaddr.parseCIDR(subnet);
    const lan = site.devices.filter(isActive).flatMap((entry) => {
      const ip = entry.record.ip;
      if (ip === null) return [];
      const addr = parseRecordIp(ip);
      // An address of the other family is no finding here (the subnet says nothing of it).
      if (addr.kind() !== range[0].kind() || addr.match(range)) return [];
      return [atColumn(this, entry, "ip", `IP ${ip} is outside the site's subnet ${subnet}`)];
    });
    return [...lan, ...overlay];
  },
};
