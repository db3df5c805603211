import { existsSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadFederation, loadTarget } from "../../src/federation/load.js";
import { defaultCacheDir, repoCachePath } from "../../src/federation/repo-cache.js";
import { cleanTempDirs, netstack, repoRoot, tempDir, writeFiles } from "../foundation/helpers.js";
import { git, makeFederation, makeSiteRepo, table } from "./helpers.js";

afterAll(cleanTempDirs);

const devices = (...names: string[]) => ({ "docs/devices.md": table(["name"], names.map((n) => [n])) });

describe("loadFederation", () => {
  it("loads the example federation's sites by path, in federation.yaml order", async () => {
    const federation = await loadFederation(path.join(repoRoot, "fixtures/federation/federation.yaml"));
    expect(federation.diagnostics).toEqual([]);
    expect(federation.name).toBe("2cld");
    expect(federation.sites.map((s) => s.config.code)).toEqual(["cf", "sl", "wf"]);
    expect(federation.entries.map((e) => [e.code, e.line, e.column])).toEqual([
      ["cf", 11, 5],
      ["sl", 15, 5],
      ["wf", 19, 5],
    ]);
  });

  it("clones a repo site with git into the cache, fetches it again, and uses it as is offline", async () => {
    const repo = makeSiteRepo("sl", devices("slnas"));
    const cache = tempDir();
    const { file } = makeFederation([{ code: "cf", files: devices("cfnas") }]);
    writeFileSync(file, `name: fed\nsites:\n  - { code: cf, name: CF, path: cf }\n  - { code: sl, name: SL, repo: ${JSON.stringify(repo)} }\n`);

    const first = await loadFederation(file, { cache });
    expect(first.diagnostics).toEqual([]);
    const clone = repoCachePath(cache, "sl", repo);
    expect(first.sites.map((s) => [s.config.code, s.root])).toEqual([
      ["cf", path.join(path.dirname(file), "cf")],
      ["sl", clone],
    ]);
    expect(first.sites[1]!.devices.map((d) => d.record.name)).toEqual(["slnas"]);
    expect(readdirSync(cache)).toEqual([path.basename(clone)]);

    // A new commit upstream: online it is fetched, offline the cache stays as it was.
    writeFiles(repo, devices("slnas", "slbak"));
    git(repo, "commit", "-q", "-am", "add slbak");
    const offline = await loadFederation(file, { cache, offline: true });
    expect(offline.sites[1]!.devices.map((d) => d.record.name)).toEqual(["slnas"]);
    const online = await loadFederation(file, { cache });
    expect(online.diagnostics).toEqual([]);
    expect(online.sites[1]!.devices.map((d) => d.record.name)).toEqual(["slnas", "slbak"]);
  });

  it("checks out a repo site's ref", async () => {
    const repo = makeSiteRepo("sl", devices("slnas"));
    git(repo, "tag", "v1");
    writeFiles(repo, devices("slnew"));
    git(repo, "commit", "-q", "-am", "later");
    const { file } = makeFederation([]);
    writeFileSync(file, `name: fed\nsites:\n  - { code: sl, name: SL, repo: ${JSON.stringify(repo)}, ref: v1 }\n`);
    const federation = await loadFederation(file, { cache: tempDir() });
    expect(federation.sites[0]!.devices.map((d) => d.record.name)).toEqual(["slnas"]);
  });

  it("reports a site that cannot be fetched or found, naming it, and still loads the others", async () => {
    const cache = tempDir();
    const missing = path.join(tempDir(), "missing.git");
    const { file } = makeFederation([{ code: "cf", files: devices("cfnas") }]);
    writeFileSync(
      file,
      [
        "name: fed",
        "sites:",
        "  - { code: cf, name: CF, path: cf }",
        `  - { code: sl, name: SL, repo: ${JSON.stringify(missing)} }`,
        "  - { code: wf, name: WF, path: ../nowhere }",
        "",
      ].join("\n"),
    );
    const federation = await loadFederation(file, { cache });
    expect(federation.sites.map((s) => s.config.code)).toEqual(["cf"]);
    expect(federation.entries.map((e) => [e.code, e.site === null])).toEqual([
      ["cf", false],
      ["sl", true],
      ["wf", true],
    ]);
    expect(federation.diagnostics.map((d) => [d.line, d.column, d.ruleId, d.severity])).toEqual([
      [4, 7, "federation/site-unavailable", "error"],
      [5, 7, "federation/site-unavailable", "error"],
    ]);
    expect(federation.diagnostics[0]!.message).toMatch(/^Site sl: cannot fetch .*missing\.git: .*does not exist/);
    expect(federation.diagnostics[1]!.message).toBe("Site wf: no site directory at ../nowhere");
    // Nothing half-written in the cache.
    expect(readdirSync(cache)).toEqual([]);

    const offline = await loadFederation(file, { cache, offline: true });
    expect(offline.diagnostics[0]!.message).toBe(`Site sl: ${missing}: not in the cache (${repoCachePath(cache, "sl", missing)}); --offline uses the cache only`);
  });

  it("uses a cached copy with a warning when the fetch fails", async () => {
    const repo = makeSiteRepo("sl", devices("slnas"));
    const cache = tempDir();
    const { file } = makeFederation([]);
    writeFileSync(file, `name: fed\nsites:\n  - { code: sl, name: SL, repo: ${JSON.stringify(repo)} }\n`);
    await loadFederation(file, { cache });
    renameSync(repo, `${repo}-moved`); // upstream is gone

    const federation = await loadFederation(file, { cache });
    expect(federation.sites.map((s) => s.config.code)).toEqual(["sl"]);
    expect(federation.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([["federation/site-unavailable", "warn"]]);
    expect(federation.diagnostics[0]!.message).toMatch(/^Site sl: cannot fetch .*; checked the cached copy$/);
  });

  it("takes a site's identity from its entry when it has no site.yaml, and reports a code that disagrees", async () => {
    const root = tempDir();
    writeFiles(root, {
      "federation.yaml": "name: fed\nsites:\n  - code: cf\n    name: Cedar Falls\n    role: primary\n    path: a\n  - code: sl\n    name: O'Fallon\n    path: b\n",
      "a/docs/devices.md": "| name |\n|---|\n| cfnas |\n",
      "b/site.yaml": "code: slx\nname: O'Fallon\n",
      "b/docs/devices.md": "| name |\n|---|\n| slnas |\n",
    });
    const federation = await loadFederation(path.join(root, "federation.yaml"));
    expect(federation.sites.map((s) => [s.config.code, s.config.name, s.config.role])).toEqual([
      ["cf", "Cedar Falls", "primary"],
      ["sl", "O'Fallon", undefined],
    ]);
    expect(federation.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      '7:5 federation/schema Site sl: its site.yaml says code "slx"',
    ]);
  });

  it("reports an unknown key and a wrong type with file, line, column, key path and did-you-mean", async () => {
    const root = tempDir();
    writeFiles(root, {
      "federation.yaml": "name: fed\nsitez:\n  - { code: cf, name: CF, path: cf }\nbackup:\n  minOffsite: two\n  tierz: {}\n",
    });
    const federation = await loadFederation(path.join(root, "federation.yaml"));
    expect(federation.diagnostics.map((d) => `${path.basename(d.file)}:${d.line}:${d.column} ${d.ruleId} ${d.message}`).sort()).toEqual([
      'federation.yaml:1:1 federation/schema "sites": Invalid input: expected array, received undefined',
      'federation.yaml:2:1 federation/schema Unknown key "sitez"; did you mean "sites"?',
      'federation.yaml:5:3 federation/schema "backup.minOffsite": Invalid input: expected number, received string',
      'federation.yaml:6:3 federation/schema Unknown key "backup.tierz"; did you mean "backup.tiers"?',
    ]);
    // The same through the CLI: exit 1, each finding at file:line:col.
    const cli = netstack(["check", path.join(root, "federation.yaml"), "--format", "json"]);
    expect(cli.code).toBe(1);
    const found = JSON.parse(cli.stdout) as { line: number; column: number; message: string }[];
    expect(found.map((d) => `${d.line}:${d.column}`)).toEqual(["1:1", "2:1", "5:3", "6:3"]);
  });

  it("reports broken YAML as one line with its position (exit 2)", () => {
    const root = tempDir();
    writeFiles(root, { "federation.yaml": "name: fed\nsites: [\n" });
    const cli = netstack(["check", path.join(root, "federation.yaml")]);
    expect(cli.code).toBe(2);
    expect(cli.stdout).toBe("");
    expect(cli.stderr).toMatch(/^netstack: .*federation\.yaml:\d+:\d+: invalid YAML: .+\n$/);
  });
});

describe("loadTarget", () => {
  it("takes federation.yaml, a directory holding one, or a site directory", async () => {
    const fixtures = path.join(repoRoot, "fixtures/federation");
    expect((await loadTarget("federation.yaml", fixtures)).sites).toHaveLength(3);
    expect((await loadTarget(".", fixtures)).sites).toHaveLength(3);
    const lone = await loadTarget("cf", fixtures);
    expect([lone.file, lone.config, lone.name, lone.sites.map((s) => s.config.code)]).toEqual([null, null, "cf", ["cf"]]);
    await expect(loadTarget("nope", fixtures)).rejects.toThrow("nope: no such file or directory");
  });

  it("defaults the cache to $XDG_CACHE_HOME/netstack, else ~/.cache/netstack", () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: "/x/cache" })).toBe("/x/cache/netstack");
    expect(defaultCacheDir({ HOME: "/home/op" }).endsWith(path.join(".cache", "netstack"))).toBe(true);
    expect(existsSync(repoRoot)).toBe(true);
  });
});
