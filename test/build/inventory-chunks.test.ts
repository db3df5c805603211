import fc from "fast-check";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { blockYamlItem } from "../../src/emit/block-yaml.js";
import { inventoryJson, inventoryJsonChunks, inventoryYaml, inventoryYamlChunks, toInventory } from "../../src/emit/inventory.js";
import { redactDeep, REDACTED } from "../../src/emit/redact.js";
import { loadTarget, type Federation } from "../../src/federation/load.js";
import type { Inventory } from "../../src/inventory/schema.js";
import { repoRoot } from "../foundation/helpers.js";
import { FIXTURE } from "./helpers.js";

/** The contract of inventory.yaml (as in fast-emit.test.ts): the yaml library's bytes. */
const library = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
/** The contract of inventory.json. */
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const jsonChunks = (inventory: Inventory) => [...inventoryJsonChunks(inventory)];
const yamlChunks = (inventory: Inventory) => [...inventoryYamlChunks(inventory)];

/** The most a JSON piece holds: 16 K characters, then the record that crossed the mark. */
const MAX_JSON_PIECE = 20_000;
/** YAML pieces are joined 256 lines at a time. */
const MAX_YAML_LINES = 256;

/** Every way of writing the inventory agrees: whole, chunked, and the reference libraries. */
function expectSameTexts(inventory: Inventory): { json: string[]; yaml: string[] } {
  const j = jsonChunks(inventory);
  const y = yamlChunks(inventory);
  if (inventory.sites.length > 0) {
    for (const piece of j) expect(piece.length).toBeLessThanOrEqual(MAX_JSON_PIECE);
    for (const piece of y.slice(2)) expect(piece.split("\n").length - 1).toBeLessThanOrEqual(MAX_YAML_LINES);
  }
  expect(j.join("")).toBe(json(inventory));
  expect(j.join("")).toBe(inventoryJson(inventory));
  expect(y.join("")).toBe(library(inventory));
  expect(y.join("")).toBe(inventoryYaml(inventory));
  return { json: j, yaml: y };
}

/** As `netstack inventory` names it: after federation.yaml, or site.yaml for a lone site. */
function inventoryOf(federation: Federation): Inventory {
  return toInventory(federation.sites, {
    name: federation.name,
    generatedFrom: federation.file ? path.basename(federation.file) : "site.yaml",
  });
}

const CODES = ["cf", "sl", "wf"] as const;

