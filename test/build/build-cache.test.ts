import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheKey } from "../../src/emit/build-cache.js";
import { buildSite, type BuildSiteOptions } from "../../src/emit/mkdocs/index.js";
import type { DocsOptions } from "../../src/emit/mkdocs/prepare.js";
import { locateTarget } from "../../src/federation/load.js";
import { binPath, cleanTempDirs, netstack, tempDir, type CliResult } from "../foundation/helpers.js";
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

/** `netstack build` at NOW, unless `extra` names its own --now. */
function build(target: string, out: string, extra: string[] = []): CliResult {
  return netstack(["build", target, "--out", out, ...(extra.includes("--now") ? [] : ["--now", NOW]), ...extra]);
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
  expectSameTree(out, fresh);
}

/**
 * Both trees hold the same files with the same bytes. (toEqual on two Maps of Buffers walks
 * mermaid.min.js byte by byte: seconds per comparison.) A difference names the files and shows
 * a text file's two versions.
 */
function expectSameTree(actualDir: string, expectedDir: string): void {
  const actual = readTree(actualDir);
  const expected = readTree(expectedDir);
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  const differ = [...expected].filter(([rel, bytes]) => !actual.get(rel)!.equals(bytes)).map(([rel]) => rel);
  if (differ.length) expect({ [differ[0]!]: actual.get(differ[0]!)!.toString("utf8") }).toEqual({ [differ[0]!]: expected.get(differ[0]!)!.toString("utf8") });
  expect(differ).toEqual([]);
  expect(actual.size).toBeGreaterThan(0);
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
    expect(miss.stderr).toBe(`netstack: built 18 pages of 3 site(s) into ${first} (24 written, 0 unchanged)\n`);
    expect(miss.code).toBe(0);
    expect(readFileSync(path.join(fed, CACHE, ".gitignore"), "utf8")).toBe("*\n");
    expect(slots(path.join(fed, CACHE))).toHaveLength(1);

    const second = newOut();
    const hit = build(yaml, second);
    expect(hit.stderr).toBe(`netstack: built 18 pages of 3 site(s) into ${second} (24 written, 0 unchanged${NOTE})\n`);
    expect(hit.code).toBe(0);
    expectSameTree(second, first);
    expectSameAsNoCache(yaml, hit, second);
    // On one file system the cache keeps the output's files by hard link, not by copy.
    const kept = path.join(path.dirname(entryFile(path.join(fed, CACHE))), "files/docs/inventory.json");
    if (statSync(first).dev === statSync(fed).dev) expect(statSync(kept).ino).toBe(statSync(path.join(first, "docs/inventory.json")).ino);
  });

  it("a miss, then a rebuild into the same --out: every file unchanged, the kept ones one file with the cache's", () => {
    rmSync(path.join(fed, CACHE), { recursive: true, force: true });
    const out = newOut();
    expect(build(yaml, out).stderr).toBe(`netstack: built 18 pages of 3 site(s) into ${out} (24 written, 0 unchanged)\n`);
    const again = build(yaml, out);
    expect(again.stderr).toBe(`netstack: built 18 pages of 3 site(s) into ${out} (0 written, 24 unchanged${NOTE})\n`);
    const kept = path.join(path.dirname(entryFile(path.join(fed, CACHE))), "files/docs/inventory.json");
    if (statSync(out).dev === statSync(fed).dev) expect(statSync(kept).ino).toBe(statSync(path.join(out, "docs/inventory.json")).ino);
  });

  it("federation, private profile: never cached (its pages hold ops/sensitive values), equal to a --no-cache build", () => {
    for (let i = 0; i < 2; i++) {
      const out = newOut();
      const result = build(yaml, out, ["--profile", "private"]);
      expect(result.stderr).toBe(`netstack: built 18 pages of 3 site(s) into ${out} (24 written, 0 unchanged)\n`);
      // Private pages hold the addresses the public ones drop.
      expect(read(path.join(out, "docs/sites/cf/devices.md"))).toContain("192.168.9.10");
      expectSameAsNoCache(yaml, result, out, ["--profile", "private"]);
    }
    // Only the public build's slot.
    expect(slots(path.join(fed, CACHE))).toHaveLength(1);
    expect(spawnSync("grep", ["-rl", "192.168.9.10", path.join(fed, CACHE)], { encoding: "utf8" }).stdout).toBe("");
  });

  it("a lone site: the cache is in the site, the hit equals a --no-cache build", () => {
    const site = path.join(fed, "cf");
    const first = newOut();
    const miss = build(site, first);
    expect(miss.stderr).toBe(`netstack: built 5 pages of 1 site(s) into ${first} (9 written, 0 unchanged)\n`);
    expect(miss.code).toBe(0);
    expect(slots(path.join(site, CACHE))).toHaveLength(1);
    expect(read(path.join(site, CACHE, "CACHEDIR.TAG")).startsWith(SIGNATURE)).toBe(true);

    const second = newOut();
    const hit = build(site, second);
    expect(hit.stderr).toBe(`netstack: built 5 pages of 1 site(s) into ${second} (9 written, 0 unchanged${NOTE})\n`);
    expect(hit.code).toBe(0);
    expectSameTree(second, first);
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
    expectSameTree(b, a);
    expectSameTree(c, a);
  });
});

