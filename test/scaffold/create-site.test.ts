import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { siteConfigSchema } from "../../src/config/site.js";
import { federationConfigSchema } from "../../src/config/federation.js";
import { loadSite } from "../../src/inventory/site.js";
import { lint } from "../../src/lint.js";
import { check } from "../../src/check.js";
import type { Question } from "../../src/scaffold/answers.js";
import { createSite } from "../../src/scaffold/create-site.js";
import { sha256 } from "../../src/scaffold/state.js";
import { VERSION } from "../../src/version.js";
import { BASIC, cli, listTree, makeSite, read, REPO, tempDir } from "./helpers.js";

const SITE_FILES = [
  ".github/workflows/docs.yml",
  ".gitignore",
  ".mkdocs/mkdocs.yml",
  ".netstack/base/.github/workflows/docs.yml",
  ".netstack/base/.gitignore",
  ".netstack/base/.mkdocs/mkdocs.yml",
  ".netstack/base/.pre-commit-config.yaml",
  ".netstack/base/README.md",
  ".netstack/base/ops/backup/README.md",
  ".netstack/base/site.yaml",
  ".netstack/state.json",
  ".pre-commit-config.yaml",
  "README.md",
  "docs/devices.md",
  "docs/index.md",
  "docs/log/",
  "docs/network.md",
  "docs/services.md",
  "ops/backup/README.md",
  "ops/monitor/check-backup-state.sh",
  "ops/monitor/check-connectivity.sh",
  "ops/monitor/check-services.sh",
  "ops/monitor/collect.sh",
  "ops/sensitive/README.md",
  "ops/sensitive/hosts.yaml",
  "ops/sensitive/overlay.yaml",
  "site.yaml",
];

const FLAGS = ["--name", "Cedar Falls", "--role", "primary", "--subnet", "192.168.9.0/24", "--gateway", "192.168.9.1"];

