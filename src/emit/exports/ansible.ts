import { isActiveStatus } from "../../inventory/row-shapes.js";
import type { Device, Inventory } from "../../inventory/schema.js";

/**
 * The federation as an Ansible inventory. Every active, named device is a host (retired, offline, spare… ones are
 * left out: nothing should configure them). Groups: `site_<code>`, `type_<type>`, `role_<role>`,
 * sanitized to valid Ansible group names. A host is called by its device name made safe for Ansible
 * (`[`, `:` and spaces would be read as patterns or ports); a name two sites share becomes `<name>.<code>`.
 * Host vars: `ansible_host` (the overlay IP, else the LAN IP: the overlay is what reaches every site)
 * and the device's fields as `netstack_*` (plain `port`, `name` or `role` would clash with Ansible's own).
 */
export interface AnsibleModel {
  /** Host → its vars, hosts sorted. */
  hostvars: Map<string, Record<string, string>>;
  /** Group → its hosts, groups and hosts sorted. */
  groups: Map<string, string[]>;
}

/** A valid Ansible group name: letters, digits and `_`, not starting with a digit. */
export function groupName(prefix: string, value: string): string {
  return `${prefix}_${value.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "") || "none"}`;
}

function hostName(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9._-]+/g, "_");
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const VAR_FIELDS: (keyof Device)[] = ["type", "role", "ip", "mac", "overlay", "port", "location", "host", "status", "group", "notes", "link"];

export function ansibleModel(inventory: Inventory): AnsibleModel {
  const devices = inventory.sites.flatMap((site) =>
    site.devices.filter((d) => isActiveStatus(d.status) && d.name !== null).map((device) => ({ site, device, host: hostName(device.name!) })),
  );
  const sitesOf = new Map<string, Set<string>>();
  for (const { site, host } of devices) sitesOf.set(host.toLowerCase(), (sitesOf.get(host.toLowerCase()) ?? new Set()).add(site.code));

  const hostvars = new Map<string, Record<string, string>>();
  const groups = new Map<string, Set<string>>();
  const join = (group: string, host: string) => groups.set(group, (groups.get(group) ?? new Set()).add(host));
  for (const { site, device, host: base } of devices) {
    const host = sitesOf.get(base.toLowerCase())!.size > 1 ? `${base}.${site.code}` : base;
    // A name repeated within a site (device/duplicate-name) is one host: the first row's vars win.
    if (!hostvars.has(host)) {
      const vars: Record<string, string> = {};
      const address = device.overlay ?? device.ip;
      if (address) vars.ansible_host = address;
      vars.netstack_name = device.name!;
      vars.netstack_site = site.code;
      for (const field of VAR_FIELDS) {
        const value = device[field];
        if (typeof value === "string" && value !== "") vars[`netstack_${field}`] = value;
      }
      hostvars.set(host, vars);
    }
    join(groupName("site", site.code), host);
    if (device.type) join(groupName("type", device.type), host);
    if (device.role) join(groupName("role", device.role), host);
  }
  return {
    hostvars: new Map([...hostvars].sort(([a], [b]) => byCodeUnits(a, b))),
    groups: new Map([...groups].sort(([a], [b]) => byCodeUnits(a, b)).map(([g, hosts]) => [g, [...hosts].sort(byCodeUnits)])),
  };
}

/** Objects with keys sorted, as Python's `json.dumps(sort_keys=True)` writes them. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort(byCodeUnits).map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * `--format ansible`: byte for byte what `ansible-inventory -i <the ansible-yaml output> --list` prints
 * (ansible-core 2.14): `all.children` lists `ungrouped` then the groups in inventory order, each group
 * its hosts, `_meta.hostvars` every host's vars; keys sorted, 4-space indent.
 */
export function ansibleJson(inventory: Inventory): string {
  const { hostvars, groups } = ansibleModel(inventory);
  const out: Record<string, unknown> = {
    _meta: { hostvars: Object.fromEntries(hostvars) },
    all: { children: ["ungrouped", ...groups.keys()] },
  };
  for (const [group, hosts] of groups) out[group] = { hosts };
  return `${JSON.stringify(sortKeys(out), null, 4)}\n`;
}