describe("builds of one target at once", () => {
  it("four concurrent builds: all complete without a warning, each equal to a --no-cache build; then a hit", async () => {
    const fed = copyFederation();
    const yaml = path.join(fed, "federation.yaml");
    const outs = [newOut(), newOut(), newOut(), newOut()];
    const results = await Promise.all(
      outs.map(
        (out) =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const child = spawn(process.execPath, [binPath, "build", yaml, "--out", out, "--now", NOW], { env: { ...process.env, NO_COLOR: "1" } });
            let stderr = "";
            child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
            child.on("close", (code) => resolve({ code, stderr }));
          }),
      ),
    );
    const reference = newOut();
    expect(build(yaml, reference, ["--no-cache"]).code).toBe(0);
    for (const [i, result] of results.entries()) {
      expect(result.code).toBe(0);
      expect(result.stderr).not.toContain("warning");
      expectSameTree(outs[i]!, reference);
    }
    expect(slots(path.join(fed, CACHE))).toHaveLength(1);
    expect(readdirSync(path.join(fed, CACHE)).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
    expect(build(yaml, newOut()).stderr).toContain(NOTE);
  });
});

describe("sites that cannot be had", () => {
  it("a site whose directory is missing: still kept, and a hit reports it as a --no-cache build does", () => {
    const fed = copyFederation();
    const yaml = path.join(fed, "federation.yaml");
    rmSync(path.join(fed, "sl"), { recursive: true });
    const miss = build(yaml, newOut());
    expect(miss.stderr).not.toContain(NOTE);
    expect(miss.code).toBe(1);
    const out = newOut();
    const hit = build(yaml, out);
    expect(hit.stderr).toBe(`netstack: built 13 pages of 2 site(s) into ${out} (19 written, 0 unchanged${NOTE})\nnetstack: 1 rule error(s), listed on the index page; \`netstack check\` shows them\n`);
    expect(readFileSync(path.join(out, "docs/index.md"), "utf8")).toContain("Site sl: no site directory at sl");
    expectSameAsNoCache(yaml, hit, out);
  });

  it("a site with a file the parser refuses: never kept, every build from the sources", () => {
    const fed = copyFederation();
    const yaml = path.join(fed, "federation.yaml");
    writeFileSync(path.join(fed, "wf/docs/notes.md"), `${">".repeat(200)} x\n`);
    for (let i = 0; i < 2; i++) {
      const result = build(yaml, newOut());
      expect(result.stderr).not.toContain(NOTE);
      expect(result.code).toBe(1);
    }
    expect(existsSync(path.join(fed, CACHE))).toBe(false);
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

  it("a new cf/site-config.yml, then an edit of it", async () => {
    const file = path.join(cf, "site-config.yml");
    writeFileSync(file, "devices:\n  - hostname: cfsensor\n    type: iot\n");
    const { result, page } = await lib();
    expect(result.cache).toBe("miss");
    expect(page("docs/sites/cf/devices.md")).toContain("## Devices from site-config.yml\n\n| Name | Type | Status |\n|---|---|---|\n| cfsensor | iot | active |\n");
    expect((await lib()).result.cache).toBe("hit");
    writeFileSync(file, "devices:\n  - hostname: cfsensor2\n    type: iot\n");
    const edited = await lib();
    expect(edited.result.cache).toBe("miss");
    expect(edited.page("docs/sites/cf/devices.md")).toContain("| cfsensor2 | iot | active |");
    rmSync(file);
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
    expect(page("docs/index.md").split("\n").find((line) => line.startsWith("# "))).toBe("# 3cld");
  });

  it("a new cf/docs/notes.md with a password: sensitive/secret, exit 1 (CLI)", () => {
    writeFileSync(path.join(cf, "docs/notes.md"), "# Notes\n\npassword: hunter2\n");
    const out = newOut();
    const result = build(yaml, out);
    expect(result.stderr).not.toContain(NOTE);
    expect(result.stderr).toContain("netstack: 1 rule error(s), listed on the index page; `netstack check` shows them\n");
    expect(result.code).toBe(1);
    const index = read(path.join(out, "docs/index.md"));
    expect(index).toContain(
      "| cf/docs/notes.md:3:11 | sensitive/secret | A password written out (hu…2); keep it in ops/sensitive/ and write where it lives, not what it is |\n",
    );
    // The error is kept with the entry: the hit that follows reports it too.
    const again = build(yaml, newOut());
    expect(again.stderr).toContain(NOTE);
    expect(again.code).toBe(1);
    rmSync(path.join(cf, "docs/notes.md"));
  });

  it("cf/ops/monitor removed: site/structure", async () => {
    const before = (await lib()).result;
    expect(before.cache).toBe("miss"); // notes.md is gone
    expect(before.diagnostics.filter((d) => d.ruleId === "site/structure")).toEqual([]);
    rmSync(path.join(cf, "ops/monitor"), { recursive: true });
    const { result } = await lib();
    expect(result.cache).toBe("miss");
    expect(result.diagnostics.filter((d) => d.ruleId === "site/structure")).toStrictEqual([
      { file: path.join(cf, "ops/monitor"), line: 1, column: 1, ruleId: "site/structure", severity: "warn", message: "Missing directory ops/monitor/ of the site layout" },
    ]);
  });

  it("a line removed from cf/.gitignore: sensitive/gitignore", async () => {
    const file = path.join(cf, ".gitignore");
    writeFileSync(file, read(file).replace("docs/log/\n", ""));
    const { result, page } = await lib();
    expect(result.cache).toBe("miss");
    expect(finding(result.diagnostics, "sensitive/gitignore", file)).toStrictEqual([
      {
        file,
        line: 1,
        column: 1,
        ruleId: "sensitive/gitignore",
        severity: "error",
        message: '.gitignore lacks "docs/log/" of the standard block',
        fix: { edits: [{ start: 94, end: 94, text: "docs/log/\n" }] },
      },
    ]);
    expect(page("docs/index.md")).toContain("sensitive/gitignore");
  });

  it("private profile: never cached, so an ops/sensitive edit shows at once; the public build stays a hit", async () => {
    expect((await lib("private")).result.cache).toBe("off");
    const file = path.join(cf, "ops/sensitive/credentials.yaml");
    writeFileSync(file, `${read(file)}devices:\n  cfnas:\n    ip: 192.168.9.77\n`);
    const first = await lib("private");
    expect(first.result.cache).toBe("off");
    expect(first.page("docs/sites/cf/devices.md")).toMatch(/\| cfnas \| storage \| sg \| 192\.168\.9\.77 \|/);
    // ops/sensitive is no input of a public build.
    await lib("public");
    expect((await lib("public")).result.cache).toBe("hit");
    writeFileSync(file, read(file).replace("192.168.9.77", "192.168.9.78"));
    expect((await lib("public")).result.cache).toBe("hit");
  });
});

describe("what a hit makes again: backup state, monitor output, the time", () => {
  let fed: string;
  let yaml: string;
  const state = (fedDir: string, code: string) => path.join(fedDir, code, "ops/backup/.backup-state");
  /** A hit by the CLI, equal to a --no-cache build; returns the hit's output dir. */
  const hitEqualsNoCache = (extra: string[] = []): string => {
    const out = newOut();
    const hit = build(yaml, out, extra);
    expect(hit.stderr).toContain(NOTE);
    expectSameAsNoCache(yaml, hit, out, extra);
    return out;
  };
  const stale = (code: string, message: string) => ({ file: state(fed, code), line: 1, column: 1, ruleId: "status/stale-backup", severity: "warn", message });
  /** Diagnostics of a library hit (the second call is one whoever wrote the cache) and of buildCache: false. */
  const diagnostics = async () => {
    await buildSite(yaml, { out: newOut(), nowMs: NOW_MS, cwd: fed });
    const hit = await buildSite(yaml, { out: newOut(), nowMs: NOW_MS, cwd: fed });
    const off = await buildSite(yaml, { out: newOut(), nowMs: NOW_MS, cwd: fed, buildCache: false });
    expect(hit.cache).toBe("hit");
    expect(hit.diagnostics).toStrictEqual(off.diagnostics);
    return hit.diagnostics.filter((d) => d.ruleId === "status/stale-backup");
  };

  beforeAll(() => {
    fed = copyFederation();
    yaml = path.join(fed, "federation.yaml");
    const first = build(yaml, newOut());
    expect(first.stderr).not.toContain(NOTE);
  });

  it("wf's .backup-state made old: a hit, with the new state on the status pages and a status/stale-backup warning", async () => {
    writeFileSync(state(fed, "wf"), '{ "last_run": "2026-05-10T02:00:00Z", "status": "success", "items_backed_up": 2, "target": "offsite-3" }\n');
    const out = hitEqualsNoCache();
    expect(read(path.join(out, "docs/sites/wf/status.md"))).toContain("\n    --- BACKUP: ⚠️ STALE — last run 7 days ago ---\n");
    expect(read(path.join(out, "docs/index.md"))).toContain("| [wf](sites/wf/status.md) | --- BACKUP: ⚠️ STALE — last run 7 days ago --- |");
    expect(await diagnostics()).toStrictEqual([stale("wf", "Backup of wf: last run 7 days ago, older than maxAge 24h")]);
  });

  it("wf's .backup-state made failed, then fresh: the warning follows it", async () => {
    writeFileSync(state(fed, "wf"), '{ "last_run": "2026-05-17T10:00:00Z", "status": "failed", "items_backed_up": 0, "target": "offsite-3" }\n');
    let out = hitEqualsNoCache();
    expect(read(path.join(out, "docs/index.md"))).toContain("| [wf](sites/wf/status.md) | --- BACKUP: ⚠️ FAILED — last run 2h ago, failed, 0 items to offsite-3 --- |");
    expect(await diagnostics()).toStrictEqual([stale("wf", 'Backup of wf: last run 2h ago, the backup reports "failed"')]);

    writeFileSync(state(fed, "wf"), '{ "last_run": "2026-05-17T10:00:00Z", "status": "success", "items_backed_up": 2, "target": "offsite-3" }\n');
    out = hitEqualsNoCache();
    expect(read(path.join(out, "docs/sites/wf/status.md"))).toContain("\n    --- BACKUP: last run 2h ago, success, 2 items to offsite-3 ---\n");
    expect(read(path.join(out, "docs/index.md"))).toContain("| [wf](sites/wf/index.md) | Winfield | failover | 18 | 9 | 2h ago · ok | 0 |");
    expect(await diagnostics()).toEqual([]);
  });

  it("monitor output (ops/monitor/*.log) appears on a hit", () => {
    writeFileSync(path.join(fed, "cf/ops/monitor/check-services.log"), "cfnas ok\ncf-ha DOWN since 11:02\n");
    const out = hitEqualsNoCache();
    expect(read(path.join(out, "docs/sites/cf/status.md"))).toContain("cf-ha DOWN since 11:02");
  });

  it("another --now on a hit moves the status pages' time as a --no-cache build does", () => {
    const out = hitEqualsNoCache(["--now", "2026-05-19T12:00:00Z"]);
    const index = read(path.join(out, "docs/index.md"));
    expect(index).toContain("As of 2026-05-19T12:00:00.000Z; a backup older than 24h is stale.");
    expect(index).toContain("| [cf](sites/cf/status.md) | --- BACKUP: ⚠️ STALE — last run 2 days ago --- |");
    expect(read(path.join(out, "docs/sites/sl/status.md"))).toContain("As of 2026-05-19T12:00:00.000Z;");
  });
});

describe("the cache is safe to delete, and a damaged one is a miss", () => {
  let fed: string;
  let yaml: string;
  let cache: string;
  let reference: string;
  let referenceCode: number | null;
  beforeAll(() => {
    fed = copyFederation();
    yaml = path.join(fed, "federation.yaml");
    cache = path.join(fed, CACHE);
    reference = newOut();
    const first = build(yaml, reference);
    expect(first.stderr).not.toContain(NOTE);
    referenceCode = first.code;
    expect(referenceCode).toBe(0);
  });
  const missEqualsReference = () => {
    const out = newOut();
    const result = build(yaml, out);
    expect(result.stderr).toBe(`netstack: built 18 pages of 3 site(s) into ${out} (24 written, 0 unchanged)\n`);
    expect(result.code).toBe(referenceCode);
    expectSameTree(out, reference);
  };
  const nextIsHit = () => expect(build(yaml, newOut()).stderr).toContain(NOTE);

  it("rm -rf .netstack-cache: a miss with the same output, and the cache is made again", () => {
    nextIsHit();
    rmSync(cache, { recursive: true });
    missEqualsReference();
    expect(readdirSync(cache).filter((n) => !n.startsWith("build-")).sort()).toEqual([".gitignore", "CACHEDIR.TAG"]);
    expect(slots(cache)).toHaveLength(1);
    nextIsHit();
  });

  it("entry.json replaced by garbage: a miss, and the entry is written again", () => {
    const entry = entryFile(cache);
    writeFileSync(entry, Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x9c, 0x0a]));
    missEqualsReference();
    const written = JSON.parse(read(entryFile(cache))) as { format: number; key: string; stable: string[] };
    expect(written.format).toBe(3);
    expect(written.key).toMatch(/^[0-9a-f]{64}$/);
    expect(written.stable).toContain("docs/sites/cf/devices.md");
    nextIsHit();
  });

  it("entry.json of another format or key: a miss", () => {
    const entry = entryFile(cache);
    const kept = JSON.parse(read(entry)) as { format: number; key: string };
    writeFileSync(entry, JSON.stringify({ ...kept, format: 0 }));
    missEqualsReference();
    writeFileSync(entry, JSON.stringify({ ...kept, key: "0".repeat(64) }));
    missEqualsReference();
    nextIsHit();
  });

  it("one file under files/ deleted: a miss", () => {
    unlinkSync(path.join(path.dirname(entryFile(cache)), "files/docs/backup.md"));
    missEqualsReference();
    nextIsHit();
  });

  it("one file under files/ truncated: a miss", () => {
    const file = path.join(path.dirname(entryFile(cache)), "files/docs/inventory.json");
    truncateSync(file, 100);
    missEqualsReference();
    nextIsHit();
    expect(statSync(file).size).toBe(statSync(path.join(reference, "docs/inventory.json")).size);
  });

  it("a hit takes the kept files by hard link, and a cache copied back (as CI restores one) is still a hit, checked by hash", () => {
    const out = newOut();
    expect(build(yaml, out).stderr).toContain(NOTE);
    const slot = path.dirname(entryFile(cache));
    const kept = path.join(slot, "files/docs/inventory.json");
    if (statSync(out).dev === statSync(fed).dev) expect(statSync(path.join(out, "docs/inventory.json")).ino).toBe(statSync(kept).ino);
    expectSameTree(out, reference);
    // New inodes for every file, timestamps kept: no stamp matches, every hash does.
    const restored = `${cache}-restored`;
    cpSync(cache, restored, { recursive: true, preserveTimestamps: true });
    rmSync(cache, { recursive: true });
    renameSync(restored, cache);
    expect(statSync(kept).ino).not.toBe(statSync(path.join(out, "docs/inventory.json")).ino);
    const again = newOut();
    expect(build(yaml, again).stderr).toContain(NOTE);
    expectSameTree(again, reference);
    // The same, with one file garbled at its size and its time put back: the hash finds it.
    const page = path.join(slot, "files/docs/backup.md");
    const before = statSync(page);
    const bytes = readFileSync(page);
    bytes[10] = bytes[10] === 0x41 ? 0x42 : 0x41;
    cpSync(cache, restored, { recursive: true, preserveTimestamps: true });
    writeFileSync(path.join(restored, path.relative(cache, page)), bytes);
    utimesSync(path.join(restored, path.relative(cache, page)), before.atime, before.mtime);
    rmSync(cache, { recursive: true });
    renameSync(restored, cache);
    missEqualsReference();
    nextIsHit();
  });

  it("a slot unused for over 30 days is removed when another entry is written; a recent one is kept", () => {
    const current = path.dirname(entryFile(cache));
    const old = path.join(cache, "build-0000000000000000");
    const recent = path.join(cache, "build-1111111111111111");
    for (const dir of [old, recent]) {
      mkdirSync(dir);
      writeFileSync(path.join(dir, "entry.json"), "{}");
    }
    const longAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    utimesSync(path.join(old, "entry.json"), longAgo, longAgo);
    rmSync(current, { recursive: true });
    missEqualsReference();
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    rmSync(recent, { recursive: true });
    nextIsHit();
  });

  it("--no-cache makes no .netstack-cache anywhere", () => {
    const other = copyFederation();
    const out = newOut();
    const result = build(path.join(other, "federation.yaml"), out, ["--no-cache"]);
    expect(result.code).toBe(referenceCode);
    expectSameTree(out, reference);
    const found = spawnSync("find", [other, "-name", CACHE], { encoding: "utf8" }).stdout;
    expect(found).toBe("");
    const site = newOut();
    expect(build(path.join(other, "cf"), site, ["--no-cache"]).code).toBe(0);
    expect(spawnSync("find", [other, "-name", CACHE], { encoding: "utf8" }).stdout).toBe("");
  });

  it("a regular file named .netstack-cache: the build completes, with one warning line", () => {
    rmSync(cache, { recursive: true });
    writeFileSync(cache, "not a directory\n");
    const listing = readdirSync(fed).sort();
    const out = newOut();
    const result = build(yaml, out);
    expect(result.stderr).toBe(
      `netstack: built 18 pages of 3 site(s) into ${out} (24 written, 0 unchanged)\n` +
        "netstack: warning: build cache not written (EEXIST); the build itself is complete\n",
    );
    expect(result.code).toBe(referenceCode);
    expectSameTree(out, reference);
    expect(read(cache)).toBe("not a directory\n");
    expect(readdirSync(fed).sort()).toEqual(listing);
    expect(readdirSync(path.dirname(out))).toEqual([path.basename(out)]);
    rmSync(cache);
  });
});

