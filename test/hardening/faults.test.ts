import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLEAN } from "../cli/sites.js";
import { cleanTempDirs, makeSite, tempDir, writeFiles } from "../foundation/helpers.js";
import { diagnosticsOf, expectFatal, federationWithCase, listing, readTree, run } from "./helpers.js";

/** Fault injection: a site repo that cannot be fetched, and a disk that fills up mid-write. */

const mounts: string[] = [];
afterAll(() => {
  for (const dir of mounts.splice(0)) spawnSync("umount", [dir]);
  cleanTempDirs();
});

describe("one git site fails to fetch", () => {
  it("check: the failure is a diagnostic on its federation.yaml entry, every other site is still checked", () => {
    const dir = federationWithCase("git-fetch-fails"); // cf (path), sl (repo: file:///nonexistent.git), wf (path)
    const planted = "| name | password |\n|---|---|\n| gw | hunter2hunter2 |\n";
    writeFiles(dir, { "cf/docs/notes.md": planted, "wf/docs/notes.md": planted });
    const cache = path.join(tempDir(), "cache");
    const found = diagnosticsOf(run(dir, "check", "federation.yaml", "--format", "json", "--cache", cache));
    const unavailable = found.filter((d) => d.ruleId === "federation/site-unavailable");
    expect(unavailable).toEqual([
      {
        file: "federation.yaml",
        line: 5,
        column: 7,
        ruleId: "federation/site-unavailable",
        severity: "error",
        message: "Site sl: cannot fetch file:///nonexistent.git: '/nonexistent.git' does not appear to be a git repository",
      },
    ]);
    expect(found.filter((d) => d.ruleId === "sensitive/secret").map((d) => d.file)).toEqual(["cf/docs/notes.md", "wf/docs/notes.md"]);
    // The failed clone left nothing half-made in the cache.
    expect(listing(cache)).toEqual([]);
  });

  it("inventory: the unfetchable site is reported and nothing is written (exit 1)", () => {
    const dir = federationWithCase("git-fetch-fails");
    const result = run(dir, "inventory", "federation.yaml", "-o", "inventory.json", "--cache", path.join(tempDir(), "cache"));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("federation.yaml:5:7: Site sl: cannot fetch file:///nonexistent.git: '/nonexistent.git' does not appear to be a git repository (federation/site-unavailable)\n");
    expect(listing(dir).includes("inventory.json")).toBe(false);
  });
});

/** A tmpfs of `size` (root only); null with the reason when it cannot be had (not root, or a container without mount). */
function tinyDisk(size: string): { dir: string } | { why: string } {
  if (process.getuid?.() !== 0) return { why: "ENOSPC test needs root to mount a tmpfs; skipped" };
  const dir = path.join(tempDir("netstack-enospc-"), "disk");
  mkdirSync(dir);
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { encoding: "utf8" });
  if (mounted.status !== 0) return { why: `ENOSPC test cannot mount a tmpfs here (${(mounted.stderr || mounted.error?.message || "").trim()}); skipped` };
  mounts.push(dir);
  return { dir };
}

/** 3,000 devices: an inventory of ~1 MB and a built site of ~3 MB. */
function bigSite(): string {
  const rows = ["# Devices", "", "| name | type | ip |", "|---|---|---|"];
  for (let i = 0; i < 3000; i++) rows.push(`| d${i} | compute | 10.0.${i >> 8}.${i & 255} |`);
  return makeSite({
    ...CLEAN,
    "site.yaml": "code: bg\nname: Big\nsubnet: 10.0.0.0/8\n",
    "docs/devices.md": `${rows.join("\n")}\n`,
    "docs/services.md": "# Services\n\n| service | host | port |\n|---|---|---|\n| smb | d0 | 445 |\n",
  });
}

describe("ENOSPC (a tiny tmpfs; root only, skipped with a message otherwise)", () => {
  it("inventory -o: exit 2, one line, the previous file intact, no temp file left", (ctx) => {
    const disk = tinyDisk("64k");
    if ("why" in disk) return ctx.skip(disk.why);
    const out = path.join(disk.dir, "out.json");
    const small = makeSite(CLEAN);
    expect(run(small, "inventory", ".", "-o", out)).toEqual({ code: 0, stdout: "", stderr: "" });
    const before = readFileSync(out);
    expect(expectFatal(run(bigSite(), "inventory", ".", "-o", out), /ENOSPC/)).toBe(`netstack: ${out}: cannot write (ENOSPC)`);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(listing(disk.dir)).toEqual(["out.json"]);
  });

  it("build --out: exit 2, one line, the previous tree intact, no temp dir left", (ctx) => {
    const disk = tinyDisk("1m");
    if ("why" in disk) return ctx.skip(disk.why);
    const out = path.join(disk.dir, "site");
    const small = makeSite(CLEAN);
    expect(run(small, "build", ".", "--out", out).code).toBe(0);
    const before = readTree(out);
    expect(expectFatal(run(bigSite(), "build", ".", "--out", out), /ENOSPC/)).toBe(`netstack: ${out}: cannot write output (ENOSPC)`);
    expect(readTree(out)).toEqual(before);
    expect(listing(disk.dir)).toEqual(["site"]);
    // The space is free again: the next build of the small site goes through.
    expect(run(small, "build", ".", "--out", out).code).toBe(0);
    expect(listing(disk.dir)).toEqual(["site"]);
  });

  // A nearly full disk first accepts part of a write (a short write), then fails: add-node must not
  // rename a truncated devices.md into place.
  it("add-node on a nearly full disk: exit 2, one line, devices.md intact, no temp left", (ctx) => {
    const disk = tinyDisk("64k");
    if ("why" in disk) return ctx.skip(disk.why);
    const rows = ["# Devices", "", "| name | type | ip |", "|---|---|---|"];
    for (let i = 0; i < 1400; i++) rows.push(`| d${i} | compute | 10.0.${i >> 8}.${i & 255} |`);
    const site = path.join(disk.dir, "site");
    for (const dir of ["docs/log", "ops/backup", "ops/monitor", "ops/sensitive", ".mkdocs"]) mkdirSync(path.join(site, dir), { recursive: true });
    writeFiles(site, { "site.yaml": "code: ts\nname: Test Site\nsubnet: 10.0.0.0/8\n", "docs/devices.md": `${rows.join("\n")}\n` });
    const before = readTree(site);
    expect(expectFatal(run(disk.dir, "add-node", "site", "--name", "newbox", "--type", "compute", "--ip", "10.9.9.9"), /ENOSPC/)).toBe(
      `netstack: cannot write in ${site} (ENOSPC)`,
    );
    expect(readTree(site)).toEqual(before);
    expect(listing(path.join(site, "docs"))).toEqual(["devices.md", "log"]);
  });
});
