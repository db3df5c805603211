import type { Rule } from "../types.js";
import { atColumn, isActive } from "../report.js";

/** Two active devices of a site share a LAN IP (LAN IPs need only be unique within a site). */
export const duplicateIp: Rule = {
  id: "device/duplicate-ip",
  severity: "error",
  summary: "Two active devices of a site share an IP",
  scope: "site",
  check({ site }) {
    const first = new Map<string, { line: number; name: string | null }>();
    return site.devices.filter(isActive).flatMap((entry) => {
      const { ip, name, source } = entry.record;
      if (ip === null) return [];
      const seen = first.get(ip);
      if (!seen) {
        first.set(ip, { line: source.line, name });
        return [];
      }
      return [atColumn(this, entry, "ip", `IP ${ip} is already used by ${seen.name ?? "a device"} on line ${seen.line}`)];
    });
  },
};