describe("create-site: the generated site", () => {
  it("lays out a site with every file, scripts executable, nothing left over beside it", async () => {
    const parent = tempDir();
    const root = await makeSite(parent);
    expect(listTree(root)).toEqual(SITE_FILES);
    expect(listTree(parent)).toEqual(SITE_FILES.map((f) => `cf/${f}`));
    for (const script of ["check-services.sh", "check-connectivity.sh", "check-backup-state.sh", "collect.sh"]) {
      expect(statSync(path.join(root, "ops/monitor", script)).mode & 0o777).toBe(0o755);
    }
    expect(statSync(path.join(root, "site.yaml")).mode & 0o777).toBe(0o644);
  });

  it("site.yaml is valid and records the template version and answers", async () => {
    const root = await makeSite(tempDir());
    const config = siteConfigSchema.parse(parseYaml(read(root, "site.yaml")));
    expect(config).toEqual({
      code: "cf",
      name: "Cedar Falls",
      role: "primary",
      subnet: "192.168.9.0/24",
      visibility: "private",
      template: { version: "1.0.0", answers: { code: "cf", name: "Cedar Falls", role: "primary", subnet: "192.168.9.0/24", visibility: "private" } },
    });
  });

  it("the tables have their headers, the gateway row, empty tables are header + delimiter, all as lint --fix aligns them", async () => {
    const root = await makeSite(tempDir());
    expect(read(root, "docs/devices.md")).toContain(
      "| Name  | Type    | Role | IP          | MAC | Overlay | Location | Host | Notes        |\n| ----- | ------- | ---- | ----------- | --- | ------- | -------- | ---- | ------------ |\n| cf-gw | gateway | ng   | 192.168.9.1 |     |         |          |      | Site gateway |\n",
    );
    expect(read(root, "docs/services.md")).toMatch(/\| Service \| Host \| Port \| URL \| Exposure \| Notes \|\n\|[- |]+\|\n$/);
    const network = read(root, "docs/network.md");
    expect(network).toContain("## Subnet\n\n| Key     | Value          |\n| ------- | -------------- |\n| Subnet  | 192.168.9.0/24 |\n| Gateway | 192.168.9.1    |\n");
    expect(network).toContain("| Node | Overlay IP | LAN IP | Type |\n| ---- | ---------- | ------ | ---- |\n\n");
    expect(network).toContain("| Source | Target | Mount | Purpose | Transport |\n| ------ | ------ | ----- | ------- | --------- |\n\n");
    expect(network).toContain("| From | To  | Mode | Tier | Via | Schedule |\n| ---- | --- | ---- | ---- | --- | -------- |\n");
    // Each table teaches its shape with a commented example row, and says what its columns mean.
    expect(network).toContain("<!-- Example row:\n| cf | hq | push | critical | cf offsite copy on hq | daily 02:00 |\n-->");
    expect(network).toContain("**Source** is the machine that exports a share and **Target** the machine that mounts it");
    expect(network).toContain("**From** is the site whose data is copied and **To** the site that keeps the copy");
    expect(network).toContain("**Via** names the share the copy travels through, by its\nPurpose or its Mount in Share Mappings.");

    const site = loadSite(root);
    expect(site.devices.map((d) => [d.record.name, d.record.type, d.record.role, d.record.ip])).toEqual([["cf-gw", "gateway", "ng", "192.168.9.1"]]);
    expect(site.network.subnet).toBe("192.168.9.0/24");
    expect(site.network.gateway).toBe("192.168.9.1");
    expect(site.files.find((f) => f.rel === "docs/network.md")!.tables.map((t) => t.kind)).toEqual(["subnet", "overlay", "share", "backup"]);
    expect(site.files.find((f) => f.rel === "docs/services.md")!.tables.map((t) => t.kind)).toEqual(["service"]);
  });

  it("seed pages carry managed blocks; .gitignore carries the standard block", async () => {
    const root = await makeSite(tempDir());
    expect(read(root, "docs/devices.md")).toMatch(/<!-- netstack:begin devices-intro -->\n[^]*\n<!-- netstack:end devices-intro -->\n/);
    expect(read(root, "docs/services.md")).toContain("<!-- netstack:begin services-intro -->");
    expect(read(root, "docs/network.md")).toContain("<!-- netstack:begin network-intro -->");
    expect(read(root, ".gitignore")).toContain("ops/sensitive/\nops/backup/logs/\nops/backup/.backup-state\ndocs/log/\n*.env\n*.env.*\n");
  });

  it(".netstack/state.json holds the version, answers and a hash of each generated file; bases of merged files are kept", async () => {
    const root = await makeSite(tempDir());
    const state = JSON.parse(read(root, ".netstack/state.json"));
    expect(state.template).toBe("site");
    expect(state.version).toBe("1.0.0");
    expect(state.answers).toEqual({ code: "cf", name: "Cedar Falls", role: "primary", subnet: "192.168.9.0/24", visibility: "private", federation: null });
    for (const [rel, entry] of Object.entries(state.files) as [string, { policy: string; sha256?: string }][]) {
      if (entry.policy === "never-touch") expect(entry.sha256, rel).toBeUndefined();
      else expect(entry.sha256, rel).toBe(sha256(read(root, rel)));
      if (entry.policy === "merged") expect(read(root, `.netstack/base/${rel}`)).toBe(read(root, rel));
    }
  });

  it("a public site gets no address in its docs, only in ops/sensitive/", async () => {
    const root = await makeSite(tempDir(), { visibility: "public" });
    const published = listTree(root).filter((f) => !f.startsWith("ops/sensitive/") && !f.endsWith("/"));
    for (const rel of published) expect(read(root, rel), rel).not.toContain("192.168.9.1");
    expect(read(root, "ops/sensitive/hosts.yaml")).toContain("cf-gw: 192.168.9.1\n");
  });

  it("lints clean and checks clean (library)", async () => {
    for (const visibility of ["private", "public"]) {
      const root = await makeSite(tempDir(), { visibility });
      const linted = await lint([root]);
      expect(linted.diagnostics.filter((d) => d.severity === "error"), visibility).toEqual([]);
      const checked = await check(root);
      expect(checked.diagnostics.filter((d) => d.severity === "error"), visibility).toEqual([]);
      if (visibility === "public") {
        expect(linted.diagnostics).toEqual([]);
        expect(checked.diagnostics).toEqual([]);
      }
    }
  });

  it("lints and checks clean with the real bin (exit 0)", async () => {
    const root = await makeSite(tempDir());
    for (const command of ["lint", "check"]) {
      const run = spawnSync(process.execPath, [path.join(REPO, "bin/netstack.js"), command, root], { encoding: "utf8" });
      expect(run.stderr, command).toBe("");
      expect(run.status, `${command}: ${run.stdout}`).toBe(0);
    }
  });

  it("its own docs build with the real `mkdocs build --strict` (docs_dir ../docs)", async () => {
    const root = await makeSite(tempDir());
    expect(read(root, ".mkdocs/mkdocs.yml")).toContain("docs_dir: ../docs\nsite_dir: ../site\n");
    const run = spawnSync("mkdocs", ["build", "--strict", "-f", ".mkdocs/mkdocs.yml"], { cwd: root, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/WARNING/);
    for (const page of ["index.html", "devices/index.html", "services/index.html", "network/index.html"]) {
      expect(existsSync(path.join(root, "site", page)), page).toBe(true);
    }
    expect(readFileSync(path.join(root, "site/devices/index.html"), "utf8")).toContain("<td>cf-gw</td>");
  });

  it("the generated YAML files parse", async () => {
    const root = await makeSite(tempDir());
    for (const rel of [".github/workflows/docs.yml", ".pre-commit-config.yaml", ".mkdocs/mkdocs.yml", "ops/sensitive/hosts.yaml", "ops/sensitive/overlay.yaml"]) {
      expect(() => parseYaml(read(root, rel)), rel).not.toThrow();
    }
    const workflow = parseYaml(read(root, ".github/workflows/docs.yml"));
    expect(workflow.jobs.docs.steps.map((s: { run?: string }) => s.run).filter(Boolean)).toEqual([
      'npm install --global "$NETSTACK_PACKAGE"\nsudo apt-get update\nsudo apt-get install --yes mkdocs mkdocs-material python3-pymdownx\n',
      "netstack lint . --format github",
      "netstack check . --format github",
      'netstack build . --out "$RUNNER_TEMP/netstack" --mkdocs',
      "mkdocs build --strict -f .mkdocs/mkdocs.yml",
    ]);
    // Never the registry name (netstack is not published there): the install spec, here its placeholder.
    expect(workflow.env.NETSTACK_PACKAGE).toBe(process.env.NETSTACK_INSTALL_SPEC ?? `git+https://git.example.org/you/netstack.git#v${VERSION}`);
    const hooks = parseYaml(read(root, ".pre-commit-config.yaml")).repos[0].hooks[0];
    expect(hooks).toMatchObject({ id: "netstack-lint", entry: "netstack lint", language: "system", verbose: true });
    expect(new RegExp(hooks.files).test("docs/devices.md")).toBe(true);
    expect(new RegExp(hooks.files).test("site.yaml")).toBe(true);
    expect(new RegExp(hooks.files).test("site-config.yml")).toBe(true);
  });
});

describe("create-site: the command", () => {
  it("writes the site and says what next", async () => {
    const cwd = tempDir();
    const run = await cli(["create-site", "cf", ...FLAGS], { cwd });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe("Created site cf (Cedar Falls) in cf/: 26 files.");
    expect(listTree(path.join(cwd, "cf"))).toEqual(SITE_FILES);
  });

  it("refuses a code that does not match ^[a-z][a-z0-9-]{1,15}$", async () => {
    for (const code of ["CF", "c", "1cf", "cf_1", "a234567890123456x", "cf.1"]) {
      const cwd = tempDir();
      const run = await cli(["create-site", code, ...FLAGS], { cwd });
      expect(run.code, code).toBe(2);
      expect(run.stderr).toBe(`netstack: site code "${code}" must match ^[a-z][a-z0-9-]{1,15}$ (lowercase letter, then 1-15 letters, digits or -)\n`);
      expect(listTree(cwd)).toEqual([]);
    }
    expect((await cli(["create-site", "a234567890123456", ...FLAGS], { cwd: tempDir() })).code).toBe(0);
  });

  it("refuses a target that is not empty, and a file as target; an empty directory is fine", async () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, "full"));
    writeFileSync(path.join(cwd, "full/notes.txt"), "mine\n");
    const full = await cli(["create-site", "cf", ...FLAGS, "--dir", "full"], { cwd });
    expect(full).toEqual({ code: 2, stdout: "", stderr: "netstack: full: exists and is not empty; create-site only writes into a new or empty directory\n" });
    expect(listTree(path.join(cwd, "full"))).toEqual(["notes.txt"]);

    writeFileSync(path.join(cwd, "file"), "x");
    expect((await cli(["create-site", "cf", ...FLAGS, "--dir", "file"], { cwd })).stderr).toBe("netstack: file: exists and is not a directory\n");

    mkdirSync(path.join(cwd, "empty"));
    expect((await cli(["create-site", "cf", ...FLAGS, "--dir", "empty"], { cwd })).code).toBe(0);
    expect(listTree(path.join(cwd, "empty"))).toEqual(SITE_FILES);
  });

  it("non-interactive (stdin not a TTY, or --yes) lists every missing answer in one line", async () => {
    const cwd = tempDir();
    const run = await cli(["create-site", "cf"], { cwd, stdinIsTty: false });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "netstack: create-site: missing --name, --role, --subnet (give them as flags, or run in a terminal without --yes to be asked)\n" });
    const yes = await cli(["create-site", "cf", "--yes", "--role", "primary"], { cwd, stdinIsTty: true });
    expect(yes.stderr).toBe("netstack: create-site: missing --name, --subnet (give them as flags, or run in a terminal without --yes to be asked)\n");
    expect(yes.code).toBe(2);
    expect(listTree(cwd)).toEqual([]);
  });

  it("refuses bad answers with one line each", async () => {
    const cwd = tempDir();
    const cases: [string[], string][] = [
      [["--subnet", "192.168.9.1/24"], '--subnet "192.168.9.1/24" has host bits set; did you mean 192.168.9.0/24?'],
      [["--subnet", "banana"], '--subnet "banana" is not a CIDR such as 192.168.9.0/24'],
      [["--gateway", "10.0.0.1"], "--gateway 10.0.0.1 is outside the subnet 192.168.9.0/24"],
      [["--gateway", "192.168.9.255"], "--gateway 192.168.9.255 is the broadcast address of 192.168.9.0/24"],
      [["--visibility", "secret"], '--visibility must be one of private, public (got "secret")'],
      [["--bogus"], "create-site: Unknown option '--bogus'"],
    ];
    for (const [flags, message] of cases) {
      const run = await cli(["create-site", "cf", ...FLAGS, ...flags], { cwd });
      expect(run.stderr, flags.join(" ")).toBe(`netstack: ${message}\n`);
      expect(run.code).toBe(2);
    }
    expect(listTree(cwd)).toEqual([]);
  });

  it("--dry-run lists what would be written and writes nothing", async () => {
    const cwd = tempDir();
    const run = await cli(["create-site", "cf", ...FLAGS, "--dry-run"], { cwd });
    expect(run.code).toBe(0);
    const listed = run.stdout.trim().split("\n");
    expect(listed[0]).toBe("Would create site cf (Cedar Falls) in cf/ (dry run, nothing written):");
    expect(listed.slice(1).map((l) => l.trim()).sort()).toEqual([...SITE_FILES].sort());
    expect(listTree(cwd)).toEqual([]);
  });

  it("interactive: asks for each answer not given, re-asks after a bad reply, takes defaults on Enter", async () => {
    const cwd = tempDir();
    const replies: Record<string, string[]> = { name: ["", "Winfield"], role: ["failover"], subnet: ["10.1.2.3/16", "10.1.0.0/16"], gateway: [""], visibility: [""] };
    const asked: string[] = [];
    const ask = async (question: Question, problem?: string) => {
      asked.push(`${question.key}${problem ? ` (${problem})` : ""}`);
      return replies[question.key]!.shift()!;
    };
    const result = await createSite({ code: "wf", cwd, ask });
    expect(asked).toEqual([
      "name",
      "name (--name must not be empty)",
      "role",
      "subnet",
      'subnet (--subnet "10.1.2.3/16" has host bits set; did you mean 10.1.0.0/16?)',
      "gateway",
      "visibility",
    ]);
    expect(result.answers).toEqual({ code: "wf", name: "Winfield", role: "failover", subnet: "10.1.0.0/16", visibility: "private", federation: null });
    expect(read(result.root, "docs/devices.md")).not.toContain("wf-gw");
  });

  it("interactive: flags given are not asked again", async () => {
    const asked: string[] = [];
    await createSite({ code: "wf", cwd: tempDir(), ...BASIC, visibility: "public", ask: async (q) => (asked.push(q.key), "") });
    expect(asked).toEqual([]);
  });

  it("refuses a target that is a symbolic link (it resolves elsewhere)", async () => {
    const cwd = tempDir();
    const outside = tempDir();
    symlinkSync(outside, path.join(cwd, "link"));
    const run = await cli(["create-site", "cf", ...FLAGS, "--dir", "link"], { cwd });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "netstack: link: is a symbolic link; give the directory it points to\n" });
    expect(listTree(outside)).toEqual([]);
  });
});

