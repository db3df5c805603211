import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs, tempDir, writeFiles } from "../foundation/helpers.js";
import { diagnosticsOf, expectFatal, federationWithCase, listing, run, siteWithCase } from "./helpers.js";

/** fixtures/bad filesystem cases: unreadable, looping, misplaced or unwritable paths. */
afterAll(cleanTempDirs);

/** CI runs as root, where chmod 000 blocks no read: there a directory stands where the file should be. */
const ROOT = process.getuid?.() === 0;

describe("files that cannot be read", () => {
  it("docs/devices.md is a directory: a site/unreadable-file diagnostic, not a crash", () => {
    const site = siteWithCase(null);
    const file = path.join(site, "docs/devices.md");
    rmSync(file);
    mkdirSync(file);
    expect(diagnosticsOf(run(site, "lint", ".", "--format", "json")).filter((d) => d.file === "docs/devices.md")).toEqual([
      { file: "docs/devices.md", line: 1, column: 1, ruleId: "site/unreadable-file", severity: "error", message: "docs/devices.md: not a regular file (a device, FIFO or socket); not read" },
    ]);
  });

  if (!ROOT) it("docs/devices.md unreadable (chmod 000, EACCES): one line naming it", () => {
    const site = siteWithCase(null);
    const file = path.join(site, "docs/devices.md");
    chmodSync(file, 0o000);
    for (const args of [["lint", "."], ["check", "."], ["inventory", "."]]) {
      expect(expectFatal(run(site, ...args), /cannot read/)).toBe(`netstack: ${file}: cannot read (EACCES)`);
    }
  });

  it("site.yaml unreadable (a directory in its place): one line naming it", () => {
    const site = siteWithCase(null);
    rmSync(path.join(site, "site.yaml"));
    mkdirSync(path.join(site, "site.yaml"));
    expect(expectFatal(run(site, "lint", "."), /cannot read/)).toBe(`netstack: ${path.join(site, "site.yaml")}: cannot read (is a directory)`);
  });

  it("a dangling symlink is a missing file (site/missing-file), not a crash", () => {
    const site = siteWithCase(null);
    rmSync(path.join(site, "docs/devices.md"));
    symlinkSync("gone.md", path.join(site, "docs/devices.md"));
    expect(diagnosticsOf(run(site, "lint", ".", "--format", "json")).filter((d) => d.file === "docs/devices.md")).toEqual([
      { file: "docs/devices.md", line: 1, column: 1, ruleId: "site/missing-file", severity: "warn", message: "Missing docs/devices.md; no device tables anywhere in the site" },
    ]);
  });
});

describe("symlink loops", () => {
  it("docs/devices.md → itself: one line, ELOOP", () => {
    const site = siteWithCase(null);
    const file = path.join(site, "docs/devices.md");
    rmSync(file);
    symlinkSync("devices.md", file);
    for (const args of [["lint", "."], ["check", "."], ["inventory", "."]]) {
      expect(expectFatal(run(site, ...args), /ELOOP/)).toBe(`netstack: ${file}: cannot read (ELOOP)`);
    }
  });

  it("directory loops (docs/up → .., docs/self → .) and a two-file loop do not trap the Markdown glob", () => {
    const site = siteWithCase(null);
    symlinkSync("..", path.join(site, "docs/up"));
    symlinkSync(".", path.join(site, "docs/self"));
    symlinkSync("b.md", path.join(site, "docs/a.md"));
    symlinkSync("a.md", path.join(site, "docs/b.md"));
    expect(diagnosticsOf(run(site, "lint", ".", "--format", "json"))).toEqual([]);
    expect(diagnosticsOf(run(site, "check", ".", "--format", "json"))).toEqual([]);
  });
});

describe("a site dir that is a file", () => {
  it("given on the command line: one line", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "notasite"), "just a file\n");
    for (const command of ["check", "inventory"]) {
      expect(expectFatal(run(dir, command, "notasite"), /notasite/)).toBe("netstack: notasite: expected federation.yaml or a site directory");
    }
    expect(expectFatal(run(dir, "lint", "notasite"), /notasite/)).toBe("netstack: notasite: not inside a site (no site.yaml or docs/ above it)");
  });

  it("named in federation.yaml: a diagnostic naming the site, the others still checked", () => {
    const dir = federationWithCase("site-dir-is-a-file");
    writeFiles(dir, { "cf/docs/notes.md": "| name | password |\n|---|---|\n| cfgw | hunter2hunter2 |\n" });
    const found = diagnosticsOf(run(dir, "check", "federation.yaml", "--format", "json"));
    expect(found.filter((d) => d.ruleId === "federation/site-unavailable")).toEqual([
      { file: "federation.yaml", line: 5, column: 7, ruleId: "federation/site-unavailable", severity: "error", message: "Site sl: no site directory at sl-is-a-file" },
    ]);
    expect(found.filter((d) => d.file === "cf/docs/notes.md").map((d) => d.ruleId)).toContain("sensitive/secret");
  });
});

