import type { Diagnostic } from "../../diagnostics.js";
import type { Cell } from "../../markdown/types.js";
import { atCell } from "../report.js";
import type { Rule } from "../types.js";

/**
 * Two VMs or containers of site-config.yml's `compute.vms` share an id on one compute host
 * (Proxmox numbers its guests per host: 100, 101, …). Ids may repeat across hosts.
 */
export const duplicateVmId: Rule = {
  id: "device/duplicate-vm-id",
  severity: "error",
  summary: "Two VMs of site-config.yml share an id on one compute host",
  scope: "site",
  check({ site }) {
    const yml = site.siteConfigYml;
    if (!yml) return [];
    const first = new Map<string, { id: Cell; name: string | null }>();
    const out: Diagnostic[] = [];
    for (const { id, host, entry } of yml.vms) {
      if (!id) continue;
      const key = `${(host ?? "").trim().toLowerCase()}\0${id.text.trim()}`;
      const seen = first.get(key);
      if (!seen) {
        first.set(key, { id, name: entry.record.name });
        continue;
      }
      const on = host ? ` on ${host}` : "";
      out.push(atCell(this, yml.file, id, `VM id ${id.text}${on} is already used by ${seen.name ?? "another VM"} on line ${seen.id.line}`));
    }
    return out;
  },
};
