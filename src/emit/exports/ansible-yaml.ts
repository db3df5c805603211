import { stringify } from "yaml";
import type { Inventory } from "../../inventory/schema.js";
import { ansibleModel } from "./ansible.js";

/**
 * `--format ansible-yaml`: a static YAML inventory (`all.children.<group>.hosts.<host>`), the same
 * hosts, groups and vars as `--format ansible`. A host's vars are written under its site group and `{}`
 * under its other groups. Written as YAML 1.1, the dialect Ansible's PyYAML reads, so values such as
 * `yes` or `12:30` stay strings.
 */
export function ansibleYaml(inventory: Inventory): string {
  const { hostvars, groups } = ansibleModel(inventory);
  const children: Record<string, { hosts: Record<string, Record<string, string>> }> = {};
  for (const [group, hosts] of groups) {
    const isSite = group.startsWith("site_");
    children[group] = { hosts: Object.fromEntries(hosts.map((h) => [h, isSite ? hostvars.get(h)! : {}])) };
  }
  return stringify({ all: { children } }, { version: "1.1", lineWidth: 0, aliasDuplicateObjects: false });
}
