import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { FatalError, type Diagnostic } from "../../src/diagnostics.js";
import { inventoryJson, toInventory } from "../../src/emit/inventory.js";
import { KINDS } from "../../src/inventory/kinds.js";
import { inventorySchema } from "../../src/inventory/schema.js";
import { buildRecords, loadSite, parseSourceFile, type SiteModel } from "../../src/inventory/site.js";
import { lint } from "../../src/lint.js";
import { FORMATTERS } from "../../src/report/index.js";
import { runRules } from "../../src/rules/engine.js";
import { cleanTempDirs, makeSite } from "./helpers.js";

/** No input crashes the parser, the inventory or the rules: whatever the bytes, diagnostics come out. */
afterAll(cleanTempDirs);

const ROOT = path.resolve("/virtual/site");
const config = { code: "pt", name: "Property", visibility: "private" as const, subnet: "192.168.0.0/24" };

function siteOf(files: Record<string, string>): SiteModel {
  const parsed = Object.entries(files).map(([rel, text]) => parseSourceFile(ROOT, path.join(ROOT, rel), text, config));
  return { root: ROOT, config, configFile: null, configDiagnostics: [], files: parsed, presentDirs: [], ...buildRecords(parsed) };
}

function expectWellFormed(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(typeof d.file).toBe("string");
    expect(Number.isInteger(d.line) && d.line >= 1).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1).toBe(true);
    expect(d.ruleId).toMatch(/^[a-z]+\/[a-z-]+$/);
    expect(["error", "warn"]).toContain(d.severity);
    expect(typeof d.message).toBe("string");
  }
}

/** Parse, build records, run every rule, format every way and emit the inventory. */
function everything(files: Record<string, string>): void {
  const site = siteOf(files);
  const diagnostics = runRules({ site, sites: [site], federation: null, federationFile: null, profile: "private", mode: "lint" });
  expectWellFormed(diagnostics);
  const options = { cwd: ROOT, color: true, rules: new Map<string, string>(), version: "0.0.0" };
  for (const format of Object.values(FORMATTERS)) expect(typeof format(diagnostics, options)).toBe("string");
  const inventory = toInventory([site], { name: "pt", generatedFrom: "site.yaml" });
  inventorySchema.parse(JSON.parse(inventoryJson(inventory)));
}

const HEADERS = [...new Set(Object.values(KINDS).flatMap((k) => Object.values(k.columns).flat())), "", "Extra", "x|y", "~~name~~"];
const CELLS = [
  "", " ", "\t", "na", "N/A", "-", "—", "?", "xx", "tbd", "none", "~~old~~", "~~", "**b**", "`code`", "\\|", "a\\|b",
  "192.168.0.1", "192.168.9.1", "192.168.0.300", "10.147.17.??", "x.x.x.1", "1.2.3.4/33", "::1", "fe80::1%eth0", "[::1]",
  "[gw](http://192.168.0.1/)", "[x](<>)", "<http://a>", "00-11-D9-xx-xx-xx", "AA:BB:CC:DD:EE:FF", "aa-bb:cc-dd:ee-ff", "0011.2233.4455",
  "sw1p?", "cf:nas", "sl:", ":", "65536", "0", "22", "99999999999999999999", "compute", "storge", "<img src=x onerror=alert(1)>",
  "<!-- netstack-disable -->", "<!-- netstack-disable-next-line device/invalid-ip -->", "<!--", "-->", "&amp;", "\u0000", "\uFEFF", "\r",
];

const cell = fc.oneof(fc.constantFrom(...CELLS), fc.string({ maxLength: 12 }));
const row = (arb: fc.Arbitrary<string>) => fc.array(arb, { maxLength: 9 }).map((cells) => `| ${cells.join(" | ")} |`);
const table = fc
  .record({
    header: row(fc.constantFrom(...HEADERS)),
    delimiter: fc.constantFrom("|---|---|", "|---|---|---|---|", "|:-|-:|:-:|", "---|---", "| -- |"),
    rows: fc.array(fc.oneof(row(cell), fc.constantFrom("| Group |----|----|", "|----|----|", "", "not a row")), { maxLength: 12 }),
  })
  .map(({ header, delimiter, rows }) => [header, delimiter, ...rows].join("\n"));
const heading = fc.constantFrom("", "## Overlay", "## Share Mappings", "## Backup Replication", "## Subnet", "# Devices", "## VLANs");
const tableDoc = fc.array(fc.tuple(heading, table), { maxLength: 4 }).map((parts) => parts.map(([h, t]) => `${h}\n\n${t}\n`).join("\n"));
const eol = fc.constantFrom("\n", "\r\n", "\r");
const tableDocWithEol = fc.tuple(tableDoc, eol, fc.boolean()).map(([doc, nl, bom]) => `${bom ? "\uFEFF" : ""}${doc.replace(/\n/g, nl)}`);
const anyText = fc.oneof(fc.string({ unit: "binary", maxLength: 400 }), fc.string({ unit: "grapheme", maxLength: 400 }));
const anyBytes = fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString("utf8"));
const anyDoc = fc.oneof(tableDocWithEol, anyText, anyBytes);

describe("no input crashes the pipeline", () => {
  it("arbitrary strings as devices.md", () => {
    fc.assert(fc.property(anyText, (text) => everything({ "docs/devices.md": text })), { numRuns: 300 });
  });

  it("arbitrary bytes (decoded as UTF-8) as devices.md", () => {
    fc.assert(fc.property(anyBytes, (text) => everything({ "docs/devices.md": text })), { numRuns: 300 });
  });

  it("table-shaped documents as the three site files", () => {
    fc.assert(
      fc.property(tableDocWithEol, tableDocWithEol, tableDocWithEol, (devices, services, network) =>
        everything({ "docs/devices.md": devices, "docs/services.md": services, "docs/network.md": network }),
      ),
      { numRuns: 400 },
    );
  });

  it("arbitrary bytes on disk, through loadSite and lint", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), anyDoc, async (bytes, services) => {
        const root = makeSite({ "docs/services.md": services });
        const devices = path.join(root, "docs/devices.md");
        writeFileSync(devices, bytes); // raw bytes: invalid UTF-8 reaches the reader as it is on disk
        expect(readFileSync(devices).length).toBe(bytes.length);
        const site = loadSite(root, { allMarkdown: true });
        expect(site.files.map((f) => f.rel)).toContain("docs/devices.md");
        expectWellFormed((await lint([root])).diagnostics);
      }),
      { numRuns: 60 },
    );
  });

  it("arbitrary site.yaml: a loaded site with diagnostics, or one FatalError line", async () => {
    const yamlish = fc.oneof(
      anyText,
      fc.dictionary(fc.constantFrom("code", "name", "subnet", "visibility", "rules", "aliases", "role", "colour", "template"), fc.jsonValue(), { maxKeys: 6 }).map((o) => JSON.stringify(o)),
    );
    await fc.assert(
      fc.asyncProperty(yamlish, async (text) => {
        const root = makeSite({ "site.yaml": text, "docs/devices.md": "| name | ip |\n|---|---|\n| gw | 192.168.0.1 |\n" });
        try {
          expectWellFormed((await lint([root])).diagnostics);
        } catch (error) {
          expect(error).toBeInstanceOf(FatalError);
          expect((error as Error).message).not.toContain("\n");
        }
      }),
      { numRuns: 150 },
    );
  });
});
