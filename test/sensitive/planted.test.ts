import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { progressLine } from "../../src/cli/progress.js";
import { cleanTempDirs, netstack, tempDir, writeFiles } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

/**
 * Secrets planted in every column of every table kind, in key/value rows, in prose, in a script,
 * in backup state, in a monitor log and in a repo URL; then every command in every format runs
 * and all it prints and writes is searched for them. None may appear anywhere: messages, exports,
 * pages, the build cache, MkDocs' own output, fetch errors.
 */
const GITHUB = `ghp_${"Zq8Wm2Xk9Lr4Tb7Nv3Pc6Hd1Js5GfAeQ1"}`;
const SECRETS = {
  bare: "Hunter2!Secret",
  other: "Quartz!Otter88",
  github: GITHUB,
  aws: "AKIAQYLPMN5HHHFPZAM2",
  column: "Pass4Column",
  login: "Login7Ridge",
  labelled: "raspberry9x",
  url: "Tr0ub4dor9",
  script: "Harbor2Seal",
};

const row = (n: number, value: string) => `| ${Array.from({ length: n }, () => value).join(" | ")} |`;

function plantedSite(): Record<string, string> {
  const deviceHeader = ["name", "type", "role", "ip", "mac", "overlay", "port", "location", "host", "status", "notes", "link", "pw", "login", "Kennwort"];
  const devices = [
    "# Devices",
    "",
    `| ${deviceHeader.join(" | ")} |`,
    `|${deviceHeader.map(() => "---").join("|")}|`,
    "| gw | gateway | ng | 192.168.5.1 | aa:bb:cc:00:00:01 | - | - | rack | - | active | fine | - | - | - | - |",
    row(deviceHeader.length, SECRETS.bare),
    row(deviceHeader.length, SECRETS.github),
    `| nas | storage | sg | 192.168.5.10 | aa:bb:cc:00:00:02 | - | - | rack | - | active | login admin / ${SECRETS.other} | [ui](https://ops:${SECRETS.url}@nas.lan/) | ${SECRETS.column} | admin / ${SECRETS.login} | ${SECRETS.aws} |`,
    "",
    `The NAS password: ${SECRETS.labelled}, and the token ${SECRETS.github} for CI.`,
    "",
  ].join("\n");
  const serviceHeader = ["service", "host", "port", "url", "type", "exposure", "status", "notes", "password"];
  const services = ["# Services", "", `| ${serviceHeader.join(" | ")} |`, `|${serviceHeader.map(() => "---").join("|")}|`, row(serviceHeader.length, SECRETS.bare), row(serviceHeader.length, SECRETS.aws), ""].join("\n");
  const network = [
    "# Network",
    "",
    "## Subnet",
    "",
    "| key | value |",
    "|---|---|",
    "| subnet | 192.168.5.0/24 |",
    `| wifi password | ${SECRETS.column} |`,
    `| ${SECRETS.bare} | ${SECRETS.other} |`,
    "",
    "## Overlay",
    "",
    "| node | overlay ip | lan ip | type |",
    "|---|---|---|---|",
    row(4, SECRETS.bare),
    "",
    "## Share mappings",
    "",
    "| source | target | mount | purpose | transport |",
    "|---|---|---|---|---|",
    row(5, SECRETS.bare),
    "",
    "## Backup flows",
    "",
    "| from | to | mode | tier | via | schedule |",
    "|---|---|---|---|---|---|",
    row(6, SECRETS.bare),
    "",
    "## Unrecognized",
    "",
    "| thing | creds | remark |",
    "|---|---|---|",
    `| printer | admin / ${SECRETS.login} | ${SECRETS.other} |`,
    "",
  ].join("\n");
  return {
    "site.yaml": "code: ts\nname: Test Site\nsubnet: 192.168.5.0/24\n",
    ".gitignore": "ops/sensitive/\nops/backup/logs/\nops/backup/.backup-state\ndocs/log/\n*.env\n*.env.*\n",
    "docs/devices.md": devices,
    "docs/services.md": services,
    "docs/network.md": network,
    "docs/notes.md": `# Notes\n\n- root:${SECRETS.other} on the rescue image\n- ${SECRETS.aws}\n`,
    "ops/monitor/mount.sh": `#!/bin/sh\nmount -t cifs //nas/b /mnt -o username=ops,password=${SECRETS.script}\n`,
    "ops/monitor/check.log": `checking nas: login admin / ${SECRETS.other} ok\n`,
    "ops/backup/.backup-state": `{ "last_run": "2026-05-17T02:00:00Z", "status": "success", "items_backed_up": 4, "target": "${SECRETS.bare}" }\n`,
  };
}

/** Every file under a directory (or the file itself), recursively, as text. */
function readAll(dir: string): { file: string; text: string }[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return [{ file: dir, text: readFileSync(dir, "latin1") }];
  return readdirSync(dir).flatMap((name) => {
    const abs = path.join(dir, name);
    return statSync(abs).isDirectory() ? readAll(abs) : [{ file: abs, text: readFileSync(abs, "latin1") }];
  });
}

