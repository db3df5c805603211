import type { Rule } from "../types.js";
import { atColumn, isActive } from "../report.js";
import { duplicateOverlayIps } from "../federation/overlay-ips.js";

/**
 * Two active devices of a site share a LAN IP (LAN IPs need only be unique within a site).
 * Overlay IPs must be unique across the whole federation (see federation/overlay-ips.ts).
 */
export const duplicateIp: Rule = {
  id: "device/duplicate-ip",
  severity: "error",
  summary: "Two active devices of a site share an IP",
  scope: "site",
  check(ctx) {
    const { site } = ctx;
    const first = new Map<string, { line: number; name: string | null }>();
    const lan = site.devices.filter(isActive).flatMap((entry) => {
      const { ip, name, source } = entry.record;
      if (ip === null) return [];
      const seen = first.get(ip);
      if (!seen) {
        first.set(ip, { line: source.line, name });
        return [];
      }
      return [atColumn(this, entry, "ip", `IP ${ip} is already used by ${seen.name ?? "a device"} on line ${seen.line}`)];
    });
    return [...lan, ...duplicateOverlayIps(this, ctx)];
  },
};