describe("the cache never shows in git", () => {
  /** Runs git in `repo`, expecting success; returns stdout. */
  const gitIn = (repo: string) => (...args: string[]) => {
    const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", ...args], { cwd: repo, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  const commitAll = (git: ReturnType<typeof gitIn>) => {
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "sources");
  };

  it("a federation repo: git status is clean after two builds; CACHEDIR.TAG", () => {
    const repo = copyFederation();
    const git = gitIn(repo);
    commitAll(git);
    const yaml = path.join(repo, "federation.yaml");
    expect(build(yaml, newOut()).stderr).not.toContain(NOTE);
    expect(build(yaml, newOut()).stderr).toContain(NOTE);
    expect(git("status", "--porcelain", "--untracked-files=all")).toBe("");
    // Ignored by its own .gitignore, not by anything of the repo's.
    expect(git("check-ignore", "-v", `${CACHE}/CACHEDIR.TAG`)).toBe(`${CACHE}/.gitignore:1:*\t${CACHE}/CACHEDIR.TAG\n`);
    expect(read(path.join(repo, CACHE, "CACHEDIR.TAG")).startsWith(`${SIGNATURE}\n`)).toBe(true);
    expect(read(path.join(repo, CACHE, ".gitignore"))).toBe("*\n");
  });

  it("a lone site's repo (the cache in the site): clean, and a newly tracked secret file shows on a hit", () => {
    const root = path.join(copyFederation(), "cf");
    const git = gitIn(root);
    commitAll(git);
    expect(build(root, newOut()).stderr).not.toContain(NOTE);
    expect(build(root, newOut()).stderr).toContain(NOTE);
    expect(git("status", "--porcelain", "--untracked-files=all")).toBe("");
    expect(git("check-ignore", "-v", `${CACHE}/entry.json`)).toBe(`${CACHE}/.gitignore:1:*\t${CACHE}/entry.json\n`);

    // sensitive/tracked reads git's index, not the sources: a hit reports it, as --no-cache does.
    git("add", "-f", "ops/sensitive/credentials.yaml");
    const out = newOut();
    const hit = build(root, out);
    expect(hit.stderr).toContain(NOTE);
    expect(hit.code).toBe(1);
    expect(hit.stderr).toContain("netstack: 1 rule error(s), listed on the index page; `netstack check` shows them\n");
    expect(read(path.join(out, "docs/index.md"))).toContain(
      '| ops/sensitive/credentials.yaml:1:1 | sensitive/tracked | git tracks ops/sensitive/credentials.yaml; untrack it with "git rm --cached ops/sensitive/credentials.yaml" and rotate what it held |\n',
    );
    expectSameAsNoCache(root, hit, out);
  });
});