describe("a federation whose site dir is missing", () => {
  it("check: a diagnostic naming the site, the others still checked", () => {
    const dir = federationWithCase("federation-site-missing");
    writeFiles(dir, { "wf/docs/notes.md": "| name | password |\n|---|---|\n| wfgw | hunter2hunter2 |\n" });
    const found = diagnosticsOf(run(dir, "check", "federation.yaml", "--format", "json"));
    expect(found.filter((d) => d.ruleId === "federation/site-unavailable")).toEqual([
      { file: "federation.yaml", line: 5, column: 7, ruleId: "federation/site-unavailable", severity: "error", message: "Site sl: no site directory at sl-gone" },
    ]);
    expect(found.filter((d) => d.file === "wf/docs/notes.md").map((d) => d.ruleId)).toContain("sensitive/secret");
  });

  it("inventory: the missing site is reported and nothing is written (exit 1)", () => {
    const dir = federationWithCase("federation-site-missing");
    const result = run(dir, "inventory", "federation.yaml", "-o", "inventory.json");
    expect(result).toEqual({ code: 1, stdout: "", stderr: "federation.yaml:5:7: Site sl: no site directory at sl-gone (federation/site-unavailable)\n" });
    expect(existsSync(path.join(dir, "inventory.json"))).toBe(false);
  });
});

describe("output paths", () => {
  it("build --out pointing at a file: one line, the file untouched", () => {
    const site = siteWithCase(null);
    // Outside the site: an --out inside a source is refused before anything else.
    const beside = tempDir();
    writeFileSync(path.join(beside, "out"), "keep me\n");
    expect(expectFatal(run(beside, "build", site, "--out", "out"), /out/)).toBe("netstack: out: exists and is not a directory");
    expect(readFileSync(path.join(beside, "out"), "utf8")).toBe("keep me\n");
    expect(listing(beside).filter((n) => n.startsWith(".out"))).toEqual([]);
  });

  it("inventory -o pointing at a directory: one line, the directory untouched", () => {
    const site = siteWithCase(null);
    mkdirSync(path.join(site, "out"));
    expect(expectFatal(run(site, "inventory", ".", "-o", "out"), /out/)).toBe(`netstack: ${path.join(site, "out")}: cannot write (EISDIR)`);
    expect([listing(path.join(site, "out")), listing(site).filter((n) => n.startsWith(".out"))]).toEqual([[], []]);
  });

  // As root no permission stops a write, so the unwritable place is a path under a file (ENOTDIR);
  // as another user a read-only directory is tried as well.
  it("an output dir that cannot be written: one line, nothing left behind", () => {
    const site = siteWithCase(null);
    writeFileSync(path.join(site, "file"), "a file, not a directory\n");
    expect(expectFatal(run(site, "inventory", ".", "-o", "file/sub/inventory.json"), /cannot write/)).toBe(
      `netstack: ${path.join(site, "file/sub/inventory.json")}: cannot write (ENOTDIR)`,
    );
    const beside = tempDir();
    writeFileSync(path.join(beside, "file"), "a file, not a directory\n");
    expectFatal(run(beside, "build", site, "--out", "file/sub"), new RegExp(`^netstack: ${path.join(beside, "file/sub")}: cannot `));
    expect(readFileSync(path.join(beside, "file"), "utf8")).toBe("a file, not a directory\n");
    expect(readFileSync(path.join(site, "file"), "utf8")).toBe("a file, not a directory\n");
    if (!ROOT) {
      mkdirSync(path.join(site, "ro"));
      chmodSync(path.join(site, "ro"), 0o555);
      expectFatal(run(site, "inventory", ".", "-o", "ro/inventory.json"), /cannot write \(EACCES\)/);
      mkdirSync(path.join(beside, "ro"));
      chmodSync(path.join(beside, "ro"), 0o555);
      expectFatal(run(beside, "build", site, "--out", "ro/site"), /EACCES/);
      expect(listing(path.join(beside, "ro"))).toEqual([]);
      expect(listing(path.join(site, "ro"))).toEqual([]);
    }
  });
});
