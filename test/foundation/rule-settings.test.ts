import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { loadFederation } from "../../src/federation/load.js";
import { loadSite } from "../../src/inventory/site.js";
import { runRules } from "../../src/rules/engine.js";
import { cleanTempDirs, makeSite } from "./helpers.js";

afterAll(cleanTempDirs);

const GITIGNORE = "ops/sensitive/\nops/backup/logs/\nops/backup/.backup-state\ndocs/log/\n*.env\n*.env.*\n";
const DEVICES = "| Name | IP |\n|------|----|\n| nas1 | 192.168.50.10 |\n| nas2 | 192.168.50.10 |\n";

function lintSite(siteYaml: string): string[] {
  const root = makeSite({ "site.yaml": siteYaml, "docs/devices.md": DEVICES, "docs/services.md": "", "docs/network.md": "", ".gitignore": GITIGNORE });
  const site = loadSite(root);
  const found = runRules({ site, sites: [site], federation: null, federationFile: null, profile: "private", mode: "lint" });
  return found
    .filter((d) => d.severity === "error")
    .map((d) => `${path.relative(root, d.file)}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`);
}

describe("rules: in site.yaml", () => {
  it("turns a rule off or changes its severity", () => {
    expect(lintSite("code: lab\nname: Lab\nrules:\n  device/duplicate-ip: off\n")).toEqual([]);
    expect(lintSite("code: lab\nname: Lab\nrules:\n  device/duplicate-ip: warn\n")).toEqual([]);
  });

  it("reports a key that names no rule, at the key, with a did-you-mean", () => {
    expect(lintSite("code: lab\nname: Lab\nrules:\n  device/duplicate-ipp: off\n")).toEqual([
      "docs/devices.md:4:10 error device/duplicate-ip IP 192.168.50.10 is already used by nas1 on line 3",
      'site.yaml:4:3 error federation/schema Unknown rule "rules.device/duplicate-ipp"; did you mean "device/duplicate-ip"?',
    ]);
  });
});

describe("rules: in federation.yaml", () => {
  it("reports a key that names no rule, at the key, with a did-you-mean; known keys still apply", async () => {
    const site = makeSite({ "site.yaml": "code: lab\nname: Lab\n", "docs/devices.md": DEVICES, "docs/services.md": "", "docs/network.md": "", ".gitignore": GITIGNORE });
    const dir = path.dirname(site);
    const file = path.join(dir, "federation.yaml");
    writeFileSync(
      file,
      `name: fed\nsites:\n  - { code: lab, name: Lab, path: ${path.basename(site)} }\nbackup: { minOffsite: 0 }\nrules:\n  device/duplicate-ip: off\n  sensitive/secrets: warn\n`,
    );
    const federation = await loadFederation(file);
    expect(federation.diagnostics.map((d) => `${path.relative(dir, d.file)}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`)).toEqual([
      'federation.yaml:7:3 error federation/schema Unknown rule "rules.sensitive/secrets"; did you mean "sensitive/secret"?',
    ]);
    const { diagnostics } = await check(federation);
    expect(diagnostics.filter((d) => d.ruleId === "device/duplicate-ip")).toEqual([]);
    expect(diagnostics.filter((d) => d.ruleId === "federation/schema").length).toBe(1);
  });
});