describe("cacheKey", () => {
  it("is the same for the same inputs, and differs by profile, theme, layout and content, not by mtime or time", async () => {
    const fed = copyFederation();
    const yaml = path.join(fed, "federation.yaml");
    const located = await locateTarget(yaml, fed);
    const base: DocsOptions = { profile: "public", nowMs: NOW_MS, theme: "material", layout: "federation" };
    const key = (options: Partial<DocsOptions> = {}) => cacheKey(located, { ...base, ...options });
    const k0 = key();
    expect(k0).toMatch(/^[0-9a-f]{64}$/);
    expect(key()).toBe(k0);
    expect(cacheKey(await locateTarget(yaml, fed), base)).toBe(k0);
    expect(key({ nowMs: NOW_MS + 86_400_000 })).toBe(k0);
    const variants = [key({ profile: "private" }), key({ theme: "mkdocs" }), key({ layout: "site" })];
    expect(new Set([k0, ...variants]).size).toBe(4);
    const kPrivate = variants[0];

    const devices = path.join(fed, "cf/docs/devices.md");
    const past = new Date("2001-02-03T04:05:06Z");
    for (const file of [devices, path.join(fed, "cf/site.yaml"), yaml]) utimesSync(file, past, past);
    expect(key()).toBe(k0);
    expect(key({ profile: "private" })).toBe(kPrivate);

    // ops/sensitive is no input: private builds, which read it, are never cached.
    writeFileSync(path.join(fed, "cf/ops/sensitive/hosts.yaml"), "cfnas: 192.168.9.77\n");
    expect(key()).toBe(k0);

    // A new Markdown file anywhere in the site is an input; one in .netstack-cache is not.
    mkdirSync(path.join(fed, "cf", CACHE, "build-x/files/docs"), { recursive: true });
    writeFileSync(path.join(fed, "cf", CACHE, "build-x/files/docs/index.md"), "# x\n");
    expect(key()).toBe(k0);
    writeFileSync(path.join(fed, "cf/ops/backup/notes.md"), "# Notes\n");
    const kNotes = key();
    expect(kNotes).not.toBe(k0);

    writeFileSync(devices, `${read(devices)}\n`);
    expect(key()).not.toBe(kNotes);
  });
});