/** Undoes the escapes output may add (Markdown backslashes, HTML and JSON escapes), so an escaped secret is found too. */
function unescape(text: string): string {
  return Buffer.from(text, "latin1")
    .toString("utf8")
    .replace(/\\(.)/g, "$1")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCharCode(parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

function leaks(where: string, text: string): string[] {
  const plain = unescape(text);
  return Object.values(SECRETS).flatMap((s) => (text.includes(s) || plain.includes(s) ? [`${where}: ${s}`] : []));
}

describe("no output carries a planted secret", () => {
  const work = tempDir();
  const root = path.join(work, "ts");
  writeFiles(root, plantedSite());
  const federation = (extra: string[]) => ["name: planted", "sites:", "  - code: ts", "    name: Test Site", "    path: ts", ...extra, ""].join("\n");
  writeFiles(work, {
    "federation.yaml": federation([]),
    // A repo URL with a password; the fetch fails at once (nothing listens on port 9 of the loopback).
    "fetch.yaml": federation(["  - code: rp", "    name: Remote", `    repo: "https://ops:${SECRETS.bare}@127.0.0.1:9/site.git"`]),
  });
  const cache = path.join(work, "repo-cache");

  it("the planted site really holds every secret (the files are what the commands read)", () => {
    const all = readAll(root).map((f) => f.text).join("\n");
    for (const secret of Object.values(SECRETS)) expect(all).toContain(secret);
  });

  const runs: { args: string[]; out?: string }[] = [
    ...["stylish", "json", "sarif", "github"].flatMap((f) => [{ args: ["lint", root, "--format", f] }, { args: ["lint", root, "--format", f, "--profile", "public"] }]),
    { args: ["lint", path.join(root, "ops/monitor/mount.sh")] },
    ...["stylish", "json", "sarif", "github"].flatMap((f) => [{ args: ["check", "federation.yaml", "--format", f, "--cache", cache] }, { args: ["check", "fetch.yaml", "--format", f, "--cache", cache] }]),
    { args: ["inventory", "fetch.yaml", "--cache", cache] },
    { args: ["status", "fetch.yaml", "--cache", cache] },
    { args: ["build", "fetch.yaml", "--out", "fetched", "--cache", cache], out: "fetched" },
    ...["json", "yaml", "ansible", "ansible-yaml", "netbox"].map((f) => ({ args: ["inventory", "federation.yaml", "--format", f, "--cache", cache] })),
    ...["json", "yaml"].map((f) => ({ args: ["inventory", "federation.yaml", "--format", f, "--cache", cache, "-o", `export.${f}`], out: `export.${f}` })),
    { args: ["inventory", "federation.yaml", "--format", "csv", "--cache", cache, "-o", "csv"], out: "csv" },
    { args: ["inventory", "ts", "--format", "csv", "--kind", "devices"] },
    { args: ["status", "federation.yaml", "--cache", cache] },
    { args: ["status", "federation.yaml", "--format", "json", "--cache", cache] },
    { args: ["build", "federation.yaml", "--out", "public", "--cache", cache], out: "public" },
    // Again: the second build comes from the build cache.
    { args: ["build", "federation.yaml", "--out", "public", "--cache", cache], out: "public" },
    { args: ["build", "federation.yaml", "--out", "private", "--profile", "private", "--cache", cache], out: "private" },
    { args: ["build", "ts", "--out", "site-build", "--no-cache"], out: "site-build" },
  ];

  for (const run of runs) {
    it(`netstack ${run.args.join(" ").replaceAll(work, "…")}`, () => {
      const result = netstack(run.args, { cwd: work });
      expect(result.code, result.stderr).not.toBe(2);
      if (run.args[0] === "inventory" && !run.args.includes("fetch.yaml")) expect(result.code, result.stderr).toBe(0);
      const found = [...leaks("stdout", result.stdout), ...leaks("stderr", result.stderr)];
      if (run.out) for (const f of readAll(path.join(work, run.out))) found.push(...leaks(path.relative(work, f.file), f.text));
      expect(found).toEqual([]);
    });
  }

  it("--include-secrets keeps them: the search above can find what it looks for", () => {
    const result = netstack(["inventory", "federation.yaml", "--include-secrets", "--cache", cache], { cwd: work });
    const found = leaks("stdout", result.stdout).map((l) => l.slice("stdout: ".length));
    expect(found.sort()).toEqual([SECRETS.aws, SECRETS.bare, SECRETS.column, SECRETS.github, SECRETS.login, SECRETS.other, SECRETS.url].sort());
  });

  it("the build cache and the repo cache hold none", () => {
    const found = [...readAll(path.join(work, ".netstack-cache")), ...readAll(cache)].flatMap((f) => leaks(path.relative(work, f.file), f.text));
    expect(found).toEqual([]);
  });

  it("the fetch error names the repo with its password masked", () => {
    const result = netstack(["check", "fetch.yaml", "--cache", cache], { cwd: work });
    expect(result.stdout).toContain("Site rp: cannot fetch https://***@127.0.0.1:9/site.git");
  });

  const mkdocs = spawnSync("mkdocs", ["--version"], { encoding: "utf8" });
  it.skipIf(mkdocs.status !== 0)("mkdocs' built site, search index included, holds none", () => {
    const result = netstack(["build", "federation.yaml", "--out", "mk", "--mkdocs", "--no-cache", "--cache", cache], { cwd: work });
    expect(result.stderr).toContain("mkdocs build --strict passed");
    const files = readAll(path.join(work, "mk/site"));
    expect(files.some((f) => f.file.endsWith("search_index.json"))).toBe(true);
    expect(files.flatMap((f) => leaks(path.relative(work, f.file), f.text))).toEqual([]);
  }, 120_000);

  it("a progress line is masked", () => {
    let written = "";
    const line = progressLine({ stderrIsTty: true, stderr: (t: string) => (written += t) } as never, () => 0);
    line.update?.({ step: "fetch", code: `https://ops:${SECRETS.bare}@host/x`, done: 0, total: 1 });
    expect(written).toContain("netstack: fetching site repos 0/1");
    expect(leaks("progress", written)).toEqual([]);
  });
});
