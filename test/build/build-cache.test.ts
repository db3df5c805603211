import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheKey } from "../../src/emit/build-cache.js";
import { buildSite, type BuildSiteOptions } from "../../src/emit/mkdocs/index.js";
import type { DocsOptions } from "../../src/emit/mkdocs/prepare.js";
import { locateTarget } from "../../src/federation/load.js";
import { cleanTempDirs, netstack, tempDir, type CliResult } from "../foundation/helpers.js";
import { FIXTURE, readTree } from "./helpers.js";

afterAll(cleanTempDirs);

const NOW = "2026-05-17T12:00:00Z";
const NOW_MS = Date.parse(NOW);
const NOTE = "; sources unchanged, from the build cache";
const CACHE = ".netstack-cache";
const SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55";

/** A copy of the example federation without any build cache a build of the fixture left in it. */
function copyFederation(): string {
  const dir = path.join(tempDir("netstack-cache-"), "federation");
  cpSync(FIXTURE, dir, { recursive: true, preserveTimestamps: true, filter: (src) => path.basename(src) !== CACHE });
  return dir;
}

let outs = 0;
/** A fresh (not yet existing) output dir. */
function newOut(): string {
  return path.join(tempDir("netstack-cache-out-"), `out${++outs}`);
}

function build(target: string, out: string, extra: string[] = []): CliResult {
  return netstack(["build", target, "--out", out, "--now", NOW, ...extra]);
}

/** stderr with the output dir and the cache note taken out, to compare a hit with a miss. */
function normalized(result: CliResult, out: string): string {
  return result.stderr.split(out).join("OUT").replace(NOTE, "");
}

/** Builds `target` again with --no-cache into a new dir and expects the same tree, exit code and stderr. */
function expectSameAsNoCache(target: string, result: CliResult, out: string, extra: string[] = []): void {
  const fresh = newOut();
  const plain = build(target, fresh, [...extra, "--no-cache"]);
  expect(plain.stderr).not.toContain(NOTE);
  expect(plain.code).toBe(result.code);
  expect(normalized(result, out)).toBe(normalized(plain, fresh));
  expect(readTree(out)).toEqual(readTree(fresh));
}

function slots(cacheDir: string): string[] {
  return readdirSync(cacheDir).filter((n) => n.startsWith("build-"));
}

/** The only slot's entry.json (the test's copy has one target and options in that cache). */
function entryFile(cacheDir: string): string {
  const [slot, ...more] = slots(cacheDir);
  expect(more).toEqual([]);
  return path.join(cacheDir, slot!, "entry.json");
}

const read = (file: string) => readFileSync(file, "utf8");

