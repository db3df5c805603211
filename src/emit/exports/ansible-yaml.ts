import { Scalar, stringify } from "yaml";
import type { Inventory } from "../../inventory/schema.js";
import { ansibleModel, Unsafe, type AnsibleValue } from "./ansible.js";

/** A var as YAML: an Unsafe value tagged `!unsafe`, so Ansible never templates it. */
function yamlVars(vars: Record<string, AnsibleValue>): Record<string, string | Scalar> {
  return Object.fromEntries(
    Object.entries(vars).map(([key, value]) => {
      if (!(value instanceof Unsafe)) return [key, value];
      const scalar = new Scalar(value.value);
      scalar.tag = "!unsafe";
      return [key, scalar];
    }),
  );
}

/**
 * `--format ansible-yaml`: a static YAML inventory (`all.children.<group>.hosts.<host>`), the same
 * hosts, groups and vars as `--format ansible`. A host's vars are written under its site group and `{}`
 * under its other groups. Written as YAML 1.1, the dialect Ansible's PyYAML reads, so values such as
 * `yes` or `12:30` stay strings.
 */
export function ansibleYaml(inventory: Inventory): string {
  const { hostvars, groups } = ansibleModel(inventory);
  const children: Record<string, { hosts: Record<string, Record<string, string | Scalar>> }> = {};
  for (const [group, hosts] of groups) {
    const isSite = group.startsWith("site_");
    children[group] = { hosts: Object.fromEntries(hosts.map((h) => [h, isSite ? yamlVars(hostvars.get(h)!) : {}])) };
  }
  return stringify({ all: { children } }, { version: "1.1", lineWidth: 0, aliasDuplicateObjects: false });
}
