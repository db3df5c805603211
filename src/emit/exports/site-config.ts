import { Document } from "yaml";
import type { Device, Inventory, OverlayMember, Service, SiteInventory } from "../../inventory/schema.js";

/**
 * A site's inventory as a `site-config.yml` in the federation pattern's flat schema, so a site
 * can move from tables to the YAML (or keep both: netstack reads it back beside the tables and
 * merges them). What the schema has no key for is written with netstack's extensions, which
 * netstack reads back (a device's `host`, `status`, `overlay`, `switch_port`, `group`, `link`,
 * `formerly`, `extra`; a service's `url`, `exposure`, `group`, `extra`; a member's `lan_ip`). Node types are
 * written as the pattern's device types where it has one (gateway → router, compute → server, or
 * vm on a host, storage → nas), which read back as the same node types. Every string is double-quoted: YAML 1.1
 * readers take `00:11:22:33:44:55` or `no` for something else.
 */

const PATTERN_TYPES: Record<string, string> = { gateway: "router", compute: "server", storage: "nas" };

/** A device's type as the pattern writes it: compute on a host is a `vm`. */
function patternType(d: Device): string | null {
  if (d.type === null) return null;
  if (d.type === "compute" && d.host !== null) return "vm";
  return PATTERN_TYPES[d.type] ?? d.type;
}

type Fields = Record<string, unknown>;

/** The fields with a value, in order: null, "" and empty maps are left out. */
function present(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined && v !== "" && !(typeof v === "object" && Object.keys(v as object).length === 0)));
}

function device(d: Device): Fields {
  const v6 = d.ip !== null && d.ip.includes(":");
  return present({
    hostname: d.name,
    // A rename (`~~old~~ new` in a table), where the inventory records one.
    formerly: (d as { formerly?: string | null }).formerly ?? null,
    type: patternType(d),
    role: d.role,
    ipv4: v6 ? null : d.ip,
    ipv6: v6 ? d.ip : null,
    mac: d.mac,
    location: d.location,
    host: d.host,
    status: d.status === "active" ? null : d.status,
    overlay: d.overlay,
    switch_port: d.port,
    group: d.group,
    link: d.link,
    notes: d.notes,
    extra: d.extra,
  });
}

function service(s: Service): Fields {
  return present({
    name: s.name,
    type: s.type,
    host: s.host,
    port: s.port,
    url: s.url,
    exposure: s.exposure,
    status: s.status === "active" ? null : s.status,
    group: s.group,
    notes: s.notes,
    extra: s.extra,
  });
}

function member(m: OverlayMember): Fields {
  return present({ hostname: m.node, zt_ip: m.overlay, lan_ip: m.ip, type: m.type, status: m.status === "active" ? null : m.status, group: m.group, extra: m.extra });
}

/** One site's site-config.yml. `federation` is the federation's name when the site is part of one. */
export function siteConfigYml(site: SiteInventory, federation: string | null): string {
  const devices = site.devices.filter((d) => d.name !== null);
  const services = site.services.filter((s) => s.name !== null);
  const members = site.overlay.filter((m) => m.node !== null);
  const notes: string[] = [];
  const left = (count: number, what: string) => count > 0 && notes.push(`${count} ${what} without a name left out (the schema needs one).`);
  left(site.devices.length - devices.length, "device(s)");
  left(site.services.length - services.length, "service(s)");
  left(site.overlay.length - members.length, "overlay member(s)");
  const links = site.links?.length ?? 0;
  if (site.shares.length + site.backups.length + links > 0) {
    const kinds = ["Share mappings", "backup flows", ...(links ? ["cable runs"] : [])];
    notes.push(`${kinds.slice(0, -1).join(", ")} and ${kinds[kinds.length - 1]} have no place in this schema: they stay in the tables.`);
  }

  const data = present({
    site: present({ code: site.code, name: site.name }),
    network: present({ subnet: site.subnet, gateway: site.network.gateway, dns: site.network.dns }),
    devices: devices.length ? devices.map(device) : null,
    services: services.length ? services.map(service) : null,
    zerotier: members.length ? { members: members.map(member) } : null,
    federation: federation === null ? null : present({ name: federation, role: site.role === "primary" ? "primary" : null }),
  });
  const doc = new Document(data);
  doc.commentBefore = [
    ` site-config.yml of ${site.code}, written by \`netstack inventory --format site-config\`.`,
    " netstack reads it back beside the Markdown tables and merges the two.",
    ...notes.map((n) => ` ${n}`),
  ].join("\n");
  return doc.toString({ defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 });
}

/** Each site's site-config.yml, by site code. */
export function siteConfigYmls(inventory: Inventory): Map<string, string> {
  const federation = inventory.federation.generatedFrom === "site.yaml" ? null : inventory.federation.name;
  return new Map(inventory.sites.map((site) => [site.code, siteConfigYml(site, federation)]));
}
