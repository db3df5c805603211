import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSite } from "../../src/inventory/site.js";
import { repoRoot } from "../foundation/helpers.js";
import { inventoryText } from "./inventory-text.js";

/**
 * ../shared/corpus/public-site-sl read as it is (tables in README.md, docs/README.md, devices.md,
 * services.md; cable runs among the devices; services as link-first rows; zt- addresses in link
 * text). The whole inventory is pinned in public-site-sl.expected.txt, one aligned row per record,
 * each checked by eye against the source. Tables inside <!-- … --> comments are not tables.
 */
const corpus = path.resolve(repoRoot, "../shared/corpus/public-site-sl");
const present = existsSync(corpus) || process.env.NETSTACK_REQUIRE_ALL === "1";
if (!present) console.log("skipped: ../shared/corpus/public-site-sl is not beside this clone");

describe.runIf(present)("public-site-sl as it is", () => {
  const site = loadSite(corpus, { allMarkdown: true });

  it("matches the readable inventory snapshot", async () => {
    await expect(inventoryText(site)).toMatchFileSnapshot("public-site-sl.expected.txt");
  });

  it("reads every device row of its tables as a device, with the host name taken out", () => {
    // devices.md: 2 + 15 + 6 device rows; docs/README.md: the 10-row DHCP table; services.md: 5 link-first rows.
    expect(site.devices).toHaveLength(38);
    const byLine = new Map(site.devices.filter((e) => e.file.rel === "docs/devices.md").map((e) => [e.record.source.line, e.record]));
    expect(byLine.get(17)).toMatchObject({ name: "Archer_C7", role: "ng", ip: "192.168.0.1" });
    expect(byLine.get(19)).toMatchObject({ name: "mg2", ip: "192.168.0.140" });
    expect(byLine.get(19)!.notes.startsWith("Hyper-V VM")).toBe(true);
    // Comment-wrapped tables (docs/README.md lines 51–78, 86–107, 113–147) give nothing.
    expect(site.devices.filter((e) => e.file.rel === "docs/README.md").every((e) => e.record.source.line >= 30 && e.record.source.line <= 41)).toBe(true);
  });

  it("reads the three cable runs as links with both ends and ports", () => {
    expect(site.links.map(({ record: l }) => [l.source.line, l.from, l.to, l.fromPort, l.toPort])).toEqual([
      [9, "switch 1", "switch 2", "sw1p4", "sw2p5"],
      [10, "switch 2", "switch 3", "sw2p4", "sw3p1"],
      [11, "switch 3", "switch 4", "sw3p4", "sw4p1"],
    ]);
    expect(site.devices.some((e) => /\bto\b/.test(e.record.name ?? ""))).toBe(false);
  });

  it("finds the services of the link-first tables", () => {
    expect(site.services.map((e) => e.record.name)).toEqual([
      "traefik", "portainer", "gitea", "nginx", "netbox",
      "metube", "gitea", "sg portal", "dav",
      "traefik", "portainer", "gitea",
      "plex", "plex",
    ]);
    expect(site.services.filter((e) => e.record.exposure === "public")).toHaveLength(14);
  });

  it("takes zt- link text as the overlay address of its row", () => {
    expect(site.devices.filter((e) => e.record.overlay !== null).map((e) => [e.record.name, e.record.overlay])).toEqual([
      ["slwin11ops", "10.147.17.94"],
      ["mg2", "10.147.17.135"],
      ["gusGram", "10.147.17.190"],
    ]);
  });
});
