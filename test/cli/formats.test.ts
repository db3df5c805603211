import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs, netstack, repoRoot } from "../foundation/helpers.js";
import { brokenSite } from "./sites.js";

afterAll(cleanTempDirs);

/** The SARIF 2.1.0 schema shipped with @microsoft/jest-sarif (draft-04: `id`, read by Ajv 8 as `$id`). */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(path.join(repoRoot, "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
  const { $schema: _, id, ...rest } = schema;
  // The schema's patterns are written for JavaScript's non-unicode RegExp mode.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  ajv.addFormat("uri-reference", (s: string) => URL.canParse(s, "file:///base/"));
  ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile({ $id: id, ...rest });
}

const root = brokenSite();
const lintAs = (format: string) => netstack(["lint", ".", "--format", format], { cwd: root });

describe("diagnostic formats", () => {
  it("json: an array of SPEC §6 diagnostics, paths relative to cwd", () => {
    const result = lintAs("json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        file: "docs/devices.md",
        line: 5,
        column: 10,
        endLine: 5,
        endColumn: 16,
        ruleId: "device/unknown-type",
        severity: "warn",
        message: 'Unknown node type "beacon" (known: compute, storage, gateway, dev, workstation, switch, media, iot, other)',
      },
      {
        file: "docs/devices.md",
        line: 6,
        column: 21,
        endLine: 6,
        endColumn: 32,
        ruleId: "device/duplicate-ip",
        severity: "error",
        message: "IP 192.168.5.1 is already used by tsgw on line 5",
      },
    ]);
  });

  it("sarif: valid SARIF 2.1.0 carrying the same results", () => {
    const result = lintAs("sarif");
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe("netstack");
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(["device/duplicate-ip", "device/unknown-type"]);
    expect(run.results.map((r: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => {
      const { artifactLocation, region } = r.locations[0]!.physicalLocation;
      return `${artifactLocation.uri}:${region.startLine}:${region.startColumn} ${r.level} ${r.ruleId}`;
    })).toEqual(["docs/devices.md:5:10 warning device/unknown-type", "docs/devices.md:6:21 error device/duplicate-ip"]);
  });

  it("sarif: valid also when clean", () => {
    const clean = netstack(["lint", ".", "--format", "sarif", "--quiet"], { cwd: brokenSite({ "docs/devices.md": "| name |\n|---|\n| tsgw |\n| tsnas |\n" }) });
    expect(clean.code).toBe(0);
    const validate = sarifValidator();
    expect(validate(JSON.parse(clean.stdout))).toBe(true);
  });

  it("github: workflow commands", () => {
    expect(lintAs("github").stdout).toBe(
      [
        '::warning file=docs/devices.md,line=5,col=10,endLine=5,endColumn=16,title=device/unknown-type::Unknown node type "beacon" (known: compute, storage, gateway, dev, workstation, switch, media, iot, other)',
        "::error file=docs/devices.md,line=6,col=21,endLine=6,endColumn=32,title=device/duplicate-ip::IP 192.168.5.1 is already used by tsgw on line 5",
        "",
      ].join("\n"),
    );
  });

  it("stylish: grouped per file, aligned, with a summary", () => {
    const warning = 'Unknown node type "beacon" (known: compute, storage, gateway, dev, workstation, switch, media, iot, other)';
    const error = "IP 192.168.5.1 is already used by tsgw on line 5";
    expect(lintAs("stylish").stdout).toBe(
      [
        "docs/devices.md",
        `  5:10  warning  ${warning}  device/unknown-type`,
        `  6:21  error    ${error.padEnd(warning.length)}  device/duplicate-ip`,
        "",
        "✖ 2 problems (1 error, 1 warning)",
        "",
      ].join("\n"),
    );
  });
});
