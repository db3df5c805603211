import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { ansibleJson, ansibleYaml, CSV_KIND_NAMES, inventoryCsv, loadFederation, netboxCsv, NETBOX_COLUMNS, toInventory } from "../../src/index.js";
import type { Inventory } from "../../src/index.js";
import { cleanTempDirs, netstack, repoRoot, tempDir } from "../foundation/helpers.js";
import { makeFederation, table } from "./helpers.js";

afterAll(cleanTempDirs);

const fixture = path.join(repoRoot, "fixtures/federation/federation.yaml");

async function fixtureInventory(): Promise<Inventory> {
  const federation = await loadFederation(fixture);
  return toInventory(federation.sites, { name: federation.name, generatedFrom: "federation.yaml" });
}

/** What Debian's ansible-inventory makes of a YAML inventory. */
function ansibleList(yamlText: string): string {
  const file = path.join(tempDir(), "out.yml");
  writeFileSync(file, yamlText);
  return execFileSync("ansible-inventory", ["-i", file, "--list"], { encoding: "utf8", env: { ...process.env, ANSIBLE_NOCOLOR: "1" } });
}

describe("ansible exports", () => {
  it("ansible-inventory reads the ansible-yaml output back: every host and group, and exactly --format ansible", async () => {
    const inventory = await fixtureInventory();
    const listed = ansibleList(ansibleYaml(inventory));
    const parsed = JSON.parse(listed) as Record<string, { hosts?: string[]; children?: string[] }> & { _meta: { hostvars: Record<string, Record<string, string>> } };
    const active = inventory.sites.flatMap((s) => s.devices.filter((d) => d.status !== "retired").map((d) => d.name));
    expect(Object.keys(parsed._meta.hostvars).sort()).toEqual([...active].sort());
    const groups = Object.keys(parsed).filter((k) => k !== "_meta" && k !== "all");
    expect(groups).toEqual(expect.arrayContaining(["site_cf", "site_sl", "site_wf", "type_storage", "type_compute", "role_sg", "role_cg2"]));
    expect(parsed.all!.children).toEqual(["ungrouped", ...groups.sort()]);
    expect(parsed.site_cf!.hosts).toContain("cfnas");
    expect(parsed._meta.hostvars.cfnas).toMatchObject({ netstack_site: "cf", netstack_type: "storage", netstack_role: "sg", netstack_ip: "192.168.9.10" });
    // Byte for byte what ansible-inventory prints.
    expect(ansibleJson(inventory)).toBe(listed);
  });

  it("keeps hosts and values Ansible would misread: duplicate names, patterns, YAML 1.1 booleans, sexagesimals", () => {
    const inventory: Inventory = {
      federation: { name: "f", generatedFrom: "federation.yaml" },
      sites: [
        site("cf", [dev("nas", { type: "Storage Box", role: "sg-2" }), dev("yes", { notes: "12:30", role: "on" }), dev("web[1:2]", {}), dev("old", { status: "retired" })]),
        site("s-l", [dev("nas", { ip: "10.0.0.2", overlay: "10.147.17.2", notes: "0755" }), dev("NULL", { notes: "~" })]),
      ],
    };
    const listed = ansibleList(ansibleYaml(inventory));
    expect(ansibleJson(inventory)).toBe(listed);
    const parsed = JSON.parse(listed);
    expect(Object.keys(parsed._meta.hostvars)).toEqual(["NULL", "nas.cf", "nas.s-l", "web_1_2_", "yes"]);
    expect(parsed._meta.hostvars["nas.s-l"]).toMatchObject({ ansible_host: "10.147.17.2", netstack_notes: "0755", netstack_name: "nas" });
    expect(parsed._meta.hostvars.yes).toMatchObject({ netstack_notes: "12:30", netstack_role: "on" });
    expect(parsed._meta.hostvars.NULL.netstack_notes).toBe("~");
    expect(parsed.type_storage_box.hosts).toEqual(["nas.cf"]);
    expect(parsed.role_sg_2.hosts).toEqual(["nas.cf"]);
    expect(parsed.site_s_l.hosts).toEqual(["NULL", "nas.s-l"]);
  });

  it("is byte-identical across runs", async () => {
    const a = netstack(["inventory", fixture, "-f", "ansible"]);
    const b = netstack(["inventory", fixture, "-f", "ansible"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(netstack(["inventory", fixture, "-f", "ansible-yaml"]).stdout).toBe(ansibleYaml(await fixtureInventory()));
  });
});

describe("csv export", () => {
  it("writes one file per kind into -o DIR, a single kind with --kind", async () => {
    const dir = tempDir();
    expect(netstack(["inventory", fixture, "-f", "csv", "-o", dir])).toEqual({ code: 0, stdout: "", stderr: "" });
    // links.csv is written only when a site has cable runs; the example federation has none.
    expect(readdirSync(dir).sort()).toEqual(CSV_KIND_NAMES.filter((k) => k !== "links").map((k) => `${k}.csv`).sort());
    const inventory = await fixtureInventory();
    for (const kind of CSV_KIND_NAMES.filter((k) => k !== "links")) expect(readFileSync(path.join(dir, `${kind}.csv`), "utf8")).toBe(inventoryCsv(inventory, kind));
    const one = netstack(["inventory", fixture, "-f", "csv", "--kind", "backups"]);
    expect(one.stdout).toBe(inventoryCsv(inventory, "backups"));
    const lines = one.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("site,from,to,mode,tier,via,schedule,status,group,extra,file,line");
    const first = inventory.sites[0]!.backups[0]!;
    expect(lines[1]).toBe(`cf,${first.from},${first.to},${first.mode},${first.tier},${first.via},${first.schedule},active,,,docs/network.md,${first.source.line}`);
    expect(lines).toHaveLength(1 + inventory.sites.reduce((n, s) => n + s.backups.length, 0));
  });

  it("quotes commas, quotes and newlines (RFC 4180) and writes extra columns as JSON", () => {
    const inventory: Inventory = { federation: { name: "f", generatedFrom: "x" }, sites: [site("cf", [dev("a", { notes: 'say "hi", ok', extra: { Owner: "bob" } })])] };
    expect(inventoryCsv(inventory, "devices").split("\n")[1]).toBe('cf,a,,,,,,,,,active,,"say ""hi"", ok",,"{""Owner"":""bob""}",docs/devices.md,3');
  });

  it("needs -o DIR or --kind, and --kind only with csv (exit 2)", () => {
    const noOut = netstack(["inventory", fixture, "-f", "csv"]);
    expect([noOut.code, noOut.stdout]).toEqual([2, ""]);
    expect(noOut.stderr).toBe("netstack: --format csv writes one file per record kind: give -o DIR, or --kind K for one kind\n");
    expect(netstack(["inventory", fixture, "--kind", "devices"]).code).toBe(2);
    expect(netstack(["inventory", fixture, "-f", "csv", "--kind", "routers"]).stderr).toBe(
      'netstack: --kind must be one of devices, services, overlay, shares, backups, links (got "routers")\n',
    );
  });
});

describe("netbox export", () => {
  it("writes NetBox's device import columns with documented defaults; retired is decommissioning", () => {
    const inventory: Inventory = {
      federation: { name: "f", generatedFrom: "x" },
      sites: [site("cf", [dev("cfnas", { type: "storage", role: "sg", location: "rm1" }), dev("cfold", { status: "retired", extra: { Vendor: "Synology", Model: "DS214play" } }), dev("x", { status: "planned", notes: "n".repeat(250) })], "Cedar Falls")],
    };
    const lines = netboxCsv(inventory).split("\n");
    expect(lines[0]).toBe(NETBOX_COLUMNS.join(","));
    expect(lines[0]).toBe("name,role,manufacturer,device_type,status,site,description,comments");
    expect(lines[1]).toBe('cfnas,storage,Generic,Generic,active,Cedar Falls,,"Role tag: sg');
    expect(netboxCsv(inventory)).toContain("cfold,other,Synology,DS214play,decommissioning,Cedar Falls,,Source: cf/docs/devices.md line 3\n");
    expect(netboxCsv(inventory)).toContain(`x,other,Generic,Generic,planned,Cedar Falls,${"n".repeat(199)}…,"${"n".repeat(250)}\nSource: cf/docs/devices.md line 3"\n`);
  });

  it("covers every device of the example federation, named by site name", async () => {
    const result = netstack(["inventory", fixture, "-f", "netbox"]);
    expect(result.code).toBe(0);
    const inventory = await fixtureInventory();
    const rows = result.stdout.split("\n").filter((l) => /^[^",]+,[a-z]+,Generic,Generic,[a-z]+,/.test(l));
    expect(rows).toHaveLength(inventory.sites.reduce((n, s) => n + s.devices.filter((d) => d.name).length, 0));
    expect(result.stdout).toMatch(/\ncfoldnas,storage,Generic,Generic,decommissioning,Cedar Falls,/);
  });
});

describe("netstack inventory of a federation", () => {
  it("json covers every site, sorted by code, generatedFrom federation.yaml", () => {
    const result = netstack(["inventory", fixture]);
    expect(result.code).toBe(0);
    const inventory = JSON.parse(result.stdout);
    expect(inventory.federation).toEqual({ name: "2cld", generatedFrom: "federation.yaml" });
    expect(inventory.sites.map((s: { code: string }) => s.code)).toEqual(["cf", "sl", "wf"]);
    expect(parseYaml(netstack(["inventory", fixture, "-f", "yaml"]).stdout)).toEqual(inventory);
  });

  it("writes nothing and exits 1 when a site cannot be loaded", () => {
    const { file } = makeFederation([{ code: "cf", files: { "docs/devices.md": table(["name"], [["a"]]) } }]);
    writeFileSync(file, "name: fed\nsites:\n  - { code: cf, name: CF, path: cf }\n  - { code: sl, name: SL, path: missing }\n");
    const out = path.join(tempDir(), "inv.json");
    const result = netstack(["inventory", file, "-o", out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`${path.relative(repoRoot, file)}:4:7: Site sl: no site directory at missing (federation/site-unavailable)\n`);
    expect(readdirSync(path.dirname(out))).toEqual([]);
  });
});

function site(code: string, devices: Inventory["sites"][number]["devices"], name = code.toUpperCase()): Inventory["sites"][number] {
  return { code, name, role: null, subnet: null, visibility: "private", network: { subnet: null, gateway: null, dns: null, extra: {} }, devices, services: [], overlay: [], shares: [], backups: [] };
}

function dev(name: string, fields: Partial<Inventory["sites"][number]["devices"][number]>): Inventory["sites"][number]["devices"][number] {
  return { name, type: null, role: null, ip: null, mac: null, overlay: null, port: null, location: null, host: null, status: "active", group: null, notes: "", link: null, extra: {}, source: { file: "docs/devices.md", line: 3, column: 1 }, ...fields };
}
