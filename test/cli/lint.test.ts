import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs, makeSite, netstack, tempDir, writeFiles } from "../foundation/helpers.js";
import { BROKEN, brokenSite, CLEAN, cleanSite } from "./sites.js";

afterAll(cleanTempDirs);

/** A fatal error: exit 2, nothing on stdout, exactly one line on stderr and no stack trace. */
function expectOneLineFatal(result: ReturnType<typeof netstack>, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.endsWith("\n")).toBe(true);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).toMatch(pattern);
}

describe("netstack lint exit codes", () => {
  it("0 and no output on a clean site", () => {
    const result = netstack(["lint", cleanSite()]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("0 when there are only warnings", () => {
    const root = cleanSite({ "docs/devices.md": "| name | type |\n|---|---|\n| tsgw | beacon |\n| tsnas | storage |\n" });
    const result = netstack(["lint", root, "--format", "json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).map((d: { ruleId: string }) => d.ruleId)).toEqual(["device/unknown-type"]);
  });

  it("1 when there is an error", () => {
    expect(netstack(["lint", brokenSite()]).code).toBe(1);
  });

  it("2 with one line for a bad flag", () => {
    expectOneLineFatal(netstack(["lint", "--bogus", cleanSite()]), /^netstack: lint: Unknown option '--bogus'/);
  });

  it("2 with one line for a bad --format value", () => {
    expectOneLineFatal(netstack(["lint", "--format", "xml", cleanSite()]), /^netstack: --format must be one of stylish, json, sarif, github \(got "xml"\)$/m);
  });

  it("2 with one line for a missing path", () => {
    expectOneLineFatal(netstack(["lint", "no/such/site"], { cwd: tempDir() }), /^netstack: no\/such\/site: no such file or directory$/m);
  });

  it("2 with one line for broken YAML in site.yaml, naming file, line and column", () => {
    const root = cleanSite({ "site.yaml": "code: ts\nname: [Test\nsubnet: 192.168.5.0/24\n" });
    const result = netstack(["lint", root]);
    expectOneLineFatal(result, new RegExp(`^netstack: ${path.join(root, "site.yaml").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: invalid YAML: `));
  });

  it("a stack trace only with NETSTACK_DEBUG=1", () => {
    const result = netstack(["lint", "no/such/site"], { cwd: tempDir(), env: { NETSTACK_DEBUG: "1" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});

describe("site.yaml schema problems are diagnostics", () => {
  it("an unknown key is a federation/schema error at the key, with a did-you-mean", () => {
    const root = cleanSite({ "site.yaml": "code: ts\nname: Test Site\nsubnett: 192.168.5.0/24\nrules:\n  sensitive/exposed-address: off\n" });
    const result = netstack(["lint", root, "--format", "json"], { cwd: root });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        file: "site.yaml",
        line: 3,
        column: 1,
        ruleId: "federation/schema",
        severity: "error",
        message: 'Unknown key "subnett"; did you mean "subnet"?',
      },
    ]);
  });

  it("a bad value names its key path", () => {
    const root = cleanSite({ "site.yaml": "code: ts\nname: Test Site\nvisibility: secret\nrules:\n  sensitive/exposed-address: off\n" });
    const result = netstack(["lint", root, "--format", "json"], { cwd: root });
    const [diagnostic] = JSON.parse(result.stdout);
    expect(diagnostic).toMatchObject({ file: "site.yaml", line: 3, column: 1, ruleId: "federation/schema", severity: "error" });
    expect(diagnostic.message).toMatch(/^"visibility": /);
  });
});

describe("--quiet, colors", () => {
  it("--quiet shows errors only, and still exits 1", () => {
    const root = brokenSite();
    const all = JSON.parse(netstack(["lint", root, "--format", "json"]).stdout) as { severity: string; ruleId: string }[];
    expect(all.map((d) => d.ruleId)).toEqual(["device/unknown-type", "device/duplicate-ip"]);
    const quiet = netstack(["lint", root, "--format", "json", "--quiet"]);
    expect(quiet.code).toBe(1);
    expect(JSON.parse(quiet.stdout).map((d: { ruleId: string }) => d.ruleId)).toEqual(["device/duplicate-ip"]);
    const stylish = netstack(["lint", root, "-q"]);
    expect(stylish.stdout).not.toContain("device/unknown-type");
    expect(stylish.stdout).toContain("device/duplicate-ip");
    expect(stylish.stdout).toContain("✖ 1 problem (1 error, 0 warnings)");
  });

  it("no color when piped, FORCE_COLOR turns it on, NO_COLOR wins", () => {
    const root = brokenSite();
    const ESC = "\u001b[";
    expect(netstack(["lint", root]).stdout).not.toContain(ESC);
    expect(netstack(["lint", root], { env: { FORCE_COLOR: "1" } }).stdout).toContain(ESC);
    expect(netstack(["lint", root], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).not.toContain(ESC);
    expect(netstack(["lint", root], { env: { FORCE_COLOR: "0" } }).stdout).not.toContain(ESC);
  });
});

describe("files named alone (pre-commit)", () => {
  it("a services.md whose hosts live in devices.md: judged with the whole site, no unknown-host", () => {
    const root = brokenSite();
    const result = netstack(["lint", "docs/services.md", "--format", "json"], { cwd: root });
    expect(result).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
  });

  it("reports only the named file, though other files have errors", () => {
    const root = brokenSite({ "docs/services.md": "| service | host | port |\n|---|---|---|\n| smb | nobody | 445 |\n" });
    const services = JSON.parse(netstack(["lint", "docs/services.md", "--format", "json"], { cwd: root }).stdout);
    expect(services.map((d: { file: string; line: number; ruleId: string }) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(["docs/services.md:3 service/unknown-host"]);
    const devices = JSON.parse(netstack(["lint", "docs/devices.md", "--format", "json"], { cwd: root }).stdout);
    expect(devices.map((d: { file: string; line: number; ruleId: string }) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual([
      "docs/devices.md:5 device/unknown-type",
      "docs/devices.md:6 device/duplicate-ip",
    ]);
  });

  it("finds the site root from a file in docs/, from cwd inside docs/ and from above the site", () => {
    const parent = tempDir();
    const root = path.join(parent, "sl");
    writeFiles(root, BROKEN);
    const expected = ["device/unknown-type", "device/duplicate-ip"];
    const ids = (stdout: string) => JSON.parse(stdout).map((d: { ruleId: string }) => d.ruleId);
    expect(ids(netstack(["lint", "sl/docs/devices.md", "--format", "json"], { cwd: parent }).stdout)).toEqual(expected);
    const inDocs = netstack(["lint", "devices.md", "--format", "json"], { cwd: path.join(root, "docs") });
    expect(ids(inDocs.stdout)).toEqual(expected);
    expect(JSON.parse(inDocs.stdout)[0].file).toBe("devices.md");
  });

  it("finds a root that has docs/ but no site.yaml", () => {
    const withoutConfig = Object.fromEntries(Object.entries(CLEAN).filter(([rel]) => rel !== "site.yaml"));
    const bare = makeSite(withoutConfig);
    expect(netstack(["lint", "docs/services.md", "--format", "json"], { cwd: bare })).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
  });

  it("2 for a file outside any site", () => {
    const dir = tempDir();
    writeFiles(dir, { "notes.md": "# hi\n" });
    const result = netstack(["lint", "notes.md"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("netstack: notes.md: not inside a site (no site.yaml or docs/ above it)\n");
  });
});

describe("inline control and odd encodings", () => {
  it("netstack-disable … netstack-enable silences the named rule around a table only", () => {
    const root = cleanSite({
      "docs/devices.md": [
        "<!-- netstack-disable device/invalid-ip -->",
        "",
        "| name | ip |",
        "|------|----|",
        "| tsgw | 192.168.5.300 |",
        "",
        "<!-- netstack-enable device/invalid-ip -->",
        "",
        "| name | ip |",
        "|------|----|",
        "| tsnas | 192.168.5.301 |",
        "",
      ].join("\n"),
    });
    const found = JSON.parse(netstack(["lint", ".", "--format", "json"], { cwd: root }).stdout);
    expect(found.map((d: { file: string; line: number; column: number; ruleId: string }) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      "docs/devices.md:11:11 device/invalid-ip",
    ]);
  });

  it("a BOM and CRLF line ends do not move positions", () => {
    const root = cleanSite({ "docs/devices.md": "\uFEFF# Devices\r\n\r\n| name | ip |\r\n|---|---|\r\n| tsgw | 1.2.3 |\r\n" });
    const [d] = JSON.parse(netstack(["lint", "docs/devices.md", "--format", "json"], { cwd: root }).stdout);
    expect(d).toMatchObject({ file: "docs/devices.md", line: 5, column: 10, endColumn: 15, ruleId: "device/invalid-ip" });
  });
});

