import { afterAll, describe, expect, it } from "vitest";
import { loadSite } from "../../src/inventory/site.js";
import { cleanTempDirs, makeSite } from "./helpers.js";

afterAll(cleanTempDirs);

const names = (root: string) => loadSite(root).devices.map((e) => [e.record.name, e.record.ip, e.record.extra]);

describe("header aliases (SPEC §4)", () => {
  it("match case- and punctuation-insensitively", () => {
    const root = makeSite({ "docs/devices.md": "| HOST-NAME: | Lan_IP | Mac Address |\n|---|---|---|\n| gw | 10.0.0.1 | AA-BB-CC-DD-EE-FF |\n" });
    expect(loadSite(root).devices.map((e) => [e.record.name, e.record.ip, e.record.mac])).toEqual([["gw", "10.0.0.1", "aa:bb:cc:dd:ee:ff"]]);
  });

  it("site.yaml adds aliases, in any script; other non-ASCII headers stay extra", () => {
    const root = makeSite({
      "site.yaml": 'code: ts\nname: T\naliases:\n  device:\n    name: ["名前"]\n    location: ["Standort"]\n',
      "docs/devices.md": "| 住所 | 名前 | ip | standort |\n|---|---|---|---|\n| 東京 | gw | 10.0.0.1 | Keller |\n",
    });
    expect(names(root)).toEqual([["gw", "10.0.0.1", { 住所: "東京" }]]);
    expect(loadSite(root).devices[0]!.record.location).toBe("Keller");
  });

  it("one bad site.yaml value keeps the valid keys (subnet, rules, aliases)", () => {
    const root = makeSite({
      "site.yaml": "code: ts\nname: T\nvisibility: secret\nsubnet: 10.0.0.0/24\naliases:\n  device:\n    name: [box]\n",
      "docs/devices.md": "| box |\n|---|\n| gw |\n",
    });
    const site = loadSite(root);
    expect(site.config).toMatchObject({ code: "ts", name: "T", subnet: "10.0.0.0/24", visibility: "private" });
    expect(site.configDiagnostics.map((d) => [d.line, d.ruleId])).toEqual([[3, "federation/schema"]]);
    expect(site.devices.map((e) => e.record.name)).toEqual(["gw"]);
  });
});
