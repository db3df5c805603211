import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { siteInventory } from "../../src/emit/inventory.js";
import { loadSite } from "../../src/inventory/site.js";
import { lint } from "../../src/lint.js";
import { cleanTempDirs, makeSite, netstack, repoRoot, tempDir } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

const EXAMPLE = path.join(repoRoot, "fixtures/site-config/ef");

/** Diagnostics of a site as `file:line:column severity ruleId message`, files relative to the site. */
async function findings(root: string, ruleIds?: string[]): Promise<string[]> {
  const { diagnostics } = await lint([root]);
  return diagnostics
    .filter((d) => !ruleIds || ruleIds.includes(d.ruleId))
    .map((d) => `${path.relative(root, d.file)}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`);
}

const pick = <T extends object, K extends keyof T>(list: T[], ...keys: K[]) => list.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));

describe("site-config.yml: the example site (fixtures/site-config/ef)", () => {
  it("lints clean: the tables and the YAML agree", async () => {
    expect((await findings(EXAMPLE)).filter((f) => !f.includes(" sensitive/exposed-address "))).toEqual([]);
  });

  it("merges the YAML into the tables' records: table values win, the YAML fills gaps and adds its own", () => {
    const inventory = siteInventory(loadSite(EXAMPLE));
    expect(pick(inventory.devices, "name", "type", "role", "ip", "mac", "host", "status", "extra", "source")).toEqual([
      { name: "efgw", type: "gateway", role: "ng", ip: "192.168.7.1", mac: "00:0c:42:e7:00:01", host: null, status: "active", extra: { model: "MikroTik hEX" }, source: { file: "docs/devices.md", line: 7, column: 1 } },
      // The table leaves the MAC empty: site-config.yml's fills it; netstack_assignments adds the model.
      { name: "efnas", type: "storage", role: "sg", ip: "192.168.7.2", mac: "00:11:32:e7:00:02", host: null, status: "active", extra: { model: "Synology DS224+" }, source: { file: "docs/devices.md", line: 8, column: 1 } },
      { name: "efpve", type: "compute", role: "cg", ip: "192.168.7.3", mac: "6c:4b:90:e7:00:03", host: null, status: "active", extra: {}, source: { file: "docs/devices.md", line: 9, column: 1 } },
      { name: "efsw1", type: "switch", role: null, ip: "192.168.7.4", mac: "00:11:22:e7:00:04", host: null, status: "active", extra: {}, source: { file: "docs/devices.md", line: 10, column: 1 } },
      { name: "efmodem", type: "gateway", role: null, ip: "192.168.7.254", mac: null, host: null, status: "active", extra: { model: "ONT" }, source: { file: "site-config.yml", line: 41, column: 5 } },
      { name: "efdocker", type: "compute", role: null, ip: "192.168.7.11", mac: null, host: "efpve", status: "running", extra: { cores: "2", "vm id": "100", "vm name": "docker" }, source: { file: "site-config.yml", line: 51, column: 7 } },
      { name: "media", type: "compute", role: null, ip: "192.168.7.12", mac: null, host: "efpve", status: "stopped", extra: { "vm id": "101" }, source: { file: "site-config.yml", line: 61, column: 7 } },
    ]);
    expect(pick(inventory.services, "name", "host", "port", "url", "type", "extra")).toEqual([
      { name: "DSM", host: "efnas", port: 5001, url: null, type: "web", extra: {} },
      { name: "Proxmox VE", host: "efpve", port: 8006, url: null, type: "web", extra: {} },
      { name: "DHCP", host: "efgw", port: 67, url: null, type: null, extra: {} },
      { name: "Portainer", host: "efdocker", port: 9443, url: null, type: null, extra: {} },
      { name: "Plex", host: "efpve", port: 32400, url: "http://192.168.7.12:32400", type: "media", extra: { application: "Plex", "remote access": "none", "vm id": "101" } },
    ]);
    expect(pick(inventory.overlay, "node", "overlay")).toEqual([
      { node: "efgw", overlay: "10.147.17.40" },
      { node: "efdocker", overlay: "10.147.17.41" },
    ]);
    expect(inventory.network).toEqual({
      subnet: "192.168.7.0/24",
      gateway: "192.168.7.1",
      dns: "192.168.7.1",
      extra: { "DHCP range": "192.168.7.100–192.168.7.199", "DHCP server": "192.168.7.1", "DNS (secondary)": "9.9.9.9", ISP: "Rural fiber co-op" },
    });
    // The network id is never copied into the inventory.
    expect(JSON.stringify(inventory)).not.toContain("8056c2e21c000001");
  });

  it("is valid against schemas/site-config.schema.json, which rejects what zod rejects", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(repoRoot, "schemas/site-config.schema.json"), "utf8")));
    expect(validate(parseYaml(readFileSync(path.join(EXAMPLE, "site-config.yml"), "utf8")))).toBe(true);
    expect(validate({ devices: [{ type: "nas" }] })).toBe(false);
    expect(validate({ devices: [{ hostname: "a", ipv4: ["10.0.0.1"] }] })).toBe(false);
    expect(validate({ network: { subnet: "10.0.0.0/24" }, monitoring: { anything: [1] } })).toBe(true);
  });
});

