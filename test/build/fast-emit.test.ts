import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { blockYaml } from "../../src/emit/block-yaml.js";
import { inventoryYaml, toInventory } from "../../src/emit/inventory.js";
import { REDACTED, redactDeep, redactor, redactText } from "../../src/emit/redact.js";
import { findAddresses } from "../../src/rules/sensitive/addresses.js";
import { findSecrets } from "../../src/sensitive/detector.js";
import { loadFederation } from "../../src/federation/load.js";
import { FIXTURE } from "./helpers.js";
import path from "node:path";

/** What inventoryYaml wrote before block-yaml.ts: its bytes are the contract. */
const library = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });

/** Texts that make YAML quote, escape or retype a scalar. */
const AWKWARD = [
  "", " ", "a", "yes", "No", "on", "OFF", "y", "true", "False", "NULL", "null", "~", "123", "-1", "+1", "0x1F", "0o17", "1e5",
  "1.5", ".5", ".inf", "-.Inf", ".nan", "1.2.3", "10.0.0.1", "2001:db8::1", "a: b", "a:b", "a #b", "#x", "x#", "- a", "-", "?", "? a",
  "[x]", "{y}", "a,b", "'q'", '"d"', "it's", "@at", "`t", "!tag", "&a", "*a", "|", ">", "%p", " lead", "trail ", "two  spaces",
  "tab\there", "new\nline", "end\n", "\r", "‹redacted›", "ünï", "日本", "😀", "\u0000", "\u0085", "\u2028", "---", "...", "a - b",
  "docs/devices.md", "Rack A", "x".repeat(1100), "k".repeat(1030),
  "00:11:22:33:44:aa", "AA-BB-CC-DD-EE-FF", "00:11:22-33:44:55", "0:11:22:33:44:55", "12:30:00", "1:2", "http://10.0.0.1:8080/x", "https://a.b/c?d=e",
  "ops@example.org", "cf:sg2", "a:", "a::b", "a:b:", "y:n", "on:off", "Yes:No", "true:false", "a:#b", "a:-b", "_:x", "x:-", "a:b c",
  "*not* managed, ask <b>facilities</b>", "docs: https://wiki.example.org/dev/1", "firmware v1.2 — pending upgrade", "http://‹redacted›:8/",
  "spare, rack 2 (old) — see [x](y)", "a\u2028b", "a\u2029", "a\ufeffb", "\ufeffa", "a\u00a0b", "\u00a0a", "é:", "ä #x", "x\u0085", "x\u009f", "x\ud800",
  "True", "TRUE", "tRUE", "Null", "nULL", "_", "a\\b", "a=b;c", "x~", "~x", "<b>", "a<b>c", "a\tb",
];

