import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { jsonSchemas } from "../../src/index.js";
import { cleanTempDirs, netstack, repoRoot, tempDir } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

const schemasDir = path.join(repoRoot, "schemas");

describe("schemas/", () => {
  it("is up to date with the zod schemas (run `netstack schema` when this fails)", () => {
    const generated = jsonSchemas();
    expect(readdirSync(schemasDir).filter((f) => f.endsWith(".schema.json")).sort()).toEqual(Object.keys(generated).sort());
    for (const [name, text] of Object.entries(generated)) expect(readFileSync(path.join(schemasDir, name), "utf8"), name).toBe(text);
    expect(netstack(["schema", "--check"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("netstack schema --out writes them; --check fails on a stale file", () => {
    const out = tempDir();
    expect(netstack(["schema", "--out", out]).code).toBe(0);
    for (const name of Object.keys(jsonSchemas())) expect(readFileSync(path.join(out, name), "utf8")).toBe(readFileSync(path.join(schemasDir, name), "utf8"));
    const site = path.join(out, "site.schema.json");
    writeFileSync(site, "{}\n");
    const stale = netstack(["schema", "--out", out, "--check"]);
    expect([stale.code, stale.stdout]).toEqual([1, ""]);
    expect(stale.stderr).toMatch(/site\.schema\.json: out of date; run netstack schema\n$/);
  });

  it("validates the example federation's config files and inventory, and rejects what zod rejects", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const federation = ajv.compile(JSON.parse(readFileSync(path.join(schemasDir, "federation.schema.json"), "utf8")));
    const site = ajv.compile(JSON.parse(readFileSync(path.join(schemasDir, "site.schema.json"), "utf8")));
    const inventory = ajv.compile(JSON.parse(readFileSync(path.join(schemasDir, "inventory.schema.json"), "utf8")));
    const fixtures = path.join(repoRoot, "fixtures/federation");
    expect(federation(parseYaml(readFileSync(path.join(fixtures, "federation.yaml"), "utf8")))).toBe(true);
    for (const code of ["cf", "sl", "wf"]) expect(site(parseYaml(readFileSync(path.join(fixtures, code, "site.yaml"), "utf8"))), code).toBe(true);
    expect(inventory(JSON.parse(netstack(["inventory", path.join(fixtures, "federation.yaml")]).stdout))).toBe(true);
    expect(federation({ name: "x", sitez: [] })).toBe(false);
    expect(federation({ name: "x", sites: [{ code: "cf", name: "CF" }] })).toBe(false);
    expect(federation({ name: "x", sites: [{ code: "cf", name: "CF", path: "a", repo: "b" }] })).toBe(false);
    expect(federation({ name: "x", sites: [{ code: "cf", name: "CF", repo: "https://example.org/cf.git" }] })).toBe(true);
  });
});