describe("site-config.yml: problems with the file itself", () => {
  it("shape errors name file, line, column and key path; a likely typo is a warning with a did-you-mean", async () => {
    const root = makeSite({
      "site-config.yml": [
        "site: ef",
        "network:",
        "  subnet: 192.168.7.0/33",
        "devices:",
        "  - hostname: efgw",
        "    ipv4: [192.168.7.1]",
        "    hostnme: efgw2",
        "  - type: nas",
        "  - just a string",
        "servics: []",
        "monitoring: { goals: [] }",
        "",
      ].join("\n"),
    });
    expect(await findings(root, ["federation/schema"])).toEqual([
      'site-config.yml:3:3 error federation/schema "network.subnet": must be a CIDR such as 192.168.9.0/24',
      'site-config.yml:6:5 error federation/schema "devices[0].ipv4": expected one value (text or a number), not a list',
      'site-config.yml:7:5 warn federation/schema Unknown key "devices[0].hostnme" (kept as an extra field); did you mean "devices[0].hostname"?',
      'site-config.yml:8:5 error federation/schema "devices[1].hostname": required',
      'site-config.yml:9:5 error federation/schema "devices[2]": Invalid input: expected object, received string',
      'site-config.yml:10:1 warn federation/schema Unknown key "servics" (not read); did you mean "services"?',
    ]);
    // What can be read still is: the first device, with its misspelt key as an extra field.
    expect(loadSite(root).devices.map((e) => [e.record.name, e.record.type, e.record.extra])).toEqual([
      ["efgw", null, { hostnme: "efgw2" }],
      [null, "storage", {}],
    ]);
  });

  it("broken YAML is one finding at its place, and the tables are still read", async () => {
    const root = makeSite({
      "site-config.yml": "devices:\n  - hostname: a\n    ipv4: 1.2.3.4\n  bad: [\n",
      "docs/devices.md": "| name |\n|---|\n| gw |\n",
    });
    expect(await findings(root, ["federation/schema"])).toEqual(["site-config.yml:4:1 error federation/schema invalid YAML: All mapping items must start at the same column"]);
    expect(loadSite(root).devices.map((e) => e.record.name)).toEqual(["gw"]);
  });

  it("is read through the safe reader: a link out of the site is refused, not followed", async () => {
    const outside = path.join(tempDir(), "secret.yml");
    writeFileSync(outside, "devices:\n  - hostname: leaked\n");
    const root = makeSite({ "docs/devices.md": "| name |\n|---|\n| gw |\n" });
    symlinkSync(outside, path.join(root, "site-config.yml"));
    expect(await findings(root, ["site/unreadable-file"])).toEqual(["site-config.yml:1:1 error site/unreadable-file site-config.yml: a symbolic link that leaves the site; not read"]);
    expect(loadSite(root).devices.map((e) => e.record.name)).toEqual(["gw"]);
  });

  it("a site without site-config.yml has no siteConfigYml and the same records as before", () => {
    const root = makeSite({ "docs/devices.md": "| name | type |\n|---|---|\n| gw | router |\n" });
    const site = loadSite(root);
    expect(site.siteConfigYml).toBeNull();
    expect(site.devices.map((e) => [e.record.name, e.record.type])).toEqual([["gw", "gateway"]]);
  });
});