const FEDERATION = `# yaml-language-server: $schema=./schemas/federation.schema.json
name: 2cld
overlay: { kind: zerotier, name: federation }   # never the network id in public files
sites:
  - { code: sl, name: O'Fallon,    role: backup,   repo: https://example.org/sl.git }
  - { code: wf, name: Winfield,    role: failover, path: ../wf }

# the triangle
backup:
  minOffsite: 2            # every site's backups reach 2 other sites
  maxAge: 36h
`;

describe("create-site --federation", () => {
  it("appends the site to sites, keeping every other byte of the file", async () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, "fed"));
    writeFileSync(path.join(cwd, "fed/federation.yaml"), FEDERATION);
    const run = await cli(["create-site", "cf", ...FLAGS, "--dir", "sites/cf", "--federation", "fed/federation.yaml"], { cwd });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Added cf to fed/federation.yaml (path: ../sites/cf).\n");
    const after = readFileSync(path.join(cwd, "fed/federation.yaml"), "utf8");
    expect(after).toBe(
      FEDERATION.replace(
        "path: ../wf }\n",
        "path: ../wf }\n  - { code: cf, name: Cedar Falls, role: primary, path: ../sites/cf }\n",
      ),
    );
    expect(federationConfigSchema.parse(parseYaml(after)).sites.map((s) => s.code)).toEqual(["sl", "wf", "cf"]);

    const root = path.join(cwd, "sites/cf");
    expect(JSON.parse(read(root, ".netstack/state.json")).answers.federation).toBe("../../fed/federation.yaml");
    // The other sites become the connectivity script's peers; the federation's maxAge its default.
    expect(read(root, "ops/monitor/check-connectivity.sh")).toContain("PEERS=('sl' 'wf')\n");
    expect(read(root, "ops/monitor/check-backup-state.sh")).toContain("DEFAULT_MAX_AGE_HOURS=36\n");
    expect(read(root, "ops/sensitive/overlay.yaml")).toContain("# sl: <overlay address of sl>\n# wf: <overlay address of wf>\n");
  });

  it("adds block-style entries in block style, CRLF kept", async () => {
    const cwd = tempDir();
    const text = "name: x\r\nsites:\r\n  - code: sl\r\n    name: O'Fallon\r\n    path: ../sl\r\n# end\r\n";
    writeFileSync(path.join(cwd, "federation.yaml"), text);
    expect((await cli(["create-site", "cf", ...FLAGS, "--federation", "federation.yaml"], { cwd })).code).toBe(0);
    expect(readFileSync(path.join(cwd, "federation.yaml"), "utf8")).toBe(
      "name: x\r\nsites:\r\n  - code: sl\r\n    name: O'Fallon\r\n    path: ../sl\r\n  - code: cf\r\n    name: Cedar Falls\r\n    role: primary\r\n    path: cf\r\n# end\r\n",
    );
  });

  it("fills an empty flow list and an empty sites key", async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, "a.yaml"), "name: x # keep\nsites: []\n");
    expect((await cli(["create-site", "cf", ...FLAGS, "--dir", "a", "--federation", "a.yaml"], { cwd })).code).toBe(0);
    // An empty flow list (what netstack init writes) becomes a block list.
    expect(readFileSync(path.join(cwd, "a.yaml"), "utf8")).toBe("name: x # keep\nsites:\n  - code: cf\n    name: Cedar Falls\n    role: primary\n    path: a\n");
    writeFileSync(path.join(cwd, "b.yaml"), "# the federation\nname: x\nsites:\n");
    expect((await cli(["create-site", "cf", ...FLAGS, "--dir", "b", "--federation", "b.yaml"], { cwd })).code).toBe(0);
    const b = readFileSync(path.join(cwd, "b.yaml"), "utf8");
    expect(b.startsWith("# the federation\nname: x\n")).toBe(true);
    expect(parseYaml(b).sites).toEqual([{ code: "cf", name: "Cedar Falls", role: "primary", path: "b" }]);
  });

  it("refuses a duplicate code before asking or writing anything", async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, "federation.yaml"), FEDERATION);
    let asked = 0;
    await expect(createSite({ code: "wf", cwd, federation: "federation.yaml", ask: async () => (asked++, "") })).rejects.toThrow(
      `${path.join(cwd, "federation.yaml")}: a site with code "wf" is already listed`,
    );
    expect(asked).toBe(0);
    const run = await cli(["create-site", "wf", ...FLAGS, "--federation", "federation.yaml"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`netstack: ${path.join(cwd, "federation.yaml")}: a site with code "wf" is already listed\n`);
    expect(listTree(cwd)).toEqual(["federation.yaml"]);
    expect(readFileSync(path.join(cwd, "federation.yaml"), "utf8")).toBe(FEDERATION);
  });

  it("refuses a broken federation file with one line", async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, "bad.yaml"), "sites: [\n");
    const bad = await cli(["create-site", "cf", ...FLAGS, "--federation", "bad.yaml"], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^netstack: .*bad\.yaml:\d+:\d+: invalid YAML: .+\n$/);
    expect(listTree(cwd)).toEqual(["bad.yaml"]);
  });

  it("--dry-run says it would register the site and leaves the file alone", async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, "federation.yaml"), FEDERATION);
    const run = await cli(["create-site", "cf", ...FLAGS, "--federation", "federation.yaml", "--dry-run"], { cwd });
    expect(run.stdout.trim().split("\n").at(-1)).toBe("Would add cf to federation.yaml (path: cf)");
    expect(readFileSync(path.join(cwd, "federation.yaml"), "utf8")).toBe(FEDERATION);
    expect(listTree(cwd)).toEqual(["federation.yaml"]);
  });
});