describe("a cache hit builds what a miss builds", () => {
  let fed: string;
  let yaml: string;
  beforeAll(() => {
    fed = copyFederation();
    yaml = path.join(fed, "federation.yaml");
  });

  it("federation, public profile: the second build is a hit and equals a --no-cache build", () => {
    const first = newOut();
    const miss = build(yaml, first);
    expect(miss.stderr).toBe(`netstack: built 18 pages of 3 site(s) into ${first} (23 written, 0 unchanged)\n`);
    expect(miss.code).toBe(0);
    expect(readFileSync(path.join(fed, CACHE, ".gitignore"), "utf8")).toBe("*\n");
    expect(slots(path.join(fed, CACHE))).toHaveLength(1);

    const second = newOut();
    const hit = build(yaml, second);
    expect(hit.stderr).toBe(`netstack: built 18 pages of 3 site(s) into ${second} (23 written, 0 unchanged${NOTE})\n`);
    expect(hit.code).toBe(0);
    expect(readTree(second)).toEqual(readTree(first));
    expectSameAsNoCache(yaml, hit, second);
  });

  it("federation, private profile: a slot of its own, and the hit equals a --no-cache build", () => {
    const first = newOut();
    const miss = build(yaml, first, ["--profile", "private"]);
    expect(miss.stderr).not.toContain(NOTE);
    expect(miss.code).toBe(0);
    // Private pages hold the addresses the public ones drop.
    expect(read(path.join(first, "docs/sites/cf/devices.md"))).toContain("192.168.9.10");
    expect(slots(path.join(fed, CACHE))).toHaveLength(2);

    const second = newOut();
    const hit = build(yaml, second, ["--profile", "private"]);
    expect(hit.stderr).toBe(`netstack: built 18 pages of 3 site(s) into ${second} (23 written, 0 unchanged${NOTE})\n`);
    expect(readTree(second)).toEqual(readTree(first));
    expectSameAsNoCache(yaml, hit, second, ["--profile", "private"]);
  });

  it("a lone site: the cache is in the site, the hit equals a --no-cache build", () => {
    const site = path.join(fed, "cf");
    const first = newOut();
    const miss = build(site, first);
    expect(miss.stderr).toBe(`netstack: built 5 pages of 1 site(s) into ${first} (8 written, 0 unchanged)\n`);
    expect(miss.code).toBe(0);
    expect(slots(path.join(site, CACHE))).toHaveLength(1);
    expect(read(path.join(site, CACHE, "CACHEDIR.TAG")).startsWith(SIGNATURE)).toBe(true);

    const second = newOut();
    const hit = build(site, second);
    expect(hit.stderr).toBe(`netstack: built 5 pages of 1 site(s) into ${second} (8 written, 0 unchanged${NOTE})\n`);
    expect(hit.code).toBe(0);
    expect(readTree(second)).toEqual(readTree(first));
    expectSameAsNoCache(site, hit, second);

    // cf/.netstack-cache holds Markdown copies of the pages: they are not sources of the federation.
    const again = newOut();
    expect(build(yaml, again).stderr).toContain(NOTE);
  });

  it("buildSite: miss, then hit, with the same diagnostics as buildCache: false", async () => {
    const lib = copyFederation();
    const target = path.join(lib, "federation.yaml");
    const options = (out: string, more: Partial<BuildSiteOptions> = {}): BuildSiteOptions => ({ out, nowMs: NOW_MS, cwd: lib, ...more });
    const [a, b, c] = [newOut(), newOut(), newOut()];
    const miss = await buildSite(target, options(a));
    const hit = await buildSite(target, options(b));
    const off = await buildSite(target, options(c, { buildCache: false }));
    expect([miss.cache, hit.cache, off.cache]).toEqual(["miss", "hit", "off"]);
    expect([miss.cacheProblem, hit.cacheProblem, off.cacheProblem]).toEqual([null, null, null]);
    expect(miss.diagnostics.length).toBeGreaterThan(0);
    expect(hit.diagnostics).toStrictEqual(miss.diagnostics);
    expect(off.diagnostics).toStrictEqual(miss.diagnostics);
    expect([hit.pages, hit.sites, hit.name]).toEqual([miss.pages, miss.sites, miss.name]);
    expect(readTree(b)).toEqual(readTree(a));
    expect(readTree(c)).toEqual(readTree(a));
  });
});

