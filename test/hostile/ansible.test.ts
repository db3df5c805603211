import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs } from "../foundation/helpers.js";
import { HOSTILE, hostileSite, pwned, run } from "./helpers.js";

/**
 * Row 9 of the hostile-input suite (see hostile.test.ts): notes cells holding Jinja
 * (`{{ lookup('pipe', 'touch pwned-9; …') }}`, `{% … %}`) exported for Ansible. A real playbook
 * prints every host's notes, from the ansible-yaml file and from the ansible JSON served by an
 * inventory script; the lookup must never run, and the text must come out as written.
 */
afterAll(cleanTempDirs);

function ansible(cwd: string, args: string[]): { code: number | null; out: string } {
  const result = spawnSync(args[0]!, args.slice(1), {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ANSIBLE_NOCOLOR: "1", ANSIBLE_LOCALHOST_WARNING: "0", ANSIBLE_INVENTORY_UNPARSED_WARNING: "0", ANSIBLE_RETRY_FILES_ENABLED: "0" },
    timeout: 300_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe("hostile input", () => {
  it("9: Jinja in a cell is !unsafe in ansible-yaml and __ansible_unsafe in ansible JSON: a playbook prints it and runs nothing", () => {
    const site = hostileSite("09-ansible-template");
    const yaml = run(site, ["inventory", ".", "--format", "ansible-yaml"]);
    const json = run(site, ["inventory", ".", "--format", "ansible"]);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toContain(`netstack_notes: !unsafe "{{ lookup('pipe', 'touch pwned-9; echo PLANTED-9') }}"`);
    expect(yaml.stdout).toContain(`netstack_notes: !unsafe "{% if true %}PLANTED-9{% endif %}"`);
    const hostvars = (JSON.parse(json.stdout) as { _meta: { hostvars: Record<string, Record<string, unknown>> } })._meta.hostvars;
    expect(hostvars.tsgw!.netstack_notes).toEqual({ __ansible_unsafe: "{{ lookup('pipe', 'touch pwned-9; echo PLANTED-9') }}" });
    expect(hostvars.tsgw!.netstack_name).toBe("tsgw");

    writeFileSync(path.join(site, "hosts.yml"), yaml.stdout);
    // The JSON, byte for byte what ansible-inventory prints of the YAML (unsafe values included).
    expect(ansible(site, ["ansible-inventory", "-i", "hosts.yml", "--list"]).out).toBe(json.stdout);
    writeFileSync(path.join(site, "inventory.json"), json.stdout);
    writeFileSync(path.join(site, "inventory.sh"), "#!/bin/sh\nif [ \"$1\" = --list ]; then cat \"$(dirname \"$0\")/inventory.json\"; else echo '{}'; fi\n", { mode: 0o755 });
    cpSync(path.join(HOSTILE, "09-ansible-template/playbook.yml"), path.join(site, "playbook.yml"));
    for (const inventory of ["hosts.yml", "inventory.sh"]) {
      const played = ansible(site, ["ansible-playbook", "-i", inventory, "playbook.yml"]);
      expect(played.code, played.out).toBe(0);
      // Printed as written: the lookup and the if block were not evaluated.
      expect(played.out).toContain(`"msg": "{{ lookup('pipe', 'touch pwned-9; echo PLANTED-9') }}"`);
      expect(played.out).toContain(`"msg": "{% if true %}PLANTED-9{% endif %}"`);
    }
    expect(pwned(site)).toEqual([]);
    expect(readFileSync(path.join(site, "docs/devices.md"), "utf8")).toContain("lookup('pipe'");
  });
});
