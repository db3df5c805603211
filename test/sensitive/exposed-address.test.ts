import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs } from "../foundation/helpers.js";
import { lintLines, only, site, SITE } from "./helpers.js";

afterAll(cleanTempDirs);

const NOTES = "# Notes\n\nThe NAS is 192.168.5.10 (aa:bb:cc:00:00:02), the overlay 8056c2e21c000001.\nAsk noc@corp.io; docs use 192.0.2.7.\n";

describe("sensitive/exposed-address", () => {
  it("a private site: one warning per file at the first address, with the counts", async () => {
    const root = site({ "docs/notes.md": NOTES });
    expect(only(await lintLines(root), "sensitive/exposed-address")).toEqual([
      "docs/devices.md:5:20 warn sensitive/exposed-address 2 IPv4 addresses, 2 MAC addresses in this file: fine while the site is private, errors if it is made public; document the pattern, not the instance (ops/sensitive/)",
      "docs/network.md:7:12 warn sensitive/exposed-address 1 IPv4 address in this file: fine while the site is private, errors if it is made public; document the pattern, not the instance (ops/sensitive/)",
      "docs/notes.md:3:12 warn sensitive/exposed-address 1 IPv4 address, 1 MAC address, 1 overlay network id, 1 e-mail address in this file: fine while the site is private, errors if it is made public; document the pattern, not the instance (ops/sensitive/)",
    ]);
  });

  it("visibility: public in site.yaml makes each address an error at its place, never printing it", async () => {
    const root = site({ "site.yaml": "code: ts\nname: Test Site\nvisibility: public\n", "docs/notes.md": NOTES });
    const lines = only(await lintLines(root, [`${root}/docs/notes.md`]), "sensitive/exposed-address");
    expect(lines).toEqual([
      "docs/notes.md:3:12 error sensitive/exposed-address IPv4 address in a public site: document the pattern, not the instance (ops/sensitive/)",
      "docs/notes.md:3:26 error sensitive/exposed-address MAC address in a public site: document the pattern, not the instance (ops/sensitive/)",
      "docs/notes.md:3:58 error sensitive/exposed-address Overlay network id in a public site: document the pattern, not the instance (ops/sensitive/)",
      "docs/notes.md:4:5 error sensitive/exposed-address E-mail address in a public site: document the pattern, not the instance (ops/sensitive/)",
    ]);
    for (const value of ["192.168.5.10", "aa:bb:cc:00:00:02", "8056c2e21c000001", "noc@corp.io"]) expect(lines.join("\n")).not.toContain(value);
  });

  it("--profile overrides visibility both ways", async () => {
    const pub = site({ "site.yaml": "code: ts\nname: Test Site\nvisibility: public\n" });
    const priv = site();
    expect(only(await lintLines(pub, [pub], { profile: "private" }), "sensitive/exposed-address").every((l) => l.includes(" warn "))).toBe(true);
    expect(only(await lintLines(priv, [priv], { profile: "public" }), "sensitive/exposed-address")).toHaveLength(5);
  });

  it("an address in a disabled region is not counted, and a file with nothing left is quiet", async () => {
    const devices = SITE["docs/devices.md"]!;
    const root = site({
      "docs/devices.md": `<!-- netstack-disable sensitive/exposed-address -->\n${devices}<!-- netstack-enable sensitive/exposed-address -->\n\nSpare: 192.168.5.99\n`,
      "docs/network.md": `<!-- netstack-disable -->\n${SITE["docs/network.md"]!}`,
    });
    expect(only(await lintLines(root), "sensitive/exposed-address")).toEqual([
      "docs/devices.md:10:8 warn sensitive/exposed-address 1 IPv4 address in this file: fine while the site is private, errors if it is made public; document the pattern, not the instance (ops/sensitive/)",
    ]);
  });

  it("ops/sensitive/ and docs/log/ are never read", async () => {
    const root = site({ "ops/sensitive/notes.md": NOTES, "docs/log/2026-05-01.md": NOTES, "site.yaml": "code: ts\nname: Test Site\nvisibility: public\n" });
    const lines = await lintLines(root);
    expect(lines.filter((l) => l.startsWith("ops/") || l.startsWith("docs/log/"))).toEqual([]);
  });
});