describe("site-config.yml: how its records meet the tables'", () => {
  it("a role assignment without a host name joins the device at its address, in the tables too", () => {
    const root = makeSite({
      "docs/devices.md": "| name | ip |\n|---|---|\n| efpve | 192.168.7.3 |\n",
      "site-config.yml": "network:\n  netstack_assignments:\n    cg: { ipv4: 192.168.7.3 }\n    bg: { ipv4: 192.168.7.8 }\n",
    });
    expect(loadSite(root).devices.map((e) => [e.record.name, e.record.role, e.record.ip])).toEqual([
      ["efpve", "cg", "192.168.7.3"],
      ["bg", "bg", "192.168.7.8"],
    ]);
  });

  it("a value the table states wins, even an invalid one; a placeholder is filled", async () => {
    const root = makeSite({
      "site.yaml": "code: ef\nname: East Field\nsubnet: 192.168.7.0/24\n",
      "docs/devices.md": "| name | ip | mac |\n|---|---|---|\n| efnas | 192.168.7.999 | 00-11-32-xx-xx-xx |\n",
      "site-config.yml": 'devices:\n  - hostname: efnas\n    ipv4: 192.168.7.2\n    mac: "00:11:32:E7:00:02"\n',
    });
    const [entry] = loadSite(root).devices;
    expect([entry!.record.ip, entry!.record.mac]).toEqual([null, "00:11:32:e7:00:02"]);
    expect(await findings(root, ["device/invalid-ip", "table/placeholder", "site/source-conflict"])).toEqual([
      'docs/devices.md:3:11 error device/invalid-ip "192.168.7.999" is not an IP address',
      'docs/devices.md:3:27 warn table/placeholder Placeholder "00-11-32-xx-xx-xx" is treated as no value; fill it in or write "na"',
    ]);
  });

  it("a finding about a YAML value merged into a table row points at the YAML", async () => {
    const root = makeSite({
      "docs/devices.md": "| name | ip |\n|---|---|\n| a | 192.168.7.2 |\n| b | - |\n",
      "site-config.yml": "devices:\n  - hostname: b\n    ipv4: 192.168.7.2\n",
    });
    expect(await findings(root, ["device/duplicate-ip"])).toEqual(["site-config.yml:3:11 error device/duplicate-ip IP 192.168.7.2 is already used by a on docs/devices.md:3"]);
  });

  it("netstack inventory of a site with site-config.yml includes its records (CLI)", () => {
    const result = netstack(["inventory", EXAMPLE, "--format", "csv", "--kind", "devices"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").filter((l) => l.includes(",site-config.yml,")).map((l) => l.split(",")[1])).toEqual(["efmodem", "efdocker", "media"]);
  });
});

describe("a device's name is its name", () => {
  it("a host name is never split like a free-form table cell; a rename is kept as formerly", () => {
    const root = makeSite({ "site-config.yml": 'devices:\n  - hostname: "mg2 (Hyper-V VM)"\n  - hostname: cfnas2\n    formerly: cfnas\n' });
    expect(loadSite(root).devices.map((e) => e.record)).toMatchObject([{ name: "mg2 (Hyper-V VM)", extra: {} }, { name: "cfnas2", formerly: "cfnas", extra: {} }]);
    expect(Object.keys(loadSite(root).devices[1]!.record).slice(0, 2)).toEqual(["name", "formerly"]);
  });
});

describe("device types of the pattern repo", () => {
  it("router, server, nas, isp, switch, vm, lxc are node types, in tables and in site-config.yml", async () => {
    const root = makeSite({
      "docs/devices.md": "| name | type | host |\n|---|---|---|\n| a | Router | - |\n| b | server | - |\n| c | NAS | - |\n| d | isp | - |\n| e | switch | - |\n| f | vm | b |\n| g | lxc | b |\n",
      "site-config.yml": "compute:\n  host: b\n  vms:\n    - { id: 100, name: h, type: lxc }\n    - { id: 101, name: i }\n",
    });
    expect(loadSite(root).devices.map((e) => [e.record.name, e.record.type, e.record.host])).toEqual([
      ["a", "gateway", null],
      ["b", "compute", null],
      ["c", "storage", null],
      ["d", "gateway", null],
      ["e", "switch", null],
      ["f", "compute", "b"],
      ["g", "compute", "b"],
      ["h", "compute", "b"],
      ["i", "compute", "b"],
    ]);
    expect(await findings(root, ["device/unknown-type", "device/unknown-host"])).toEqual([]);
  });
});

describe("pre-commit: a staged site-config.yml is linted on its own", () => {
  it("reports only its own findings, with the site as context", async () => {
    const root = makeSite({
      "docs/devices.md": "| name | ip |\n|---|---|\n| gw | 192.168.7.1 |\n| gw | 192.168.7.2 |\n",
      "site-config.yml": "devices:\n  - hostname: nas\n    ipv4: 192.168.7.1\n",
    });
    mkdirSync(path.join(root, "ops/backup"), { recursive: true });
    const { diagnostics } = await lint([path.join(root, "site-config.yml")]);
    expect(diagnostics.map((d) => `${path.relative(root, d.file)}:${d.line} ${d.ruleId}`)).toEqual(["site-config.yml:3 device/duplicate-ip"]);
  });
});
