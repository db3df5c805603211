import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs, netstack } from "../foundation/helpers.js";
import { lintLines, site } from "./helpers.js";

afterAll(cleanTempDirs);

const SHARED_MAC = "# Devices\n\n| name | type | ip | mac |\n|---|---|---|---|\n| tsgw | compute | 192.168.5.1 | aa:bb:cc:00:00:01 |\n| tsnas | compute | 192.168.5.2 | aa:bb:cc:00:00:01 |\n";
const PW = "# Services\n\n| service | host | pw |\n|---|---|---|\n| smb | tsnas | Hunter2! |\n";
const config = (rules: string) => `code: ts\nname: Test Site\nsubnet: 192.168.5.0/24\nrules:\n${rules}`;

describe("per-rule severity overrides in site.yaml", () => {
  it("off silences a rule: device/duplicate-mac and sensitive/exposed-address", async () => {
    const files = { "docs/devices.md": SHARED_MAC };
    const before = (await lintLines(site(files))).map((l) => l.split(" ")[2]);
    expect(before).toContain("device/duplicate-mac");
    expect(before).toContain("sensitive/exposed-address");
    const root = site({ ...files, "site.yaml": config("  device/duplicate-mac: off\n  sensitive/exposed-address: off\n") });
    expect(await lintLines(root)).toEqual([]);
  });

  it("warn turns an error into a warning, error a warning into an error, and the exit code follows", () => {
    const warned = site({ "docs/services.md": PW, "site.yaml": config("  sensitive/secret: warn\n  sensitive/exposed-address: off\n") });
    const result = netstack(["lint", warned, "--format", "json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).map((d: { ruleId: string; severity: string }) => `${d.ruleId} ${d.severity}`)).toEqual(["sensitive/secret warn"]);

    const strict = site({ "site.yaml": config("  sensitive/exposed-address: error\n") });
    const strictResult = netstack(["lint", path.join(strict, "docs/devices.md"), "--format", "json"]);
    expect(strictResult.code).toBe(1);
    expect(JSON.parse(strictResult.stdout).map((d: { ruleId: string; severity: string }) => `${d.ruleId} ${d.severity}`)).toEqual(["sensitive/exposed-address error"]);
  });
});