describe("create-site in a real terminal", () => {
  const hasScript = spawnSync("script", ["--version"]).status === 0;
  /** Runs the bin under `script`, so stdin is a pseudo-terminal; `input` is typed all at once. */
  const inTerminal = (cwd: string, args: string, input: string) =>
    spawnSync("script", ["-qec", `${process.execPath} ${path.join(REPO, "bin/netstack.js")} ${args}`, "/dev/null"], { cwd, input, encoding: "utf8", timeout: 30_000 });

  it.runIf(hasScript)("prompts for the missing answers; typed-ahead answers are all used; a bad one is asked again", () => {
    const cwd = tempDir();
    const run = inTerminal(cwd, "create-site pt --role backup", "Pty Site\n10.9.0.1/16\n10.9.0.0/16\n\npublic\n");
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain('--subnet "10.9.0.1/16" has host bits set; did you mean 10.9.0.0/16?');
    expect(run.stdout).toContain("Created site pt (Pty Site) in pt/: 26 files.");
    const config = parseYaml(readFileSync(path.join(cwd, "pt/site.yaml"), "utf8"));
    expect(config).toMatchObject({ code: "pt", name: "Pty Site", role: "backup", subnet: "10.9.0.0/16", visibility: "public" });
  });

  it.runIf(hasScript)("input that ends before every answer is given: exit 2, nothing written", () => {
    const cwd = tempDir();
    const run = inTerminal(cwd, "create-site pt", "Only a name\n");
    expect(run.status).toBe(2);
    expect(run.stdout).toContain("netstack: create-site: input ended before every answer was given");
    expect(listTree(cwd)).toEqual([]);
  });
});
