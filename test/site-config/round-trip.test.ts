import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { siteConfigYml } from "../../src/emit/exports/site-config.js";
import { siteInventory } from "../../src/emit/inventory.js";
import { loadSite } from "../../src/inventory/site.js";
import type { SiteInventory } from "../../src/inventory/schema.js";
import { lint } from "../../src/lint.js";
import { cleanTempDirs, makeSite, netstack, repoRoot, tempDir } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

/** What a site-config.yml carries of an inventory: every record field but its source position. */
function carried(inventory: SiteInventory) {
  const strip = <T extends { source: unknown }>(list: T[]) => list.map(({ source: _source, ...rest }) => rest);
  return {
    devices: strip(inventory.devices.filter((d) => d.name !== null)),
    services: strip(inventory.services.filter((s) => s.name !== null)),
    overlay: strip(inventory.overlay.filter((m) => m.node !== null)),
    network: { subnet: inventory.network.subnet, gateway: inventory.network.gateway, dns: inventory.network.dns },
  };
}

/** Tables → site-config.yml → a site holding only that file → the same records. */
function roundTrip(root: string): { before: ReturnType<typeof carried>; after: ReturnType<typeof carried>; yaml: string; back: string } {
  const site = loadSite(root, { allMarkdown: true });
  const inventory = siteInventory(site);
  const yaml = siteConfigYml(inventory, null);
  const back = makeSite({ "site.yaml": `code: ${site.config.code}\nname: back\n`, "site-config.yml": yaml });
  return { before: carried(inventory), after: carried(siteInventory(loadSite(back))), yaml, back };
}

describe("netstack inventory --format site-config: tables → site-config.yml → the same records", () => {
  for (const code of ["cf", "sl", "wf"]) {
    it(`the example federation's ${code}`, async () => {
      const { before, after, yaml, back } = roundTrip(path.join(repoRoot, "fixtures/federation", code));
      expect(before.devices.length).toBeGreaterThan(10);
      expect(after).toEqual(before);
      // What it writes is valid, and reads back without a finding of its own.
      expect(parseYaml(yaml).site.code).toBe(code);
      const { diagnostics } = await lint([back]);
      expect(diagnostics.filter((d) => d.file.endsWith("site-config.yml") && d.severity === "error").map((d) => `${d.line} ${d.ruleId} ${d.message}`)).toEqual([]);
    });
  }

  it("the site-config example: merged records go round too", () => {
    const { before, after } = roundTrip(path.join(repoRoot, "fixtures/site-config/ef"));
    expect(after).toEqual(before);
  });

  it("CLI: one site to stdout; a federation into DIR/<code>/site-config.yml, else a usage error", () => {
    const site = netstack(["inventory", path.join(repoRoot, "fixtures/federation/wf"), "--format", "site-config"]);
    expect(site.code).toBe(0);
    expect(site.stdout.split("\n").slice(0, 5)).toEqual([
      "# site-config.yml of wf, written by `netstack inventory --format site-config`.",
      "# netstack reads it back beside the Markdown tables and merges the two.",
      "# Share mappings and backup flows have no place in this schema: they stay in the tables.",
      "",
      "site:",
    ]);
    const out = tempDir();
    const federation = path.join(repoRoot, "fixtures/federation/federation.yaml");
    expect(netstack(["inventory", federation, "--format", "site-config", "-o", out]).code).toBe(0);
    const cf = parseYaml(readFileSync(path.join(out, "cf/site-config.yml"), "utf8"));
    expect([cf.site, cf.federation]).toEqual([{ code: "cf", name: "Cedar Falls" }, { name: "2cld", role: "primary" }]);
    expect(cf.devices.find((d: { hostname: string }) => d.hostname === "cfnas")).toMatchObject({ type: "nas", role: "sg" });
    expect(netstack(["inventory", federation, "--format", "site-config"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "netstack: --format site-config of a federation writes one file per site: give -o DIR (DIR/<code>/site-config.yml)\n",
    });
  });
});

/** Cell texts of the shapes tables hold: plain words, markup, links, placeholders, odd characters. */
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,7}$/);
const text = fc.oneof(
  word,
  fc.constantFrom("na", "-", "", "?", "xx", "**bold**", "`code`", "~~old~~", "~~old~~ new", "a | b", "[doc](http://x/y?z=1#f)", "[a](../ops/x)", "é ü", "😀", "no", "yes", "1.10", "0123", "true", "null", "~", "- x", "# c", "a: b", "'q'", '"dq"'),
  fc.string({ maxLength: 10 }).map((s) => s.replace(/[|\\\r\n`*_~[\]<>&]/g, " ")),
);
const ipv4 = fc.tuple(fc.constantFrom(10, 192), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join("."));
const ip = fc.oneof(ipv4, fc.constantFrom("fd00::10", "2001:db8::1", "na", "10.0.0.300", "host.lan", "10.0.0.5 (vm)"));
const mac = fc.oneof(fc.constantFrom("AA-BB-CC-00-11-22", "aa:bb:cc:00:11:33", "aabb.cc00.1144", "na", "00-11-D9-xx-xx-xx", "zz"), fc.constant(""));
const type = fc.constantFrom("router", "server", "NAS", "isp", "switch", "vm", "lxc", "compute", "Storage", "gateway", "dev", "appliance", "", "na");
const status = fc.constantFrom("", "active", "offline", "Retired", "running", "stopped", "spare");
const port = fc.oneof(fc.integer({ min: 1, max: 65535 }).map(String), fc.constantFrom("", "na", "http", "70000"));

const deviceRow = fc.tuple(fc.oneof(word, text), type, text, ip, mac, ip, text, word, status, text, text, text);
const serviceRow = fc.tuple(fc.oneof(word, text), word, port, fc.constantFrom("", "http://a.b/c?d=1", "[x](https://x.y/)", "smb://nas/share", "see http://q.r here"), type, fc.constantFrom("", "lan", "Public", "overlay"), status, text);
const memberRow = fc.tuple(word, ip, ip, text);

const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n") + "\n";

describe("round trip of generated tables (fast-check)", () => {
  it("every device, service and overlay member comes back the same", () => {
    fc.assert(
      fc.property(
        fc.array(deviceRow, { maxLength: 8 }),
        fc.array(serviceRow, { maxLength: 6 }),
        fc.array(memberRow, { maxLength: 4 }),
        fc.boolean(),
        (devices, services, members, divider) => {
          const deviceRows = devices.map((d) => [...d]);
          if (divider && deviceRows.length > 1) deviceRows.splice(1, 0, ["Rack B", "", "", "", "", "", "", "", "", "", "", ""]);
          const root = makeSite({
            "docs/devices.md": table(["Name", "Type", "Role", "IP", "MAC", "Overlay", "Port", "Location", "Status", "Notes", "Link", "Serial No."], deviceRows),
            "docs/services.md": table(["Service", "Host", "Port", "URL", "Type", "Exposure", "Status", "Notes"], services.map((s) => [...s])),
            "docs/network.md": `## Overlay\n\n${table(["Node", "Overlay IP", "LAN IP", "Type"], members.map((m) => [...m]))}`,
          });
          const { before, after } = roundTrip(root);
          expect(after).toEqual(before);
        },
      ),
      { numRuns: 60 },
    );
  });
});

