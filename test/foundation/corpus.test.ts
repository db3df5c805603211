import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSite } from "../../src/inventory/site.js";
import { lint } from "../../src/lint.js";
import { repoRoot } from "./helpers.js";

/**
 * The real-world corpus (SPEC §4's messy tables, see ../shared/corpus/README.md), read in place
 * and never copied. Every value pinned here was checked by eye against the source and §4:
 * divider rows set `group`, dash-only rows vanish, `~~name~~` retires, `na`/placeholders are
 * absent, MACs become lowercase colon form, IPs come out of link text.
 */
const corpus = path.resolve(repoRoot, "../shared/corpus/public-site-sl");

describe("corpus public-site-sl", () => {
  it("is present beside the clone", () => {
    expect(existsSync(path.join(corpus, "docs/devices.md"))).toBe(true);
  });

  const site = loadSite(corpus, { allMarkdown: true });

  it("reads the Markdown files and classifies their tables wherever they are", () => {
    expect(site.files.map((f) => [f.rel, f.tables.map((t) => t.kind)])).toEqual([
      ["README.md", ["device", "device", "device"]],
      ["docs/README.md", ["device", "device", null, null, null]],
      ["docs/devices.md", ["device", "device", "device"]],
      ["docs/services.md", ["device"]],
      ["docs/storage.md", [null, null]],
    ]);
    // README.md's and docs/services.md's tables start each row with an address: read row by row.
    expect(site.files.find((f) => f.rel === "docs/services.md")!.tables[0]!.shape).toBe("address");
  });

  it("counts, retired devices and groups", () => {
    expect(site.devices).toHaveLength(38);
    expect(site.devices.filter((e) => e.record.status === "retired").map((e) => [e.record.name, e.record.source.line])).toEqual([["KathysRokuUltra", 33]]);
    expect([...new Set(site.devices.map((e) => e.record.group).filter((g) => g !== null))]).toEqual(["Steve Room", "Living Room", "ops machines"]);
    // No record comes from a divider (lines 20, 32) or a dash-only row (26, 29).
    const devicesMd = site.devices.filter((e) => e.file.rel === "docs/devices.md").map((e) => e.record.source.line);
    for (const line of [20, 26, 29, 32]) expect(devicesMd).not.toContain(line);
  });

  it("keeps links, extra columns and tab-padded cells", () => {
    const byLine = new Map(site.devices.filter((e) => e.file.rel === "docs/devices.md").map((e) => [e.record.source.line, e.record]));
    expect(byLine.get(8)!.link).toBe("http://192.168.1.1");
    expect(site.links[0]!.record.extra).toEqual({ "location purpose": "living room switch lr" });
    expect(site.links[0]!.record.fromPort).toBe("sw1p4");
    expect(byLine.get(43)!.notes).toBe("macmini chris");
    expect(byLine.get(24)!.port).toBeNull(); // sw1p? is a placeholder
  });

  it("pins the lint diagnostics", async () => {
    const { diagnostics } = await lint([corpus]);
    const rel = diagnostics.map((d) => `${path.relative(corpus, d.file)}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`);
    expect(rel).toEqual([
      ".gitignore:1:1 error sensitive/gitignore",
      "README.md:9:161 warn sensitive/exposed-address",
      "docs/README.md:8:3 warn sensitive/exposed-address",
      "docs/README.md:34:7 error device/duplicate-name",
      "docs/devices.md:7:3 warn table/nameless-row",
      "docs/devices.md:8:3 warn table/nameless-row",
      "docs/devices.md:8:45 warn sensitive/exposed-address",
      "docs/devices.md:18:52 warn table/placeholder",
      "docs/devices.md:24:61 warn table/placeholder",
      "docs/devices.md:25:3 error device/duplicate-name",
      "docs/devices.md:25:61 warn table/placeholder",
      "docs/devices.md:27:3 warn table/placeholder",
      "docs/devices.md:27:14 warn table/placeholder",
      "docs/devices.md:28:3 warn table/placeholder",
      "docs/devices.md:28:14 warn table/placeholder",
      "docs/devices.md:30:3 warn table/placeholder",
      "docs/devices.md:31:3 warn table/placeholder",
      "docs/devices.md:31:14 warn table/placeholder",
      "docs/devices.md:33:26 warn table/placeholder",
      "docs/log:1:1 warn site/structure",
      "docs/network.md:1:1 warn site/missing-file",
      "docs/services.md:3:10 warn sensitive/exposed-address",
      "docs/storage.md:9:28 warn sensitive/exposed-address",
      "ops:1:1 warn site/structure",
      "ops/backup:1:1 warn site/structure",
      "ops/monitor:1:1 warn site/structure",
      "ops/sensitive:1:1 warn site/structure",
    ]);
    expect(diagnostics.filter((d) => d.ruleId === "table/placeholder")).toHaveLength(11);
  });
});
