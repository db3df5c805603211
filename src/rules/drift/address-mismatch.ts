import { analyseDrift } from "./analysis.js";
import { deviceLabel, hostText, places } from "./describe.js";
import { atColumn } from "../report.js";
import type { Rule } from "../types.js";

/**
 * A documented device was seen at another IP than its row says (matched by its MAC), or its IP
 * answered with another MAC than the row's. Reported at the row's cell, once per device.
 */
export const addressMismatch: Rule = {
  id: "drift/address-mismatch",
  severity: "warn",
  summary: "A documented device was seen with another IP, or its IP with another MAC",
  scope: "drift",
  check({ site, drift }) {
    if (!drift) return [];
    return analyseDrift(site, drift).mismatches.map(({ entry, column, hosts }) => {
      const { ip, mac } = entry.record;
      const seen = hosts.flatMap((h) => h.sightings);
      if (column === "ip") {
        const others = [...new Set(hosts.flatMap((h) => h.ips).filter((a) => a !== ip))];
        return atColumn(this, entry, "ip", `${deviceLabel(entry)} is documented at ${ip} but was seen at ${others.join(", ")} (MAC ${mac}; ${places(seen)})`);
      }
      return atColumn(this, entry, "mac", `${ip}, documented for ${deviceLabel(entry)} with MAC ${mac}, answered as ${hosts.map(hostText).join("; ")}; seen in ${places(seen)}`);
    });
  },
};
