import { execFileSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import ts from "typescript";
import { parse as parseYaml } from "yaml";
import { cleanTempDirs, repoRoot, tempDir } from "../foundation/helpers.js";
import { allText, CANARY, commitAll, expectRefusal, federationDir, HOSTILE, hostileSite, pwned, run, snapshot } from "./helpers.js";

/**
 * The hostile-input suite: one test per way a site repo (or a careless command) tried to run
 * code, wipe sources or publish the builder's files. Each ends in a refusal, a diagnostic or inert
 * output; payload commands only ever target files inside the test's temp dir (`pwned-*`), and no
 * planted value (`PLANTED`, the builder's environment, /etc/passwd) reaches any output.
 *
 * | # | input |
 * |---|---|
 * | 1 | federation.yaml `ref: "--upload-pack=…"` (second run, cached repo) |
 * | 2 | `build --out ""`, `.`, `docs`, the federation dir, a dir holding .git, a non-empty dir |
 * | 3 | a repo site commits links to /etc/passwd, /proc/self/environ and a file beside the site |
 * | 4 | federation/site names holding HTML (browser.test.ts) |
 * | 5 | raw HTML and javascript:/data: links in prose (browser.test.ts) |
 * | 6 | `.netstack/state.json` answers.code holding a newline, then `upgrade` |
 * | 7 | links to /dev/zero and FIFOs as devices.md, .backup-state and a monitor log |
 * | 8 | `repo:` to a server that accepts and never answers; `fd::17`; http:// |
 * | 9 | a notes cell `{{ lookup('pipe', …) }}` in Ansible exports (ansible.test.ts) |
 * | 10 | `git config core.fsmonitor` in a `path:` site |
 * | 11 | `"last_run": "2099-01-01T00:00:00Z"` |
 * | 12 | a 200,000-row devices.md, every IP outside the subnet |
 * | 13 | ANSI/OSC escapes in cells, .backup-state and names |
 * | 14 | cells starting `=`, `+`, `@`, `-` in csv/netbox exports |
 * | 15 | `[` nested 40,000 deep; 20,000 unknown rule ids; a 200,000-character line |
 * | 16 | a cache file garbled at the same size; entry.json of a wrong shape |
 * | 17 | `lint --fix` on a link; `.gitignore` ending `!ops/sensitive/`; `\x7f` in a name; relative `repo:` |
 */
afterAll(cleanTempDirs);

const NOW = "2026-05-18T00:00:00Z";

describe("hostile input", () => {
  it("1: a ref that git would read as an option is refused, on a fresh clone and on a cached one; nothing runs", () => {
    const origin = hostileSite(null);
    commitAll(origin);
    const cache = tempDir("netstack-hostile-cache-");
    const plain = federationDir(`name: hostile-ref\nsites:\n  - code: ts\n    name: Test Site\n    repo: ${origin}\n`);
    const first = run(plain, ["check", "federation.yaml", "--cache", cache, "--format", "json"]);
    expect((JSON.parse(first.stdout) as { ruleId: string }[]).filter((d) => d.ruleId === "federation/site-unavailable")).toEqual([]);
    const hostile = readFileSync(path.join(HOSTILE, "01-ref-option/federation.yaml"), "utf8").replace("REPO_URL", origin);
    writeFileSync(path.join(plain, "federation.yaml"), hostile);
    const fresh = tempDir("netstack-hostile-cache-");
    for (const dir of [cache, fresh]) {
      const result = run(plain, ["check", "federation.yaml", "--cache", dir, "--format", "json"]);
      expect(result.code).toBe(1);
      const found = (JSON.parse(result.stdout) as { ruleId: string; message: string }[]).filter((d) => d.ruleId === "federation/site-unavailable");
      expect(found.map((d) => d.message)).toEqual([`Site ts: cannot fetch ${origin}: ref "--upload-pack=touch pwned-1;git-upload-pack" is not a branch, tag or commit name`]);
    }
    expect([...pwned(cache), ...pwned(fresh), ...pwned(plain), ...pwned(origin)]).toEqual([]);
  });

  it("2: --out that is not netstack's own directory is refused in one line, and no source changes", () => {
    const fed = path.join(tempDir("netstack-hostile-"), "federation");
    cpSync(path.join(repoRoot, "fixtures/federation"), fed, { recursive: true, filter: (src) => path.basename(src) !== ".netstack-cache" });
    execFileSync("git", ["init", "-q"], { cwd: path.join(fed, "cf") });
    mkdirSync(path.join(fed, "notes"));
    writeFileSync(path.join(fed, "notes/todo.txt"), "mine\n");
    const before = snapshot(path.dirname(fed));
    const cases: [string, string, RegExp][] = [
      [fed, "", /--out "": an empty path names the current directory/],
      [fed, ".", /--out ".": holds .*federation\.yaml, a source of the build/],
      [path.join(fed, "cf"), "docs", /--out "docs": is inside .*cf, a source of the build/],
      [path.join(fed, "cf"), ".", /--out ".": holds site.yaml|--out ".": holds a source of the build/],
      [fed, "cf/docs", /--out "cf\/docs": is inside .*cf, a source of the build/],
      [fed, path.dirname(fed), /holds federation(\/|\\)federation\.yaml, a source of the build/],
      [fed, "notes", /--out "notes": is not empty and was not written by netstack build \(no \.netstack-output\)/],
      [fed, "/", /is the file system root or your home directory/],
    ];
    for (const [cwd, out, pattern] of cases) {
      const target = cwd === fed ? "federation.yaml" : ".";
      expectRefusal(run(cwd, ["build", target, "--out", out, "--now", NOW]), pattern);
    }
    // A directory holding .git is refused even with the marker a hostile repo could plant.
    const planted = path.join(tempDir(), "planted");
    mkdirSync(path.join(planted, ".git"), { recursive: true });
    writeFileSync(path.join(planted, ".netstack-output"), "");
    expectRefusal(run(fed, ["build", "federation.yaml", "--out", planted, "--now", NOW]), /holds \.git/);
    expect(snapshot(path.dirname(fed))).toEqual(before);

    // netstack's own directory is fine: new, then written again (the marker), and an empty one.
    const out = path.join(tempDir(), "site");
    for (let i = 0; i < 2; i++) expect(run(fed, ["build", "federation.yaml", "--out", out, "--now", NOW]).code).toBe(0);
    expect(readFileSync(path.join(out, ".netstack-output"), "utf8")).toMatch(/written by `netstack build`/);
    // An output an older netstack wrote (no marker yet: its mkdocs.yml, docs/ and site/) is taken over.
    rmSync(path.join(out, ".netstack-output"));
    mkdirSync(path.join(out, "site"));
    expect(run(fed, ["build", "federation.yaml", "--out", out, "--now", NOW]).code).toBe(0);
    expect(existsSync(path.join(out, ".netstack-output"))).toBe(true);
    const empty = tempDir();
    expect(run(fed, ["build", "federation.yaml", "--out", empty, "--now", NOW]).code).toBe(0);
  });

  it("3: links out of a repo site are refused: no passwd line, no environment, no file beside the site in any page", () => {
    const parent = tempDir("netstack-hostile-");
    writeFileSync(path.join(parent, "secret.txt"), "PLANTED-3 beside the site\n");
    const origin = path.join(parent, "origin");
    cpSync(hostileSite(null), origin, { recursive: true });
    rmSync(path.join(origin, "docs/services.md"));
    symlinkSync("/etc/passwd", path.join(origin, "docs/services.md"));
    symlinkSync(path.join(parent, "secret.txt"), path.join(origin, "docs/notes.md"));
    symlinkSync("/proc/self/environ", path.join(origin, "ops/monitor/env.log"));
    writeFileSync(path.join(origin, "ops/monitor/ok.log"), "all good\n");
    commitAll(origin);
    const fed = federationDir(`name: hostile-links\nsites:\n  - code: ts\n    name: Test Site\n    repo: file://${origin}\n`);
    const out = path.join(tempDir(), "site");
    const result = run(fed, ["build", "federation.yaml", "--out", out, "--now", NOW, "--cache", path.join(parent, "cache")]);
    expect(result.code).toBe(1);
    const published = allText(out);
    for (const planted of ["root:x:0:0", "PLANTED-3", CANARY]) expect(published).not.toContain(planted);
    expect(result.stdout + result.stderr).not.toMatch(/root:x:0:0|PLANTED-3|PLANTED-ENV/);
    const status = readFileSync(path.join(out, "docs/sites/ts/status.md"), "utf8");
    expect(status).toContain("(not shown: a symbolic link that leaves the site; not read)");
    expect(status).toContain("all good");
    const checked = run(fed, ["check", "federation.yaml", "--format", "json", "--cache", path.join(parent, "cache")]);
    const refused = (JSON.parse(checked.stdout) as { ruleId: string; message: string }[]).filter((d) => d.ruleId === "site/unreadable-file").map((d) => d.message);
    expect(refused).toEqual(["docs/notes.md: a symbolic link that leaves the site; not read", "docs/services.md: a symbolic link that leaves the site; not read"]);
  });

  it("6: a state.json answer holding a newline stops upgrade before it writes anything; nothing runs", () => {
    const site = path.join(tempDir(), "ts");
    expect(run(path.dirname(site), ["create-site", "ts", "--name", "Test Site", "--role", "primary", "--subnet", "192.168.5.0/24", "--dir", site, "--yes"]).code).toBe(0);
    const stateFile = path.join(site, ".netstack/state.json");
    const state = JSON.parse(readFileSync(stateFile, "utf8")) as { answers: unknown };
    state.answers = JSON.parse(readFileSync(path.join(HOSTILE, "06-state-newline/answers.json"), "utf8"));
    writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
    // site.yaml's answers would override state.json's code: without them, state.json is what upgrade uses.
    writeFileSync(path.join(site, "site.yaml"), readFileSync(path.join(site, "site.yaml"), "utf8").replace(/\ntemplate:[\s\S]*$/, "\n"));
    commitAll(site);
    const before = snapshot(site);
    expectRefusal(run(site, ["upgrade", "."]), /state\.json: answers\.code: must match/);
    expect(snapshot(site)).toEqual(before);
    expect(execFileSync("git", ["status", "--porcelain"], { cwd: site, encoding: "utf8" })).toBe("");
    expect(pwned(path.dirname(site))).toEqual([]);
  });

  it("7: links to /dev/zero and FIFOs are refused with a diagnostic, never read", () => {
    const site = hostileSite(null, { "ops/backup/.backup-state": "0\n" });
    rmSync(path.join(site, "docs/devices.md"));
    symlinkSync("/dev/zero", path.join(site, "docs/devices.md"));
    execFileSync("mkfifo", [path.join(site, "docs/network-notes.md")]);
    symlinkSync("/dev/urandom", path.join(site, "ops/monitor/random.log"));
    execFileSync("mkfifo", [path.join(site, "ops/monitor/fifo.log")]);
    const lint = run(site, ["lint", ".", "--format", "json"]);
    const unreadable = (JSON.parse(lint.stdout) as { ruleId: string; message: string }[]).filter((d) => d.ruleId === "site/unreadable-file").map((d) => d.message);
    expect(unreadable).toEqual(["docs/devices.md: a symbolic link that leaves the site; not read", "docs/network-notes.md: not a regular file (a device, FIFO or socket); not read"]);
    const out = path.join(tempDir(), "site");
    expect(run(site, ["build", ".", "--out", out, "--now", NOW]).code).toBe(1);
    const status = readFileSync(path.join(out, "docs/status.md"), "utf8");
    expect(status).toContain("(not shown: a symbolic link that leaves the site; not read)");
    expect(status).toContain("(not shown: not a regular file (a device, FIFO or socket); not read)");

    rmSync(path.join(site, "ops/backup/.backup-state"));
    symlinkSync("/dev/zero", path.join(site, "ops/backup/.backup-state"));
    const linked = run(site, ["status", "."]);
    expect(linked).toEqual({ code: 1, stdout: "--- BACKUP: ⚠️ UNREADABLE — .backup-state is not a backup state ---\n", stderr: "netstack: ts: ops/backup/.backup-state: a symbolic link that leaves the site; not read\n" });
    rmSync(path.join(site, "ops/backup/.backup-state"));
    execFileSync("mkfifo", [path.join(site, "ops/backup/.backup-state")]);
    expect(run(site, ["status", "."]).stderr).toBe("netstack: ts: ops/backup/.backup-state: not a regular file (a device, FIFO or socket); not read\n");
  });

  it("8: a git server that never answers times out; fd:: and http:// are refused at once", async () => {
    // The kernel completes the handshake (listen backlog) and nothing ever answers.
    const server = net.createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const fed = federationDir(
        [
          "name: hostile-servers",
          "sites:",
          "  - { code: silent, name: Silent, repo: 'git://127.0.0.1:PORT/site.git' }",
          "  - { code: fdpipe, name: Fd, repo: 'fd::17' }",
          "  - { code: plainhttp, name: Http, repo: 'http://127.0.0.1:PORT/site.git' }",
          "  - { code: helper, name: Ext, repo: 'ext::sh -c touch% pwned-8' }",
          "",
        ]
          .join("\n")
          .replace(/PORT/g, String(port)),
      );
      const result = run(fed, ["check", "federation.yaml", "--format", "json", "--cache", path.join(fed, "cache")], { NETSTACK_GIT_TIMEOUT: "3" });
      const messages = (JSON.parse(result.stdout) as { ruleId: string; message: string }[]).filter((d) => d.ruleId === "federation/site-unavailable").map((d) => d.message);
      expect(messages).toEqual([
        `Site silent: cannot fetch git://127.0.0.1:${port}/site.git: git clone gave no result within 3 s; stopped`,
        "Site fdpipe: cannot fetch fd::17: \"fd::17\" uses a git remote helper; only https, ssh, git and file are allowed",
        "Site plainhttp: cannot fetch http://127.0.0.1:" + port + "/site.git: http:// is not an allowed transport (https, ssh, git, file)",
        "Site helper: cannot fetch ext::sh -c touch% pwned-8: \"ext::sh -c touch% pwned-8\" uses a git remote helper; only https, ssh, git and file are allowed",
      ]);
      expect(pwned(fed)).toEqual([]);
    } finally {
      server.close();
    }
  });

  it("10: a path: site's core.fsmonitor and hooks run nothing; sensitive/tracked still reads git's index", () => {
    const site = hostileSite(null, { "ops/sensitive/hosts.yaml": "tsgw: 192.168.5.1\n" });
    commitAll(site);
    execFileSync("git", ["add", "-f", "ops/sensitive/hosts.yaml"], { cwd: site });
    execFileSync("git", ["config", "core.fsmonitor", "touch pwned-10-fsmonitor; false"], { cwd: site });
    mkdirSync(path.join(site, "hooks"));
    writeFileSync(path.join(site, "hooks/post-index-change"), "#!/bin/sh\ntouch pwned-10-hook\n", { mode: 0o755 });
    execFileSync("git", ["config", "core.hooksPath", "hooks"], { cwd: site });
    const fed = federationDir(`name: hostile-fsmonitor\nsites:\n  - code: ts\n    name: Test Site\n    path: ${site}\n`);
    const result = run(fed, ["check", "federation.yaml", "--format", "json"]);
    const tracked = (JSON.parse(result.stdout) as { ruleId: string; message: string }[]).filter((d) => d.ruleId === "sensitive/tracked").map((d) => d.message);
    expect(tracked).toEqual(['git tracks ops/sensitive/hosts.yaml; untrack it with "git rm --cached ops/sensitive/hosts.yaml" and rotate what it held']);
    expect(pwned(site)).toEqual([]);
    expect(pwned(fed)).toEqual([]);
  });

  it("11: a last_run in 2099 is a clock problem, never fresh", () => {
    const site = hostileSite("11-future-backup");
    expect(run(site, ["status", ".", "--now", NOW])).toEqual({ code: 1, stdout: "--- BACKUP: ⚠️ CLOCK — last run 26526 days ahead of now; check the clocks ---\n", stderr: "" });
    const checked = run(site, ["check", ".", "--format", "json"], { SOURCE_DATE_EPOCH: String(Date.parse(NOW) / 1000) });
    expect((JSON.parse(checked.stdout) as { ruleId: string; message: string }[]).filter((d) => d.ruleId === "status/stale-backup").map((d) => d.message)).toEqual([
      "Backup of ts: last run 26526 days ahead of now: a clock is wrong (here or on the backup host), so its age is unknown",
    ]);
    const out = path.join(tempDir(), "site");
    run(site, ["build", ".", "--out", out, "--now", NOW]);
    expect(readFileSync(path.join(out, "docs/status.md"), "utf8")).toContain("| Health | stale |");
  });

  it("12: 200,000 rows with every IP outside the subnet: one diagnostic each, no stack overflow", () => {
    // No call spreads an array of unbounded length (the stack holds ~100,000 arguments).
    expect(sourceFiles().flatMap(callSpreads)).toEqual([]);
    const rows = Array.from({ length: 200_000 }, (_, i) => `| h${i} | compute | 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} | |`);
    const site = hostileSite(null, { "docs/devices.md": ["# Devices", "", "| name | type | ip | mac |", "|---|---|---|---|", ...rows, ""].join("\n") });
    for (const format of ["stylish", "json"]) {
      const result = run(site, ["check", ".", "--format", format]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(1);
      expect(result.stdout.split("device/ip-outside-subnet").length - 1).toBe(200_000);
    }
  }, 900_000);

  it("13: escape sequences in cells, .backup-state and names never reach the terminal", () => {
    const ESC = "\u001b";
    const site = hostileSite("13-escapes", {
      "site.yaml": `code: ts\nname: "Test\\e]0;PLANTED-13\\a Site"\nsubnet: 192.168.5.0/24\nrules:\n  sensitive/exposed-address: off\n`,
      "docs/devices.md": `# Devices\n\n| name | type | ip | mac |\n|---|---|---|---|\n| ts${ESC}[2Kgw | gateway | 192.168.5.1${ESC}]0;PLANTED-13\u0007\u009b2K | aa:bb:cc:00:00:01 |\n| tsnas | ${ESC}[1Astorage${ESC}[8m | 192.168.5.10 | aa:bb:cc:00:00:02 |\n`,
    });
    writeFileSync(path.join(site, `docs/${ESC}[2Kevil.md`), `# x\n\n| name | ip |\n|---|---|\n| a | 999.1.1.1${ESC}[8m |\n`);
    const runs = [
      run(site, ["lint", "."]),
      run(site, ["lint", ".", "--format", "github"]),
      run(site, ["check", ".", "--format", "json"]),
      run(site, ["check", ".", "--format", "sarif"]),
      run(site, ["status", ".", "--now", "2026-05-18T00:00:00Z"]),
      run(site, ["status", ".", "--now", "2026-05-18T00:00:00Z", "--format", "json"]),
      run(site, ["inventory", ".", "--format", "csv", "--kind", "devices"]),
      run(site, ["build", ".", "--out", path.join(tempDir(), "site"), "--now", NOW]),
      run(site, ["check", path.join(site, `docs/${ESC}[2Kmissing`)]),
    ];
    const colored = run(site, ["lint", "."], { FORCE_COLOR: "1" });
    for (const result of runs) {
      expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    // With colors on, the only escape sequences are netstack's own colors.
    expect(colored.stdout.replace(/\u001b\[\d+m/g, "")).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // The value is shown, without its escapes.
    expect(colored.stdout).toContain('Unknown node type "storage"');
    expect(runs[4]!.stdout).toBe("--- BACKUP: ⚠️ FAILED — last run 1h ago, success --- BACKUP: fake line ---, 3 items to nas ---\n");
  });

  it("14: cells a spreadsheet would run are prefixed in csv and netbox exports", () => {
    const site = hostileSite("14-formulas");
    const csv = run(site, ["inventory", ".", "--format", "csv", "--kind", "devices"]);
    const netbox = run(site, ["inventory", ".", "--format", "netbox"]);
    for (const result of [csv, netbox]) {
      expect(result.code).toBe(0);
      for (const field of csvFields(result.stdout)) expect(field, result.stdout).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(csv.stdout).toContain(`"'=HYPERLINK(""http://example.invalid/?PLANTED-14"",""x"")"`);
    expect(netbox.stdout.split("\n").find((l) => l.includes("tsap"))).toBe(`'=tsap,other,Generic,Generic,active,Test Site,plain note,Source: ts/docs/devices.md line 7`);
  });

  it("15: over-deep brackets, long lines and long rule-id lists end in one clear message, not minutes", () => {
    const brackets = hostileSite(null, { "docs/notes.md": `# Notes\n\n${"[a".repeat(40_000)}\n` });
    expectRefusal(run(brackets, ["lint", "."]), /docs\/notes\.md:3:201: brackets nested more than 100 deep in one paragraph; not parsed/);
    const spread = hostileSite(null, { "docs/notes.md": `# Notes\n\n${"[\n".repeat(40_000)}` });
    expectRefusal(run(spread, ["lint", "."]), /docs\/notes\.md:103:1: brackets nested more than 100 deep in one paragraph; not parsed/);
    const long = hostileSite(null, { "docs/devices.md": `# Devices\n\n| name | ip |\n|---|---|\n| a | ${"10.0.0.1 ".repeat(12_000)} |\n` });
    expectRefusal(run(long, ["lint", "."]), /docs\/devices\.md:5:1: a line of 108\d{3} characters, over the limit of 100000; not parsed/);
    const ids = Array.from({ length: 20_000 }, (_, i) => `  rule/unknown-${i}: off`).join("\n");
    const rules = hostileSite(null, { "site.yaml": `code: ts\nname: Test Site\nsubnet: 192.168.5.0/24\nrules:\n${ids}\n` });
    const result = run(rules, ["lint", ".", "--format", "json"]);
    const schema = (JSON.parse(result.stdout) as { ruleId: string; message: string; line: number }[]).filter((d) => d.ruleId === "federation/schema");
    expect(schema).toHaveLength(21);
    expect(schema[0]!.message).toBe('Unknown rule "rules.rule/unknown-0"');
    expect(schema[20]).toMatchObject({ line: 25, message: '…and 19980 more unknown rule ids under "rules" (only the first 20 are listed)' });
  });

  it("16: a cache file garbled at the same size, or an entry.json of the wrong shape, is a miss with the same output", () => {
    const fed = path.join(tempDir("netstack-hostile-"), "federation");
    cpSync(path.join(repoRoot, "fixtures/federation"), fed, { recursive: true, filter: (src) => path.basename(src) !== ".netstack-cache" });
    const build = (out: string, ...extra: string[]) => run(fed, ["build", "federation.yaml", "--out", out, "--now", NOW, ...extra]);
    const reference = path.join(tempDir(), "reference");
    expect(build(reference, "--no-cache").code).toBe(0);
    const out = path.join(tempDir(), "out");
    build(out);
    const slot = path.join(fed, ".netstack-cache", readdirSync(path.join(fed, ".netstack-cache")).find((n) => n.startsWith("build-"))!);
    const page = path.join(slot, "files/docs/backup.md");
    const bytes = readFileSync(page);
    bytes[10] = bytes[10] === 0x41 ? 0x42 : 0x41;
    writeFileSync(page, bytes);
    const garbled = build(out);
    expect(garbled.stderr).not.toContain("from the build cache");
    expect(snapshot(out)).toEqual(snapshot(reference));
    expect(build(out).stderr).toContain("from the build cache");
    const entryFile = path.join(slot, "entry.json");
    const entry = JSON.parse(readFileSync(entryFile, "utf8")) as { summaries: unknown[] };
    for (const summaries of [[{ code: "cf" }], "none", [{ ...(entry.summaries[0] as object), digest: { active: {} } }]]) {
      writeFileSync(entryFile, JSON.stringify({ ...entry, summaries }));
      const result = build(out);
      expect(result.code).toBe(0);
      expect(result.stderr).not.toContain("from the build cache");
      expect(snapshot(out)).toEqual(snapshot(reference));
    }
  });

  it("17: careless input: lint --fix keeps a link a link, a negated .gitignore fails, \\x7f in a name builds, relative repo: is the federation's", () => {
    // lint --fix through a link inside the site: the link stays, its target is fixed.
    const site = hostileSite("17-careless");
    mkdirSync(path.join(site, "docs/real"));
    const devices = readFileSync(path.join(site, "docs/devices.md"), "utf8").replace("aa:bb:cc:00:00:01", "AA:BB:CC:00:00:01");
    writeFileSync(path.join(site, "docs/real/devices.md"), devices);
    rmSync(path.join(site, "docs/devices.md"));
    symlinkSync("real/devices.md", path.join(site, "docs/devices.md"));
    const fixed = run(site, ["lint", ".", "--fix", "--format", "json"]);
    expect(lstatSync(path.join(site, "docs/devices.md")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(site, "docs/devices.md"))).toBe("real/devices.md");
    expect(readFileSync(path.join(site, "docs/real/devices.md"), "utf8")).toContain("aa:bb:cc:00:00:01");
    // The negated block line is reported, and --fix appended it again, after the negation.
    expect(JSON.parse(fixed.stdout)).toEqual([]);
    expect(readFileSync(path.join(site, ".gitignore"), "utf8")).toMatch(/!ops\/sensitive\/\nops\/sensitive\/\n$/);
    const negated = hostileSite("17-careless");
    const found = (JSON.parse(run(negated, ["lint", ".", "--format", "json"]).stdout) as { ruleId: string; message: string }[]).filter((d) => d.ruleId === "sensitive/gitignore");
    expect(found.map((d) => d.message)).toEqual(['.gitignore lacks "ops/sensitive/" of the standard block ("ops/sensitive/" undone by a later "!" line)']);

    // A DEL in a name: mkdocs.yml still parses, and mkdocs builds it.
    const named = hostileSite(null, { "site.yaml": 'code: ts\nname: "Test\\x7f Site"\nsubnet: 192.168.5.0/24\n' });
    const out = path.join(tempDir(), "site");
    const built = run(named, ["build", ".", "--out", out, "--now", NOW, "--mkdocs", "--theme", "mkdocs"]);
    expect(built.stderr).toContain("mkdocs build --strict passed");
    expect((parseYaml(readFileSync(path.join(out, "mkdocs.yml"), "utf8")) as { site_name: string }).site_name).toBe("Test Site (ts)");

    // A relative repo: is relative to federation.yaml, wherever netstack runs.
    const parent = tempDir("netstack-hostile-");
    const origin = path.join(parent, "repos/ts");
    cpSync(hostileSite(null), origin, { recursive: true });
    commitAll(origin);
    mkdirSync(path.join(parent, "fed"));
    writeFileSync(path.join(parent, "fed/federation.yaml"), "name: relative\nsites:\n  - code: ts\n    name: Test Site\n    repo: ../repos/ts\n");
    const elsewhere = tempDir();
    const checked = run(elsewhere, ["check", path.join(parent, "fed/federation.yaml"), "--format", "json", "--cache", path.join(parent, "cache")]);
    expect((JSON.parse(checked.stdout) as { ruleId: string }[]).filter((d) => d.ruleId === "federation/site-unavailable")).toEqual([]);
    expect(existsSync(path.join(parent, "cache"))).toBe(true);
  });
});

/** The fields of a CSV document (RFC 4180 quoting). */
function csvFields(text: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === "," || ch === "\n") {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  return fields;
}

/** `f(...list)` in a file, by the TypeScript parser: where a long list would overflow the stack. Fixed-size spreads are listed in OK_SPREADS. */
function callSpreads(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const where = `${path.relative(repoRoot, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.parent.getText().slice(0, 60)}`;
      if (!OK_SPREADS.some((ok) => where.includes(ok))) found.push(where);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Spreads of short lists: path segments (a path is at most a few thousand bytes); an emphasis group's at most three tokens. */
const OK_SPREADS: string[] = [": path.join(", "toks.splice(open, index - open + 1, ...replacement)"];

/** Every .ts file under src/, for the static check of row 12. */
function sourceFiles(dir = path.join(repoRoot, "src")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}
