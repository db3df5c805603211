import type { Diagnostic } from "../../diagnostics.js";
import type { Rule } from "../types.js";
import type { Entry } from "../../inventory/site.js";
import { atColumn, isActive, placeOf, sameMachine } from "../report.js";
import { duplicateOverlayIps } from "../federation/overlay-ips.js";
import { appendAll } from "../../text/append.js";

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
    const first = new Map<string, Entry<"device">>();
    // A loop, not flatMap: every device of a site passes here.
    const out: Diagnostic[] = [];
    for (const entry of site.devices) {
      const { ip } = entry.record;
      if (ip === null || !isActive(entry)) continue;
      const seen = first.get(ip);
      if (!seen) {
        first.set(ip, entry);
        continue;
      }
      if (sameMachine(seen, entry)) continue;
      out.push(atColumn(this, entry, "ip", `IP ${ip} is already used by ${seen.record.name ?? "a device"} on ${placeOf(seen, entry)}`));
    }
    appendAll(out, duplicateOverlayIps(this, ctx));
    return out;
  },
};
