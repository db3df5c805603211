import ipaddr from "ipaddr.js";
import type { Diagnostic } from "../../diagnostics.js";
import type { Entry, SiteModel } from "../../inventory/site.js";
import { parseRecordIp } from "../parse-ip.js";
import type { Rule, RuleContext } from "../types.js";
import { atColumn, isActive, nameKey } from "../report.js";

/**
 * Overlay IPs, from the devices' overlay column and the Overlay tables. They must be unique
 * federation-wide (reported as `device/duplicate-ip`) and inside the overlay's CIDR when
 * federation.yaml gives one (`device/ip-outside-subnet`). A machine listed in both tables is one holder.
 */
type OverlayEntry = Entry<"device"> | Entry<"overlay">;

interface Holder {
  site: SiteModel;
  machine: string;
  entry: OverlayEntry;
}

function machineOf(entry: OverlayEntry): string | null {
  return entry.kind === "device" ? (entry as Entry<"device">).record.name : (entry as Entry<"overlay">).record.node;
}

function overlayEntries(site: SiteModel): OverlayEntry[] {
  return [...site.devices, ...site.overlay].filter((e) => isActive(e) && e.record.overlay !== null);
}

const duplicates = new WeakMap<readonly SiteModel[], Map<SiteModel, { entry: OverlayEntry; first: Holder }[]>>();

/** One pass over every site: the first holder of each overlay IP, and every later, different machine. */
function overlayDuplicates(sites: readonly SiteModel[]): Map<SiteModel, { entry: OverlayEntry; first: Holder }[]> {
  let found = duplicates.get(sites);
  if (found) return found;
  found = new Map();
  const holders = new Map<string, Holder>();
  for (const site of sites) {
    for (const entry of overlayEntries(site)) {
      const ip = entry.record.overlay!;
      const machine = `${site.config.code}:${nameKey(machineOf(entry) ?? "")}`;
      const first = holders.get(ip);
      if (!first) holders.set(ip, { site, machine, entry });
      else if (first.machine !== machine) {
        const list = found.get(site) ?? [];
        list.push({ entry, first });
        found.set(site, list);
      }
    }
  }
  duplicates.set(sites, found);
  return found;
}

/** `device/duplicate-ip` for overlay IPs: a second machine, in this or another site, with the same overlay IP. */
export function duplicateOverlayIps(rule: Rule, ctx: RuleContext): Diagnostic[] {
  return (overlayDuplicates(ctx.sites).get(ctx.site) ?? []).map(({ entry, first }) => {
    const name = machineOf(first.entry) ?? "a machine";
    const same = first.site === ctx.site;
    const who = same ? name : `${first.site.config.code}:${name}`;
    const where = same ? `line ${first.entry.record.source.line}` : `${first.site.config.code}/${first.entry.record.source.file}:${first.entry.record.source.line}`;
    return atColumn(rule, entry, "overlay", `Overlay IP ${entry.record.overlay} is already used by ${who} (${where})`);
  });
}

/** `device/ip-outside-subnet` for overlay IPs: outside `overlay.cidr` of federation.yaml. */
export function overlayIpsOutsideCidr(rule: Rule, ctx: RuleContext): Diagnostic[] {
  const cidr = ctx.federation?.overlay?.cidr;
  if (!cidr) return [];
  const range = ipaddr.parseCIDR(cidr);
  return overlayEntries(ctx.site).flatMap((entry) => {
    const addr = parseRecordIp(entry.record.overlay!);
    if (addr.kind() === range[0].kind() && addr.match(range)) return [];
    return [atColumn(rule, entry, "overlay", `Overlay IP ${entry.record.overlay} is outside the overlay's CIDR ${cidr}`)];
  });
}