const text = fc.oneof(
  fc.constantFrom(...AWKWARD),
  fc.string({ unit: fc.constantFrom(..."aZ09 :#-.'\"\n\t@/‹›_?!&*[]{},|>%`~"), maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(..."aFx09:-./@_"), minLength: 1, maxLength: 17 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  // Notes as operators write them: a letter first, then Markdown, punctuation and non-ASCII.
  fc
    .tuple(
      fc.constantFrom("n", "_", "é", "‹", "日", "\u00a0", "\u2028", "\ufeff"),
      fc.string({ unit: fc.constantFrom(..."aZ_é‹—0 ,.;:#-[](){}*`~!|>'\"%@&?/\\=+<\t\u00a0\u2028\ufeff\u0085😀"), maxLength: 16 }),
    )
    .map(([first, rest]) => first + rest),
);
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const record = fc.dictionary(text, fc.oneof(scalar, fc.dictionary(text, text, { maxKeys: 3 }), fc.array(text, { maxLength: 3 })), {
  maxKeys: 6,
});
const inventoryLike = fc.record({
  federation: fc.record({ name: text, generatedFrom: text }),
  sites: fc.array(fc.record({ code: text, devices: fc.array(record, { maxLength: 4 }), extra: fc.dictionary(text, text, { maxKeys: 3 }) }), {
    maxLength: 3,
  }),
});

describe("blockYaml", () => {
  it("writes the yaml library's bytes for the example federation's inventory", async () => {
    const federation = await loadFederation(path.join(FIXTURE, "federation.yaml"));
    const inventory = toInventory(federation.sites, { name: federation.name, generatedFrom: "federation.yaml" });
    expect(inventoryYaml(inventory)).toBe(library(inventory));
    const redacted = redactDeep(inventory);
    expect(inventoryYaml(redacted)).toBe(library(redacted));
    const empty = { ...inventory, sites: [] };
    expect(inventoryYaml(empty)).toBe(library(empty));
  });

  it("writes the yaml library's bytes for nested maps, lists and empty collections", () => {
    const value = { a: [], b: {}, c: [[1, [2, {}]], { d: [{ e: null }] }], f: { g: { h: "x" } }, "": 1, "a: b": [true, -0, 1.5], u: undefined, v: { w: undefined } };
    expect(blockYaml(value)).toBe(library(value));
  });

  it("writes the yaml library's bytes for awkward texts anywhere (property)", () => {
    fc.assert(
      fc.property(inventoryLike, (value) => {
        expect(blockYaml(value)).toBe(library(value));
      }),
      { numRuns: 500 },
    );
  });
});

/** redactText as it was before its fast paths: every detector on every text. */
function everyDetector(text: string): string {
  const spans = [...findAddresses(text, { loose: true }), ...findSecrets(text)].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  for (const { start, end } of spans) {
    if (start < at) continue;
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

describe("redactor", () => {
  it("keeps a __proto__ key as a key", () => {
    expect(Object.keys(redactDeep(JSON.parse('{"__proto__":"10.1.2.3","a":"b"}')))).toEqual(["__proto__", "a"]);
    expect(redactDeep(JSON.parse('{"__proto__":"10.1.2.3"}')).__proto__).toBe(REDACTED);
  });

  it("answers as every detector does, for texts it skips and texts it caches (property)", () => {
    const redact = redactor();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(..."abcdefABCDEF0123456789:.-/@= _!#xyz"), maxLength: 40 }),
          fc.string({ unit: fc.constantFrom("pw", "PASS", "secret", "token", "psk", "api key", "API_KEY", "mailto", ":", "=", "@", " ", "Hunter2!", "x.io", "admin", "-", "/"), maxLength: 8 }),
          fc.string({ unit: fc.constantFrom(..."0123456789abcdefxyz -"), minLength: 14, maxLength: 20 }),
          fc.constantFrom("root/Hunter2!", "admin-Abcdef!", "abcd.ef01.2345", "password=Secret!x", "a@b.io", "aa:bb:cc:dd:ee:ff", "10.1.2.3", "Rack A",
            "net 8056c2e21c000001", "mailto:x@corp.io", "https://u:p4ss@host/x", "token=abcd1234", "PSK: Summer2024", "2001:db8::1 fe80::1"),
        ),
        (value) => {
          const expected = everyDetector(value);
          expect(redactText(value)).toBe(expected);
          expect(redact(value)).toBe(expected);
          expect(redact(value)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("answers the same after it has forgotten what it remembered (tens of thousands of distinct texts)", () => {
    const redact = redactor();
    const texts = ["active", "10.1.2.3", "password=Secret!x", "Rack A", "a@b.io", "aa:bb:cc:dd:ee:ff", "mailto:x@corp.io"];
    const wrong: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const text = i % 3 === 0 ? texts[i % texts.length]! : `host-${i} note ${i % 7 === 0 ? `pw=Zx${i}!q` : i % 5 === 0 ? `10.9.${i % 250}.${i % 200}` : "spare"}`;
      const expected = everyDetector(text);
      if (redact(text) !== expected || redact(text) !== expected) wrong.push(text);
    }
    expect(wrong).toEqual([]);
  });
});
