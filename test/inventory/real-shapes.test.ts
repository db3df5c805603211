import { cpSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSite } from "../../src/inventory/site.js";
import { lint } from "../../src/lint.js";
import { adopt } from "../../src/scaffold/adopt.js";
import { cleanTempDirs, repoRoot, tempDir } from "../foundation/helpers.js";
import { inventoryText } from "./inventory-text.js";

/**
 * fixtures/real-shapes/: invented sites in the shapes real repos use (DHCP reservations, admin
 * tables that start each row with an address, cable runs among the devices, setting/value VM
 * pages, renames and status words, tables that are not inventory). Each site's whole inventory is
 * pinned as readable text beside this file.
 */
const shapes = path.join(repoRoot, "fixtures/real-shapes");

describe("fixtures/real-shapes/ridge", () => {
  const site = loadSite(path.join(shapes, "ridge"), { allMarkdown: true });

  it("matches the readable inventory snapshot", async () => {
    await expect(inventoryText(site)).toMatchFileSnapshot("real-shapes-ridge.expected.txt");
  });

  it("reads each table as what it is", () => {
    expect(site.files.flatMap((f) => f.tables.map((t) => `${f.rel}:${t.table.span.start.line} ${t.kind ?? "none"} ${t.shape}`))).toEqual([
      "README.md:7 device columns", // | Hostname | MAC | IP | Lease |
      "README.md:17 device address", // | admin | type | description | loc | mac |
      "README.md:29 none none", // port forwarding
      "docs/network-notes.md:5 device columns",
      "docs/network-notes.md:19 overlay columns", // | Node | ZeroTier IP | LAN IP |
      "docs/network-notes.md:26 none none", // TV channels
      "docs/network-notes.md:33 none none", // ssh keys
      "docs/vms/101.md:3 device settings",
    ]);
  });

  it("keeps nameless rows, renames, status words and cable runs apart", () => {
    const at = (file: string, line: number) => site.devices.find((e) => e.file.rel === file && e.record.source.line === line)?.record;
    expect(at("README.md", 11)).toMatchObject({ name: null, ip: "10.20.0.31" });
    expect(at("README.md", 12)).toMatchObject({ name: null, ip: "10.20.0.32" }); // "Unknown" in a DHCP export
    expect(at("README.md", 13)).toMatchObject({ name: "oldcam", status: "retired" });
    expect(at("docs/network-notes.md", 11)).toMatchObject({ name: "printer1", status: "retired" });
    expect(at("docs/network-notes.md", 12)).toMatchObject({ name: "printer2", formerly: "printer1", status: "active" });
    expect(at("docs/network-notes.md", 13)).toMatchObject({ name: "sg2", notes: "site cf; offsite target at cf" });
    expect(at("docs/network-notes.md", 14)!.status).toBe("spare");
    expect(at("docs/network-notes.md", 15)!.status).toBe("dead");
    expect(site.links.map((e) => e.record)).toMatchObject([{ name: "patch 1 to 2", from: "patch 1", to: "patch 2", fromPort: "sw1p24", toPort: "sw2p1" }]);
    // Nothing from the comment-wrapped table, the TV channels or the port forward.
    expect(site.devices.map((e) => e.record.name)).not.toContain("ghost");
    expect(site.services.map((e) => e.record.name)).toEqual(["unifi", "minio", "nextcloud"]);
  });

  it("warns once per nameless row, and the lint exit is 0 or 1", async () => {
    const { diagnostics } = await lint([path.join(shapes, "ridge")]);
    const nameless = diagnostics.filter((d) => d.ruleId === "table/nameless-row").map((d) => `${path.relative(shapes, d.file)}:${d.line}`);
    expect(nameless).toEqual(["ridge/README.md:11", "ridge/README.md:12"]);
  });
});

describe("fixtures/real-shapes/sourced: site.yaml sources:", () => {
  const root = path.join(shapes, "sourced");
  const site = loadSite(root, { allMarkdown: true });

  it("reads only the included files, and forces kinds per section", () => {
    expect(site.devices.map((e) => [e.file.rel, e.record.name])).toEqual([
      ["README.md", "srcgw"],
      ["docs/lab.md", "benchpsu"],
      ["docs/lab.md", "scope"],
    ]);
    const lab = site.files.find((f) => f.rel === "docs/lab.md")!;
    expect(lab.tables.map((t) => [t.kind, t.confidence, t.reason])).toEqual([
      ["device", 1, "sources.kinds says device"],
      [null, 1, "sources.kinds says none"],
    ]);
    expect(site.files.find((f) => f.rel === "docs/archive/old.md")!.tables[0]!.reason).toBe("file not in sources");
  });

  it("a named-file lint loads the sources as context", async () => {
    const { sites } = await lint([path.join(root, "README.md")]);
    expect(sites[0]!.files.map((f) => f.rel)).toEqual(["README.md", "docs/lab.md"]);
    expect(sites[0]!.devices).toHaveLength(3);
  });
});

describe("adopt on fixtures/real-shapes/ridge", () => {
  afterAll(cleanTempDirs);

  it("writes site.yaml with the discovered sources and the layout, and changes no file", () => {
    const root = path.join(tempDir(), "ridge");
    cpSync(path.join(shapes, "ridge"), root, { recursive: true });
    const before = snapshot(root);
    const dry = adopt({ dir: root, dryRun: true });
    expect(snapshot(root)).toEqual(before);
    const result = adopt({ dir: root });
    expect(result.written).toEqual(dry.written);
    for (const [rel, text] of before) expect(readFileSync(path.join(root, rel), "utf8")).toBe(text);
    expect(result.sources).toEqual(["README.md", "docs/network-notes.md", "docs/vms/101.md"]);
    expect(result.found.map((f) => [f.kind, f.records])).toEqual([
      ["device", 16],
      ["service", 3],
      ["overlay", 2],
      ["link", 1],
    ]);
    expect(result.written).toEqual([
      ".gitignore",
      ".mkdocs/mkdocs.yml",
      "ops/backup/README.md",
      "ops/monitor/check-backup-state.sh",
      "ops/monitor/check-connectivity.sh",
      "ops/monitor/check-services.sh",
      "ops/sensitive/README.md",
      "site.yaml",
    ]);
    for (const dir of ["docs/log", "ops/backup", "ops/monitor", "ops/sensitive"]) expect(existsSync(path.join(root, dir))).toBe(true);
    // A second adopt finds everything there and writes nothing.
    expect(adopt({ dir: root }).written).toEqual([]);
    expect(loadSite(root).devices).toHaveLength(16);
  });
});

function snapshot(root: string, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(path.join(root, prefix))) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(path.join(root, rel)).isDirectory()) for (const [k, v] of snapshot(root, rel)) out.set(k, v);
    else out.set(rel, readFileSync(path.join(root, rel), "utf8"));
  }
  return out;
}