describe("inventory chunks of the example federation", () => {
  it("join to the whole texts for the federation, a site at a time", async () => {
    const federation = await loadTarget(path.join(FIXTURE, "federation.yaml"), repoRoot);
    const inventory = inventoryOf(federation);
    expect(inventory.sites.map((s) => s.code)).toEqual([...CODES]);
    const { json: j, yaml: y } = expectSameTexts(inventory);
    // The head, each site's pieces (a separator, then its text), the tail.
    expect(j[0]).toBe(`{\n  "federation": {\n    "name": "2cld",\n    "generatedFrom": "federation.yaml"\n  },\n  "sites": [`);
    expect(j.at(-1)).toBe("\n  ]\n}\n");
    expect(j.filter((c) => c === "\n    " || c === ",\n    ")).toEqual(["\n    ", ",\n    ", ",\n    "]);
    expect(j.filter((c) => /^\{\n {6}"code": "/.test(c)).map((c) => c.slice(17, 19))).toEqual(["cf", "sl", "wf"]);
    // The head, the `sites:` line, each site's pieces (a site starts a piece).
    expect(y[0]).toBe("federation:\n  name: 2cld\n  generatedFrom: federation.yaml\n");
    expect(y[1]).toBe("sites:\n");
    expect(y.slice(2).filter((c) => c.startsWith("  - ")).map((c) => c.slice(0, c.indexOf("\n")))).toEqual(["  - code: cf", "  - code: sl", "  - code: wf"]);
  });

  it.each(CODES)("join to the whole texts for site %s alone", async (code) => {
    const federation = await loadTarget(path.join(FIXTURE, code), repoRoot);
    expect(federation.file).toBeNull();
    const inventory = inventoryOf(federation);
    expect(inventory.federation).toEqual({ name: code, generatedFrom: "site.yaml" });
    const { json: j, yaml: y } = expectSameTexts(inventory);
    expect(j[1]).toBe("\n    ");
    expect(y[2]!.startsWith(`  - code: ${code}\n`)).toBe(true);
  });

  it("join to the whole texts for the redacted inventory", async () => {
    const inventory = inventoryOf(await loadTarget(path.join(FIXTURE, "federation.yaml"), repoRoot));
    const redacted = redactDeep(inventory);
    expect(json(redacted)).not.toBe(json(inventory));
    expect(json(redacted)).toContain(REDACTED);
    expectSameTexts(redacted);
  });
});

/** Values the fast path cannot write itself: the yaml library writes them. */
const AWKWARD_SITE = {
  code: "true",
  name: "multi\nline\n",
  kept: "trailing newlines\n\n\n",
  "key: with colon": "1.5",
  "- x": "- x",
  "#hash": "a #b",
  long: "x".repeat(2000),
  [`k${"y".repeat(1100)}`]: "long key",
  nested: { "yes": ["no", "~", "null", "", " lead", "trail ", "0x1F", "10.0.0.1", "2001:db8::1"], deep: [[], {}, [{ "a:b": "c\nd" }]] },
  numbers: [0, -0, 1.5, -1e21, 2 ** 60, Number.MAX_SAFE_INTEGER],
  nothing: null,
  unicode: "‹redacted› ünï 日本 😀 \u2028 \u0085",
};

describe("inventory chunks of a large site", () => {
  it("are pieces of at most ~16 K characters or 256 lines: the site is never one string", async () => {
    const inventory = inventoryOf(await loadTarget(path.join(FIXTURE, "federation.yaml"), repoRoot));
    const cf = inventory.sites[0]!;
    const big: Inventory = { ...inventory, sites: [{ ...cf, devices: Array.from({ length: 200 }, () => cf.devices).flat() }] };
    expect(big.sites[0]!.devices.length).toBe(200 * cf.devices.length);
    const { json: j, yaml: y } = expectSameTexts(big);
    const jsonText = json(big).length;
    expect(j.length).toBeGreaterThanOrEqual(Math.floor(jsonText / MAX_JSON_PIECE));
    expect(y.length).toBeGreaterThanOrEqual(Math.floor(library(big).split("\n").length / MAX_YAML_LINES));
  });
});

describe("inventory chunks of unusual inventories", () => {
  it("are one chunk, the whole text, for an inventory without sites", () => {
    const empty: Inventory = { federation: { name: "empty", generatedFrom: "federation.yaml" }, sites: [] };
    const { json: j, yaml: y } = expectSameTexts(empty);
    expect(j).toEqual(['{\n  "federation": {\n    "name": "empty",\n    "generatedFrom": "federation.yaml"\n  },\n  "sites": []\n}\n']);
    expect(y).toEqual(["federation:\n  name: empty\n  generatedFrom: federation.yaml\nsites: []\n"]);
  });

  it("join to the library's texts when the values need the library", () => {
    const inventory = {
      federation: { name: "a: b", generatedFrom: "line one\nline two" },
      sites: [AWKWARD_SITE, { code: "plain", name: "Plain Site" }, AWKWARD_SITE],
    } as unknown as Inventory;
    const { yaml: y } = expectSameTexts(inventory);
    expect(y).toHaveLength(5);
    // The awkward items are the library's own text of that item.
    expect(y[2]).toBe(library({ a: [AWKWARD_SITE] }).slice("a:\n".length));
    expect(y[3]).toBe("  - code: plain\n    name: Plain Site\n");
    expect(y[2]).toContain("  - code: \"true\"\n");
  });

  it("join to the whole texts when sites is not the last key (one chunk)", () => {
    const inventory = { sites: [{ code: "a" }], federation: { name: "n", generatedFrom: "f" } } as unknown as Inventory;
    const { json: j, yaml: y } = expectSameTexts(inventory);
    expect(j).toHaveLength(1);
    expect(y).toHaveLength(1);
  });
});

describe("blockYamlItem", () => {
  it.each([
    ["a plain map", { code: "cf", port: 22, none: null }, "  - code: cf\n    port: 22\n    none: null\n"],
    ["a map with a nested list", { code: "cf", tags: ["a", "b"] }, "  - code: cf\n    tags:\n      - a\n      - b\n"],
    ["an empty map", {}, "  - {}\n"],
    ["a scalar", "true", '  - "true"\n'],
    ["null", null, "  - null\n"],
    ["a multi-line string", { note: "one\ntwo\n" }, "  - note: |\n      one\n      two\n"],
  ])("writes %s as its item of a top-level list", (_name, value, expected) => {
    expect(blockYamlItem(value)).toBe(expected);
    expect(`a:\n${blockYamlItem(value)}`).toBe(library({ a: [value] }));
  });
});

/** Texts that make YAML quote, escape, retype or fold a scalar. */
const AWKWARD = [
  "", " ", "yes", "No", "true", "False", "NULL", "null", "~", "123", "-1", "1.5", ".5", ".inf", "0x1F", "1e5", "1.2.3", "10.0.0.1",
  "2001:db8::1", "a: b", "a:b", "a #b", "#x", "- a", "- x", "-", "?", "[x]", "{y}", "a,b", "'q'", '"d"', "it's", "@at", "!tag", "&a",
  "*a", "|", ">", " lead", "trail ", "new\nline", "end\n", "end\n\n", "\n", "\r", "tab\there", "‹redacted›", "日本", "😀", "\u0085",
  "\u2028", "---", "...", "docs/devices.md", "Rack A", "x".repeat(2000), "k".repeat(1030),
];
const text = fc.oneof(
  fc.constantFrom(...AWKWARD),
  fc.string({ unit: fc.constantFrom(..."aZ09 :#-.'\"\n\t@/‹›_?!&*[]{},|>%`~"), maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
);
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("map"), tie("list")),
  map: fc.dictionary(text, tie("value"), { maxKeys: 4 }),
  list: fc.array(tie("value"), { maxLength: 3 }),
}));
const site = fc.dictionary(text, value, { maxKeys: 6 });
const inventoryLike = fc.record({
  federation: fc.record({ name: text, generatedFrom: text }),
  sites: fc.array(site, { maxLength: 4 }),
}) as fc.Arbitrary<unknown> as fc.Arbitrary<Inventory>;

describe("inventory chunks (property)", () => {
  it("join to the yaml library's text and to JSON.stringify's", () => {
    fc.assert(
      fc.property(inventoryLike, (inventory) => {
        const j = jsonChunks(inventory);
        const y = yamlChunks(inventory);
        expect(j.join("")).toBe(json(inventory));
        expect(y.join("")).toBe(library(inventory));
        if (inventory.sites.length === 0) {
          expect(j).toHaveLength(1);
          expect(y).toHaveLength(1);
        } else expect(y.length).toBeGreaterThanOrEqual(inventory.sites.length + 2);
      }),
      { numRuns: 400 },
    );
  });
});
