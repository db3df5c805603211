import { cpSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs, netstack, repoRoot, tempDir } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

const ridge = path.join(repoRoot, "fixtures/real-shapes/ridge");

describe("netstack tables", () => {
  it("prints every table with where, kind, confidence, column mapping and row outcomes", () => {
    const { code, stdout, stderr } = netstack(["tables", ridge]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("README.md:7  device  0.80  name column and device columns");
    expect(lines[1]).toBe("  columns: Hostname → name, MAC → mac, IP → ip, Lease → extra");
    expect(lines[2]).toBe("  rows: 5 rows; kept 5 device");
    expect(stdout).toContain("README.md:17  device (address-first)  0.75  first column is addresses\n");
    expect(stdout).toContain("    line 24: a link into an admin page (bookmark)\n");
    expect(stdout).toContain("docs/network-notes.md:26  not inventory  0.80  header says it is not inventory (ch)\n");
    expect(stdout).toContain("  rows: 9 rows; kept 8 device, 1 link\n");
    expect(lines.at(-2)).toBe("8 tables: 16 device, 3 service, 1 link, 2 overlay; 3 not inventory");
  });

  it("--format json gives the same, one object per table", () => {
    const { code, stdout } = netstack(["tables", ridge, "--format", "json"]);
    expect(code).toBe(0);
    const reports = JSON.parse(stdout) as { file: string; line: number; kind: string | null; kept: Record<string, number>; dropped: unknown[] }[];
    expect(reports).toHaveLength(8);
    expect(reports[1]).toMatchObject({ file: "README.md", line: 17, kind: "device", shape: "address", kept: { device: 2, service: 3 }, groups: 1 });
    expect(reports[1]!.dropped).toEqual([{ line: 24, reason: "a link into an admin page (bookmark)" }]);
  });
});

describe("netstack adopt", () => {
  it("--dry-run prints what it found and would write, and writes nothing", () => {
    const root = path.join(tempDir(), "ridge");
    cpSync(ridge, root, { recursive: true });
    const { code, stdout } = netstack(["adopt", root, "--dry-run"]);
    expect(code).toBe(0);
    expect(stdout).toContain("  device: 16 records in README.md, docs/network-notes.md, docs/vms/101.md\n");
    expect(stdout).toContain("  README.md:29  heading says it is not inventory (forwarding)\n");
    expect(stdout).toContain("would write site.yaml\n");
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("Dry run: nothing was written.");
    expect(existsSync(path.join(root, "site.yaml"))).toBe(false);
  });

  it("writes site.yaml with sources:, after which lint exits 0 or 1 and names no missing file", () => {
    const root = path.join(tempDir(), "ridge");
    cpSync(ridge, root, { recursive: true });
    expect(netstack(["adopt", root]).code).toBe(0);
    expect(readFileSync(path.join(root, "site.yaml"), "utf8")).toContain('sources:\n  include:\n    - "README.md"\n    - "docs/network-notes.md"\n    - "docs/vms/101.md"\n');
    const lint = netstack(["lint", root, "--format", "json"]);
    expect([0, 1]).toContain(lint.code);
    const rules = new Set((JSON.parse(lint.stdout) as { ruleId: string }[]).map((d) => d.ruleId));
    expect(rules.has("site/missing-file")).toBe(false);
    expect(rules.has("site/structure")).toBe(false);
    expect(rules.has("sensitive/gitignore")).toBe(false);
  });

  it("needs one directory", () => {
    expect(netstack(["adopt"]).stderr).toBe("netstack: adopt takes one directory: netstack adopt <existing-repo>\n");
  });
});

describe("exports that need a name", () => {
  it("leave nameless device rows out and say which on stderr", () => {
    const { code, stderr } = netstack(["inventory", ridge, "--format", "netbox"]);
    expect(code).toBe(0);
    expect(stderr).toBe("netstack: 2 device rows have no name and are left out of the netbox export: ridge:README.md:11, ridge:README.md:12\n");
  });
});