describe("an edited source is a miss, and the output shows the edit", () => {
  let fed: string;
  let yaml: string;
  let cf: string;
  const lib = async (profile: DocsOptions["profile"] = "public") => {
    const out = newOut();
    const result = await buildSite(yaml, { out, nowMs: NOW_MS, cwd: fed, profile });
    return { result, out, page: (rel: string) => read(path.join(out, rel)) };
  };
  const finding = (diagnostics: { ruleId: string; file: string }[], ruleId: string, file: string) =>
    diagnostics.filter((d) => d.ruleId === ruleId && d.file === file);

  beforeAll(() => {
    fed = copyFederation();
    yaml = path.join(fed, "federation.yaml");
    cf = path.join(fed, "cf");
  });

  it("unchanged sources are a hit (so the misses below come from the edits)", async () => {
    expect((await lib()).result.cache).toBe("miss");
    expect((await lib()).result.cache).toBe("hit");
  });

  it("a device renamed in cf/docs/devices.md", async () => {
    const file = path.join(cf, "docs/devices.md");
    writeFileSync(file, read(file).replace("| cfups\t|", "| cfbattery\t|"));
    const { result, page } = await lib();
    expect(result.cache).toBe("miss");
    expect(page("docs/sites/cf/devices.md")).toContain("| cfbattery | other |");
    expect(page("docs/sites/cf/devices.md")).not.toContain("cfups");
    expect(page("docs/inventory.md")).toContain("| [cf](sites/cf/devices.md) | cfbattery | other |");
    expect((await lib()).result.cache).toBe("hit");
  });

  it("cf/site.yaml's name", async () => {
    const file = path.join(cf, "site.yaml");
    writeFileSync(file, read(file).replace('name: "Cedar Falls"', 'name: "Cedar Valley"'));
    const { result, page } = await lib();
    expect(result.cache).toBe("miss");
    expect(page("docs/sites/cf/index.md").split("\n")[0]).toBe("# Cedar Valley (cf)");
  });

  it("federation.yaml's name", async () => {
    writeFileSync(yaml, read(yaml).replace("name: 2cld\n", "name: 3cld\n"));
    const { result, page } = await lib();
    expect(result.cache).toBe("miss");
    expect(result.name).toBe("3cld");
    expect(page("docs/index.md").split("\n")[0]).toBe("# 3cld");
  });

  it("a new cf/docs/notes.md with a password: sensitive/secret, exit 1 (CLI)", () => {
    writeFileSync(path.join(cf, "docs/notes.md"), "# Notes\n\npassword: hunter2\n");
    const out = newOut();
    const result = build(yaml, out);
    expect(result.stderr).not.toContain(NOTE);
    expect(result.stderr).toContain("netstack: 1 rule error(s), listed on the index page; `netstack check` shows them\n");
    expect(result.code).toBe(1);
    const index = read(path.join(out, "docs/index.md"));
    expect(index).toContain("sensitive/secret");
    expect(index).toContain("cf/docs/notes.md");
    expect(index).not.toContain("No errors: every rule passes.");
    // The error is kept with the entry: the hit that follows reports it too.
    const again = build(yaml, newOut());
    expect(again.stderr).toContain(NOTE);
    expect(again.code).toBe(1);
    rmSync(path.join(cf, "docs/notes.md"));
  });

  it("cf/ops/monitor removed: site/structure", async () => {
    const before = (await lib()).result;
    expect(before.cache).toBe("miss"); // notes.md is gone
    expect(finding(before.diagnostics, "site/structure", path.join(cf, "site.yaml"))).toEqual([]);
    rmSync(path.join(cf, "ops/monitor"), { recursive: true });
    const { result } = await lib();
    expect(result.cache).toBe("miss");
    const structure = result.diagnostics.filter((d) => d.ruleId === "site/structure");
    expect(structure).toHaveLength(1);
    console.log(JSON.stringify(structure));expect(structure[0]!.severity).toBe("warn");
    expect(structure[0]!.message).toContain("ops/monitor");
    expect(structure[0]!.file.startsWith(cf + path.sep)).toBe(true);
  });

  it("a line removed from cf/.gitignore: sensitive/gitignore", async () => {
    const file = path.join(cf, ".gitignore");
    writeFileSync(file, read(file).replace("docs/log/\n", ""));
    const { result, page } = await lib();
    expect(result.cache).toBe("miss");
    const found = finding(result.diagnostics, "sensitive/gitignore", file);console.log(JSON.stringify(found));
    expect(found).toHaveLength(1);
    expect((found[0] as { severity: string; message: string }).severity).toBe("error");
    expect((found[0] as { message: string }).message).toContain("docs/log/");
    expect(page("docs/index.md")).toContain("sensitive/gitignore");
  });

  it("private profile: cf/ops/sensitive/*.yaml edited changes the private devices page; the public build stays a hit", async () => {
    expect((await lib("private")).result.cache).toBe("miss");
    expect((await lib("private")).result.cache).toBe("hit");
    const file = path.join(cf, "ops/sensitive/credentials.yaml");
    writeFileSync(file, `${read(file)}devices:\n  cfnas:\n    ip: 192.168.9.77\n`);
    const first = await lib("private");
    expect(first.result.cache).toBe("miss");
    expect(first.page("docs/sites/cf/devices.md")).toMatch(/\| cfnas \| storage \| sg \| 192\.168\.9\.77 \|/);
    writeFileSync(file, read(file).replace("192.168.9.77", "192.168.9.78"));
    const second = await lib("private");
    expect(second.result.cache).toBe("miss");
    expect(second.page("docs/sites/cf/devices.md")).toMatch(/\| cfnas \| storage \| sg \| 192\.168\.9\.78 \|/);
    // ops/sensitive is no input of a public build.
    expect((await lib("public")).result.cache).toBe("hit");
  });
});
