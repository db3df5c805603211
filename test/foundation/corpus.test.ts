import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSite } from "../../src/inventory/site.js";
import { lint } from "../../src/lint.js";
import { corpusTests, CORPUS } from "./helpers.js";

/**
 * The real-world corpus (messy hand-written tables, see ../shared/corpus/README.md), read in place
 * and never copied; skipped, saying so, in a lone clone. Every value pinned here was checked by eye
 * against the source and the cell conventions (docs/tables.md):
 * divider rows set `group`, dash-only rows vanish, `~~name~~` retires, `na`/placeholders are
 * absent, MACs become lowercase colon form, IPs come out of link text.
 */
const corpus = path.join(CORPUS, "public-site-sl");
const RUN = corpusTests("the corpus tests (test/foundation/corpus.test.ts)");

describe.runIf(RUN)("corpus public-site-sl", () => {
  it("is present beside the clone", () => {
    expect(existsSync(path.join(corpus, "docs/devices.md"))).toBe(true);
  });

  const site = RUN ? loadSite(corpus, { allMarkdown: true }) : (null as never);

  it("reads the Markdown files and classifies their tables", () => {
    expect(site.files.map((f) => [f.rel, f.tables.map((t) => t.kind)])).toEqual([
      ["README.md", [null, null, null]],
      ["docs/README.md", [null, null, null, null, null]],
      ["docs/devices.md", ["device", "device", "device"]],
      ["docs/services.md", ["service"]],
      ["docs/storage.md", [null, null]],
    ]);
  });

  it("pins every device: line, name, ip, mac, location, status, group", () => {
    const rows = site.devices.map(({ record: d }) => [d.source.line, d.name, d.ip, d.mac, d.location, d.status, d.group]);
    expect(rows).toEqual([
      [7, null, null, null, "sr", "active", null],
      [8, null, "192.168.1.1", null, "sr", "active", null],
      [9, "switch 1 to 2", null, null, "sr-lr", "active", null],
      [10, "switch 2 to 3", null, null, "of-bm", "active", null],
      [11, "switch 3 to 4", null, null, "lr-bm", "active", null],
      [17, "ng sl Archer_C7 switch 1 sr", "192.168.0.1", "18:a6:f7:31:9c:07", "sr", "active", null],
      [18, "slwin11ops", "192.168.0.143", "b0:83:fe:65:80:80", "bm", "active", null],
      [19, "mg2 (Hyper-V VM)", "192.168.0.140", "00:15:5d:09:bf:02", "vm", "active", null],
      [21, "TIVO-8480001902B1749", "192.168.0.11", "00:11:d9:5f:47:82", "sr", "active", "Steve Room"],
      [22, "TIVO-748000190569948", "192.168.0.12", "00:11:d9:35:02:a8", "sr", "active", "Steve Room"],
      [23, "HDHR-10802956", "192.168.0.13", "00:18:dd:08:02:95", "sr", "active", "Steve Room"],
      [24, "StevesRokuUltra", "192.168.0.14", "8c:49:62:0b:69:8d", "sr", "active", "Steve Room"],
      [25, "TIVO-8480001902B1749", "192.168.0.15", "00:11:d9:5f:47:83", "sr", "active", "Steve Room"],
      [27, null, "192.168.0.16", null, "sr", "active", "Steve Room"],
      [28, null, "192.168.0.17", null, "sr", "active", "Steve Room"],
      [30, null, "192.168.0.18", "00:11:d9:3b:34:cb", "sr", "active", "Steve Room"],
      [31, null, "192.168.0.19", null, "sr", "active", "Steve Room"],
      [33, "KathysRokuUltra", null, null, "lr", "retired", "Living Room"],
      [34, "KathysRokuUltra", "192.168.0.21", "84:ea:ed:a8:64:91", "lr", "active", "Living Room"],
      [35, "TIVO-74600019083B6E2", "192.168.0.22", "00:11:d9:38:0b:fc", "lr", "active", "Living Room"],
      [41, "gusHPLaptop", "192.168.0.23", "00:23:8b:86:38:61", "lr", "active", null],
      [42, "gusGram", "192.168.0.28", "ac:74:b1:02:fb:cf", "lr", "active", null],
      [43, "cats-Mac-mini", "192.168.0.211", "7c:c3:a1:73:cc:a3", "bm", "active", null],
      [44, "catSurface", "192.168.0.212", "28:18:78:c7:fc:23", "bm", "active", null],
      [45, "Pixel-6a", "192.168.0.213", "86:50:46:38:28:96", "bm", "active", null],
      [46, "FireTV cube", "192.168.0.214", "a4:08:01:60:57:35", "bm", "active", null],
    ]);
  });

  it("counts, retired devices and groups", () => {
    expect(site.devices).toHaveLength(26);
    expect(site.devices.filter((e) => e.record.status === "retired").map((e) => [e.record.name, e.record.source.line])).toEqual([["KathysRokuUltra", 33]]);
    expect([...new Set(site.devices.map((e) => e.record.group).filter((g) => g !== null))]).toEqual(["Steve Room", "Living Room"]);
    // No record comes from a divider (lines 20, 32) or a dash-only row (26, 29).
    expect(site.devices.map((e) => e.record.source.line)).not.toContain(20);
    expect(site.devices.map((e) => e.record.source.line)).not.toContain(26);
  });

  it("keeps links, extra columns and tab-padded cells", () => {
    const byLine = new Map(site.devices.map((e) => [e.record.source.line, e.record]));
    expect(byLine.get(8)!.link).toBe("http://192.168.1.1");
    expect(byLine.get(9)!.extra).toEqual({ "location purpose": "living room switch lr" });
    expect(byLine.get(9)!.port).toBe("sw1p4-sw2p5");
    expect(byLine.get(43)!.notes).toBe("macmini chris");
    expect(byLine.get(24)!.port).toBeNull(); // sw1p? is a placeholder
  });

  it("yields no services from the table that lacks name and host columns", () => {
    // The table is reported as table/missing-column; rows with no name or host are not records.
    expect(site.services).toEqual([]);
  });

  it("pins the lint diagnostics", async () => {
    const { diagnostics } = await lint([corpus]);
    const rel = diagnostics.map((d) => `${path.relative(corpus, d.file)}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`);
    expect(rel).toEqual([
      ".gitignore:1:1 error sensitive/gitignore",
      "README.md:9:161 warn sensitive/exposed-address",
      "docs/README.md:8:3 warn sensitive/exposed-address",
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
      "docs/network.md:1:1 error site/missing-file",
      "docs/services.md:3:10 warn sensitive/exposed-address",
      "docs/services.md:15:3 error table/missing-column",
      "docs/storage.md:9:28 warn sensitive/exposed-address",
      "ops:1:1 warn site/structure",
      "ops/backup:1:1 warn site/structure",
      "ops/monitor:1:1 warn site/structure",
      "ops/sensitive:1:1 warn site/structure",
    ]);
    expect(diagnostics.filter((d) => d.ruleId === "table/placeholder")).toHaveLength(11);
  });
});
