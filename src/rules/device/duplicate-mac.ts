import type { Rule } from "../types.js";
import type { Entry } from "../../inventory/site.js";
import { atColumn, isActive, nameKey, placeOf, sameMachine } from "../report.js";

/** A VM on its host may legitimately report the host's MAC (bridged NICs); other pairs may not. */
function isVmHostPair(a: Entry<"device">, b: Entry<"device">): boolean {
  const an = a.record.name && nameKey(a.record.name);
  const bn = b.record.name && nameKey(b.record.name);
  const ah = a.record.host && nameKey(a.record.host);
  const bh = b.record.host && nameKey(b.record.host);
  return Boolean((ah && ah === bn) || (bh && bh === an) || (ah && ah === bh));
}

/** Two active devices (not VM-on-host pairs) share a MAC. */
export const duplicateMac: Rule = {
  id: "device/duplicate-mac",
  severity: "warn",
  summary: "Two active devices (not VM-on-host pairs) share a MAC",
  scope: "site",
  check({ site }) {
    const byMac = new Map<string, Entry<"device">[]>();
    const out = [];
    for (const entry of site.devices.filter(isActive)) {
      const mac = entry.record.mac;
      if (mac === null) continue;
      const earlier = byMac.get(mac);
      // Most MACs are seen once: a one-element list, not an empty one grown by push.
      if (earlier === undefined) {
        byMac.set(mac, [entry]);
        continue;
      }
      const clash = earlier.find((other) => !isVmHostPair(other, entry) && !sameMachine(other, entry));
      if (clash) out.push(atColumn(this, entry, "mac", `MAC ${mac} is already used by ${clash.record.name ?? "a device"} on ${placeOf(clash, entry)}`));
      earlier.push(entry);
    }
    return out;
  },
};