describe("leftover temp dirs of killed cache writes", () => {
  it("a dead pid's .tmp- dir is removed on the next write; a live one's is kept", async () => {
    const fed = copyFederation();
    const yaml = path.join(fed, "federation.yaml");
    const cache = path.join(fed, CACHE);
    const child = spawnSync(process.execPath, ["-e", ""]);
    const dead = child.pid!;
    expect(child.status).toBe(0);
    const leftovers = [`.tmp-${dead}-x`, `.tmp-${process.pid}-y`, `.tmp-${process.ppid}-z`];
    for (const name of leftovers) {
      mkdirSync(path.join(cache, name, "files/docs"), { recursive: true });
      writeFileSync(path.join(cache, name, "files/docs/index.md"), "# half written\n");
    }
    const result = await buildSite(yaml, { out: newOut(), nowMs: NOW_MS, cwd: fed });
    expect(result.cache).toBe("miss");
    expect(result.cacheProblem).toBe(null);
    expect(readdirSync(cache).filter((n) => n.startsWith(".tmp-")).sort()).toEqual(leftovers.slice(1).sort());

    // From the CLI (another pid): the test's own pid is alive, so its dir stays.
    mkdirSync(path.join(cache, `.tmp-${dead}-w`));
    rmSync(path.join(cache, slots(cache)[0]!), { recursive: true });
    const cli = build(yaml, newOut());
    expect(cli.stderr).not.toContain(NOTE);
    expect(readdirSync(cache).filter((n) => n.startsWith(".tmp-")).sort()).toEqual(leftovers.slice(1).sort());
    // Nothing but the leftovers of live pids: the write's own temp dir became the slot.
    expect(readdirSync(cache).filter((n) => !n.startsWith(".tmp-")).length).toBe(3);
  });
});
