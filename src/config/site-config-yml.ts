import { z } from "zod";
import { cidr } from "./site.js";

/**
 * `site-config.yml` at a site's root: the machine-readable config of the federation's own pattern
 * repo (its "flat" schema), read by netstack as a source besides the Markdown tables. The schema
 * checks shapes only (a list where a list belongs, a scalar where a value belongs); what values
 * mean (an IP, a MAC, a 16-hex network id, a `bu-N` role) is checked by rules, at the value's
 * line and column, as it is for table cells. Unknown keys are allowed: upstream's scripts own
 * sections netstack does not read (`monitoring`, `physical`, `access`, …), and a record's
 * unknown keys are kept as its `extra` fields, like a table's unknown columns.
 */

/**
 * Built on first use: constructing these schemas costs milliseconds at module load, which every
 * commit hook would pay for a file most sites do not have.
 */
function build() {
  /** A value as YAML writes it: `192.168.9.1`, `"00:0C:42:B7:CA:E9"`, `32400`, `true`. */
  const scalar = z.union([z.string(), z.number(), z.boolean()], {
    error: (issue) => (issue.input === undefined ? "required" : `expected one value (text or a number), not ${Array.isArray(issue.input) ? "a list" : issue.input === null ? "nothing" : "a mapping"}`),
  });
  const value = (description: string) => scalar.optional().describe(description);

  /** `services:` under a device or a VM: what runs there. */
  const attachedService = z.looseObject({
    name: value("Service name"),
    port: value("TCP/UDP port, 1–65535"),
    url: value("Where to reach it"),
    type: value("media, infra, backup, web, database, …"),
    status: value("running, stopped, …"),
  });

  const siteConfigDeviceSchema = z
    .looseObject({
      hostname: scalar.describe("Host name; unique within the site (device/duplicate-name)"),
      formerly: value("The name it had before a rename (netstack extension)"),
      type: value("router, server, workstation, nas, isp, switch, vm, lxc, or a netstack node type"),
      role: value("netstack role: ng, sg, cg, bg, dg, ws … (a trailing digit for secondaries)"),
      ipv4: value("LAN address, inside network.subnet (device/ip-outside-subnet)"),
      ipv6: value("LAN address (IPv6)"),
      mac: value("MAC address; quote it (some YAML 1.1 readers take 00:11:22 for a number)"),
      model: value("Make and model"),
      location: value("Physical location tag"),
      host: value("The device this one runs on (netstack extension)"),
      status: value("active (default), offline, retired, running, stopped, …"),
      overlay: value("Overlay address (netstack extension; members are listed under zerotier)"),
      switch_port: value("Switch port (netstack extension)"),
      group: value("Section of the device list (netstack extension)"),
      link: value("A page about the device (netstack extension)"),
      notes: value("Free text"),
      services: z.array(attachedService).optional().describe("Services on this device"),
      extra: z.record(z.string(), scalar).optional().describe("Other fields, kept as they are (netstack extension)"),
    })
    .describe("A device of the site");

  const siteConfigVmSchema = z
    .looseObject({
      id: value("Proxmox VM/CT id; unique on its compute host (device/duplicate-vm-id)"),
      name: value("VM name"),
      type: value("vm or lxc"),
      hostname: value("Host name (the VM's name when absent)"),
      ip: value("LAN address"),
      status: value("running, stopped, …"),
      cores: value("CPU cores"),
      memory: value("Memory, MB"),
      disk: value("Disk"),
      onboot: value("Started at boot"),
      services: z.array(attachedService).optional().describe("Services in this VM"),
    })
    .describe("A VM or container on compute.host");

  const siteConfigServiceSchema = z
    .looseObject({
      name: scalar.describe("Service name"),
      type: value("media, infra, backup, web, database, …"),
      application: value("The software (Plex, Gitea, …)"),
      host: value("The device it runs on"),
      vm_id: value("The VM it runs in (compute.vms[].id)"),
      port: value("TCP/UDP port, 1–65535"),
      status: value("running, stopped, …"),
      url: value("Where to reach it (netstack extension; else access.local)"),
      exposure: value("lan, overlay or public (netstack extension)"),
      group: value("Section of the service list (netstack extension)"),
      notes: value("Free text"),
      access: z
        .union([scalar, z.looseObject({ local: value("LAN URL"), remote: value("Remote URL, or none") })])
        .optional()
        .describe("How to reach it"),
      extra: z.record(z.string(), scalar).optional().describe("Other fields, kept as they are (netstack extension)"),
    })
    .describe("A service of the site");

  const zerotierMember = z
    .looseObject({
      hostname: scalar.describe("The member device"),
      zt_ip: value("Its overlay address"),
      lan_ip: value("Its LAN address (netstack extension)"),
      networks: z.array(scalar).optional().describe("Network ids it joined"),
    })
    .describe("An overlay member");

  const schema = z
    .looseObject({
      $schema: z.string().optional(),
      site: z
        .union([
          scalar,
          z.looseObject({
            code: value("Site code, as in site.yaml and federation.yaml"),
            name: value("Human-readable name"),
            repo: value("Canonical repo URL"),
            timezone: value("System time zone"),
            location: value("Physical address"),
          }),
        ])
        .optional()
        .describe("The site: its code alone, or a block"),
      network: z
        .looseObject({
          subnet: cidr.optional().describe("LAN subnet (CIDR); devices' addresses lie in it (device/ip-outside-subnet)"),
          gateway: value("Gateway address"),
          dns: value("DNS server"),
          dns_primary: value("DNS server"),
          dns_secondary: value("Second DNS server"),
          isp: value("Internet provider"),
          dhcp: z
            .looseObject({ enabled: value("DHCP on"), range_start: value("First leased address"), range_end: value("Last leased address"), server: value("DHCP server") })
            .optional(),
          netstack_assignments: z
            .record(
              z.string(),
              z.looseObject({ ipv4: value("Address"), hostname: value("Device"), model: value("Make and model"), mac: value("MAC address"), enabled: value("In use") }),
            )
            .optional()
            .describe("Roles (ng, sg, cg, …) and the device holding each"),
        })
        .optional(),
      devices: z.array(siteConfigDeviceSchema).optional(),
      compute: z
        .looseObject({
          host: value("The compute host the VMs run on"),
          platform: value("proxmox, docker, wsl, bare-metal"),
          vms: z.array(siteConfigVmSchema).optional(),
        })
        .optional(),
      storage: z
        .looseObject({
          pools: z
            .array(
              z.looseObject({
                name: scalar.describe("Pool name"),
                type: value("zfs, btrfs, lvm, raw"),
                layout: value("raidz1, mirror, stripe, single"),
                host: value("The device holding it"),
              }),
            )
            .optional(),
        })
        .optional(),
      services: z.array(siteConfigServiceSchema).optional(),
      zerotier: z
        .looseObject({
          enabled: value("Overlay in use"),
          networks: z
            .array(
              z.looseObject({
                id: scalar.describe("Network id: 16 hex digits (federation/invalid-network-id)"),
                name: value("Network name"),
                purpose: value("What it is for"),
                members: z.array(zerotierMember).optional(),
              }),
            )
            .optional(),
          members: z.array(zerotierMember).optional(),
        })
        .optional(),
      federation: z
        .looseObject({
          name: value("The federation's name"),
          role: value("primary, or bu-N for the N-th backup site (federation/invalid-role)"),
          backup_from: value("The site that sends its backups here (backup/unknown-site)"),
          backup_path: value("Where they land"),
        })
        .optional(),
    })
    .describe("site-config.yml (the federation pattern's site config), as netstack reads it");

  /** The sections netstack reads, and each record's known keys: unknown keys one edit away from these get a did-you-mean. */
  const keys = {
    top: ["site", "network", "devices", "compute", "storage", "services", "zerotier", "federation"],
    device: Object.keys(siteConfigDeviceSchema.shape),
    vm: Object.keys(siteConfigVmSchema.shape),
    service: Object.keys(siteConfigServiceSchema.shape),
  };
  return { schema, keys };
}

let built: ReturnType<typeof build> | undefined;

/** The zod schema of site-config.yml (built on first use). */
export function siteConfigYmlSchema(): ReturnType<typeof build>["schema"] {
  return (built ??= build()).schema;
}

/** The sections netstack reads, and each record's known keys (for did-you-mean hints). */
export function siteConfigYmlKeys(): ReturnType<typeof build>["keys"] {
  return (built ??= build()).keys;
}

export type SiteConfigYml = z.infer<ReturnType<typeof siteConfigYmlSchema>>;
