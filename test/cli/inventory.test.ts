import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { inventorySchema } from "../../src/inventory/schema.js";
import { cleanTempDirs, netstack, tempDir } from "../foundation/helpers.js";
import { cleanSite } from "./sites.js";

afterAll(cleanTempDirs);

const DEVICE_KEYS = ["name", "type", "role", "ip", "mac", "overlay", "port", "location", "host", "status", "group", "notes", "link", "extra", "source"];

describe("netstack inventory", () => {
  const root = cleanSite({
    "docs/devices.md": [
      "| Hostname | Type | IP | MAC Address | Rm | Notes | Owner |",
      "|----------|------|----|-------------|----|-------|-------|",
      "| tsgw | Gateway | [192.168.5.1](https://192.168.5.1/) | AA-BB-CC-00-00-01 | closet | pfSense | it |",
      "| Office |---|---|---|---|---|---|",
      "| ~~tsold~~ | compute | na | - | office | retired 2022 | - |",
      "| tsnas | storage | 192.168.5.10 | aabb.cc00.0002 | office | | bob |",
      "",
    ].join("\n"),
  });

  it("--format json is byte-identical across runs and has the §5 shape", () => {
    const first = netstack(["inventory", root, "--format", "json"]);
    const second = netstack(["inventory", root, "--format", "json"]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    expect(second.stdout).toBe(first.stdout);
    const inventory = JSON.parse(first.stdout);
    expect(inventorySchema.parse(inventory)).toEqual(inventory);
    expect(Object.keys(inventory)).toEqual(["federation", "sites"]);
    expect(inventory.federation).toEqual({ name: "ts", generatedFrom: "site.yaml" });
    const [site] = inventory.sites;
    expect(Object.keys(site)).toEqual(expect.arrayContaining(["code", "name", "role", "devices", "services", "overlay", "shares", "backups"]));
    expect(site).toMatchObject({ code: "ts", name: "Test Site", subnet: "192.168.5.0/24" });
    for (const device of site.devices) expect(Object.keys(device)).toEqual(DEVICE_KEYS);
    expect(site.devices).toEqual([
      { name: "tsgw", type: "gateway", role: null, ip: "192.168.5.1", mac: "aa:bb:cc:00:00:01", overlay: null, port: null, location: "closet", host: null, status: "active", group: null, notes: "pfSense", link: null, extra: { Owner: "it" }, source: { file: "docs/devices.md", line: 3, column: 1 } },
      { name: "tsold", type: "compute", role: null, ip: null, mac: null, overlay: null, port: null, location: "office", host: null, status: "retired", group: "Office", notes: "retired 2022", link: null, extra: {}, source: { file: "docs/devices.md", line: 5, column: 1 } },
      { name: "tsnas", type: "storage", role: null, ip: "192.168.5.10", mac: "aa:bb:cc:00:00:02", overlay: null, port: null, location: "office", host: null, status: "active", group: "Office", notes: "", link: null, extra: { Owner: "bob" }, source: { file: "docs/devices.md", line: 6, column: 1 } },
    ]);
    expect(site.services).toEqual([
      { name: "smb", host: "tsnas", port: 445, url: null, type: null, exposure: null, status: "active", group: null, notes: "", extra: {}, source: { file: "docs/services.md", line: 5, column: 1 } },
    ]);
  });

  it("--format yaml holds the same data", () => {
    const yaml = netstack(["inventory", root, "--format", "yaml"]);
    expect(yaml.code).toBe(0);
    expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(netstack(["inventory", root]).stdout));
    expect(netstack(["inventory", root, "--format", "yaml"]).stdout).toBe(yaml.stdout);
  });

  it("-o writes the file and prints nothing", () => {
    const out = `${tempDir()}/inv.json`;
    const result = netstack(["inventory", root, "-o", out]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(netstack(["inventory", root]).stdout).toBe(readFileSync(out, "utf8"));
  });

  it("2 with one line for a bad format or a missing site", () => {
    const bad = netstack(["inventory", root, "--format", "xml"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trimEnd().split("\n")).toHaveLength(1);
    const missing = netstack(["inventory", "/no/such/site"]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toMatch(/^netstack: \/no\/such\/site: no such [a-z ]+\n$/);
  });
});
