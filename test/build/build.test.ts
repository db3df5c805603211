import { existsSync, readFileSync, statSync, utimesSync, writeFileSync, appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toInventory } from "../../src/emit/inventory.js";
import { runMkdocs } from "../../src/emit/mkdocs/index.js";
import { loadFederation } from "../../src/federation/load.js";
import { cleanTempDirs, netstack, tempDir, writeFiles } from "../foundation/helpers.js";
import { copyFederation, FIXTURE, NOW, readTree } from "./helpers.js";

afterAll(cleanTempDirs);

const XSS = "<img src=x onerror=alert(1)>";

const PAGES = [
  "docs/backup.md",
  "docs/index.md",
  "docs/inventory.json",
  "docs/inventory.md",
  "docs/inventory.yaml",
  ...["cf", "sl", "wf"].flatMap((code) => ["devices", "index", "network", "services", "status"].map((p) => `docs/sites/${code}/${p}.md`)),
  "mkdocs.yml",
];

describe("netstack build of the example federation", () => {
  let out: string;
  beforeAll(() => {
    out = path.join(tempDir(), "site");
  });

  it("writes the MkDocs project and exits 0", () => {
    const result = netstack(["build", path.join(FIXTURE, "federation.yaml"), "--out", out, "--now", NOW, "--theme", "mkdocs"]);
    expect(result.stderr).toMatch(/^netstack: built 18 pages of 3 site\(s\) into .*site \(24 written, 0 unchanged\)\n$/);
    expect(result.code).toBe(0);
    expect([...readTree(out).keys()].filter((k) => !k.startsWith("docs/assets/")).sort()).toEqual([...PAGES].sort());
    expect([...readTree(out).keys()].filter((k) => k.startsWith("docs/assets/"))).toEqual([
      "docs/assets/javascripts/mermaid.min.js",
      "docs/assets/javascripts/netstack-mermaid.js",
      "docs/assets/stylesheets/netstack.css",
    ]);
    const index = readFileSync(path.join(out, "docs/index.md"), "utf8");
    expect(index).toMatch(/\| \[cf\]\(sites\/cf\/index\.md\) \| Cedar Falls \| primary \| \d+ \| \d+ \| 22h ago · ok \| 0 \|\n/);
    expect(index).toMatch(/\| Site \| compute \| storage \| gateway \| dev \| workstation \| switch \| media \| iot \| other \| Total \|\n/);
    expect(index).toContain("| [cf](sites/cf/status.md) | --- BACKUP: last run 22h ago, success, 4 items to offsite-1 --- |");
    expect(index).toContain("No errors: every rule passes.");
    const backup = readFileSync(path.join(out, "docs/backup.md"), "utf8");
    expect(backup).toContain("```mermaid\nflowchart LR\n");
    expect(backup).toContain("### Tier critical");
    expect(backup).toContain('| sl:slnas | cfws1 | <span class="ns-path">S:</span> | O\'Fallon scans folder | wireguard | active |');
    const mkdocs = readFileSync(path.join(out, "mkdocs.yml"), "utf8");
    expect(mkdocs).toContain("      - cf · Cedar Falls:\n          - Overview: sites/cf/index.md\n");
    expect(mkdocs).toContain("  - assets/javascripts/mermaid.min.js\n");
  });

  it("keeps mkdocs' output (<out>/site) when built again without --mkdocs", () => {
    const own = path.join(tempDir(), "site");
    const args = ["build", path.join(FIXTURE, "federation.yaml"), "--out", own, "--now", NOW, "--theme", "mkdocs"];
    expect(netstack(args).code).toBe(0);
    writeFiles(own, { "site/index.html": "<p>the last mkdocs build</p>\n" });
    const result = netstack(args);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(path.join(own, "site/index.html"), "utf8")).toBe("<p>the last mkdocs build</p>\n");
    expect(existsSync(path.join(own, "docs/index.md"))).toBe(true);
  });

  it("keeps the operator's prose around re-rendered tables", () => {
    const devices = readFileSync(path.join(out, "docs/sites/cf/devices.md"), "utf8");
    expect(devices.startsWith("# Cedar Falls — devices\n\nEverything with an IP at the Cedar Falls farm office")).toBe(true);
    expect(devices).toContain("## Server closet (ops-rm1)\n\n| Name | Type | Role | Port | Location | Host | Status | Notes |\n|---|---|---|---|---|---|---|---|\n| **Rack A** |");
    expect(devices).toContain("| cfoldnas | storage | sg |  | ops-rm1 |  | retired | DS214play, replaced by cfnas 2024-03 |\n\nThe old NAS kept its address");
  });

  it("is byte-identical when built twice, and --now equals SOURCE_DATE_EPOCH", () => {
    const again = path.join(tempDir(), "again");
    const epoch = String(Date.parse(NOW) / 1000);
    expect(netstack(["build", path.join(FIXTURE, "federation.yaml"), "--out", again, "--theme", "mkdocs"], { env: { SOURCE_DATE_EPOCH: epoch } }).code).toBe(0);
    expect(readTree(again)).toEqual(readTree(out));
  });

  it("rewrites only what changed: unchanged files keep their mtime", () => {
    const past = new Date("2001-02-03T04:05:06Z");
    for (const rel of readTree(out).keys()) utimesSync(path.join(out, rel), past, past);
    const result = netstack(["build", path.join(FIXTURE, "federation.yaml"), "--out", out, "--now", "2026-05-18T06:00:00Z", "--theme", "mkdocs"]);
    expect(result.stderr).toContain("(7 written, 17 unchanged");
    const changed = [...readTree(out).keys()].filter((rel) => statSync(path.join(out, rel)).mtimeMs !== past.getTime()).sort();
    // Only the pages showing the status time and backup ages.
    expect(changed).toEqual([
      "docs/index.md",
      "docs/sites/cf/index.md",
      "docs/sites/cf/status.md",
      "docs/sites/sl/index.md",
      "docs/sites/sl/status.md",
      "docs/sites/wf/index.md",
      "docs/sites/wf/status.md",
    ]);
  });
});

/** Every address of the federation's inventory, as regexes matching any way it may be written. */
async function addressesOf(federationFile: string): Promise<RegExp[]> {
  const federation = await loadFederation(federationFile);
  const inventory = toInventory(federation.sites, { name: "x", generatedFrom: "x" });
  const values = new Set<string>();
  for (const site of inventory.sites) {
    for (const v of [site.subnet, site.network.subnet, site.network.gateway, site.network.dns]) if (v) values.add(v.replace(/\/\d+$/, ""));
    for (const d of site.devices) for (const v of [d.ip, d.mac, d.overlay]) if (v) values.add(v);
    for (const o of site.overlay) for (const v of [o.ip, o.overlay]) if (v) values.add(v);
  }
  expect(values.size).toBeGreaterThan(100);
  return [...values].map((v) =>
    /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(v)
      ? new RegExp(v.split(":").join("[-:]"), "i")
      : new RegExp(`(?<![\\d.])${v.replace(/\./g, "\\.")}(?![\\d])`),
  );
}

describe("profiles", () => {
  it("public: no IP, MAC, overlay id or e-mail anywhere in the built site, HTML included", async () => {
    const federation = copyFederation();
    appendFileSync(path.join(federation, "cf/docs/network.md"), "\nQuestions to noc@cedarfalls-farm.net, gateway 192.168.9.1, zt network a1b2c3d4e5f60718.\n");
    appendFileSync(
      path.join(federation, "cf/docs/services.md"),
      "\n## Logins\n\n| Service | Host | Port | User | PW |\n|---|---|---|---|---|\n| Printer | cfprint | 80 | admin | Tr0ub4dor&3x |\n\nThe switch still answers to admin-Password1# until it is reset.\n",
    );
    const out = path.join(tempDir(), "public");
    const result = netstack(["build", path.join(federation, "federation.yaml"), "--out", out, "--now", NOW, "--mkdocs"]);
    expect(result.stderr).toContain("mkdocs build --strict passed");
    expect(existsSync(path.join(out, "site/sites/cf/devices.html"))).toBe(true);
    const patterns = [...(await addressesOf(path.join(federation, "federation.yaml"))), /noc@cedarfalls-farm\.net/, /a1b2c3d4e5f60718/, /Tr0ub4dor/, /Password1#/];
    const leaks: string[] = [];
    for (const [rel, bytes] of readTree(out)) {
      if (/\.(gz|png|ico|woff2?|ttf)$/.test(rel)) continue;
      const text = bytes.toString("utf8");
      for (const pattern of patterns) if (pattern.test(text)) leaks.push(`${rel}: ${pattern}`);
    }
    expect(leaks).toEqual([]);
    expect(readFileSync(path.join(out, "docs/sites/cf/network.md"), "utf8")).toContain("Questions to ‹redacted›, gateway ‹redacted›, zt network ‹redacted›.");
    const services = readFileSync(path.join(out, "docs/sites/cf/services.md"), "utf8");
    expect(services).toContain("| Name | Host | Port | Status | User |\n|---|---|---|---|---|\n| Printer | cfprint | 80 | active | admin |");
    expect(services).toContain("The switch still answers to admin-‹redacted› until it is reset.");
  });

  it("private: merges ops/sensitive/hosts.yaml and shows the address columns", () => {
    const federation = copyFederation();
    writeFiles(federation, { "cf/ops/sensitive/hosts.yaml": "# name: address\ncfups: 192.168.9.88\n" });
    const out = path.join(tempDir(), "private");
    expect(netstack(["build", path.join(federation, "federation.yaml"), "--out", out, "--now", NOW, "--profile", "private"]).code).toBe(0);
    const devices = readFileSync(path.join(out, "docs/sites/cf/devices.md"), "utf8");
    expect(devices).toContain("| Name | Type | Role | IP | MAC | Port | Location | Host | Status | Notes |");
    expect(devices).toContain("| cfups | other |  | 192.168.9.88 | 00:c0:b7:5a:31:0c | sw1p8 |");
    const inventory = JSON.parse(readFileSync(path.join(out, "docs/inventory.json"), "utf8"));
    expect(inventory.sites[0].devices.find((d: { name: string }) => d.name === "cfups").ip).toBe("192.168.9.88");
  });
});

describe("escaping", () => {
  it("shows a device named like an HTML tag as text, in Markdown and in mkdocs' HTML", () => {
    const federation = copyFederation();
    const devices = path.join(federation, "cf/docs/devices.md");
    writeFileSync(devices, readFileSync(devices, "utf8").replace(/\|\s*cfups\s*\|\s*other\s*\|/, `| ${XSS} | other |`));
    const out = path.join(tempDir(), "xss");
    const result = netstack(["build", path.join(federation, "federation.yaml"), "--out", out, "--now", NOW, "--mkdocs", "--theme", "mkdocs"]);
    expect(result.stderr).toContain("mkdocs build --strict passed");
    const md = readFileSync(path.join(out, "docs/sites/cf/devices.md"), "utf8");
    expect(md).toContain("| &lt;img src=x onerror=alert(1)&gt; | other |");
    for (const page of ["site/sites/cf/devices.html", "site/inventory.html"]) {
      const html = readFileSync(path.join(out, page), "utf8");
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
      expect(html).not.toContain("<img src=x");
    }
  });
});

describe("a federation with rule errors", () => {
  it("still builds, lists the errors on the index, and exits 1", () => {
    const federation = copyFederation();
    const devices = path.join(federation, "sl/docs/devices.md");
    const text = readFileSync(devices, "utf8");
    const firstRow = text.split("\n").find((l) => /^\|\s*sl[a-z0-9-]+\s*\|/.test(l))!;
    writeFileSync(devices, text.replace(firstRow, `${firstRow}\n${firstRow}`));
    const out = path.join(tempDir(), "errors");
    const result = netstack(["build", path.join(federation, "federation.yaml"), "--out", out, "--now", NOW, "--mkdocs", "--theme", "mkdocs"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/netstack: \d+ rule error\(s\), listed on the index page/);
    expect(result.stderr).toContain("mkdocs build --strict passed");
    const index = readFileSync(path.join(out, "docs/index.md"), "utf8");
    expect(index).toMatch(/\| sl\/docs\/devices\.md:\d+:\d+ \| device\/duplicate-name \| /);
    expect(readFileSync(path.join(out, "docs/sites/sl/index.md"), "utf8")).toContain("| device/duplicate-name |");
  });
});

describe("mkdocs", () => {
  it("passes --strict with the material theme too", () => {
    const out = path.join(tempDir(), "material");
    const result = netstack(["build", path.join(FIXTURE, "federation.yaml"), "--out", out, "--now", NOW, "--mkdocs", "--theme", "material"]);
    expect(result.stderr).toContain("mkdocs build --strict passed");
    expect(readFileSync(path.join(out, "mkdocs.yml"), "utf8")).toContain("  name: material\n  # No web fonts");
  });

  it("says in one line when mkdocs is not installed, exit 2", () => {
    const out = path.join(tempDir(), "nomkdocs");
    const result = netstack(["build", path.join(FIXTURE, "federation.yaml"), "--out", out, "--now", NOW, "--mkdocs", "--theme", "mkdocs"], {
      env: { PATH: "/nonexistent" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n").at(-1)).toBe("netstack: mkdocs is not installed (apt-get install mkdocs mkdocs-material python3-pymdownx)");
  });

  it("reports a failing page by name", () => {
    const project = tempDir();
    writeFiles(project, {
      "mkdocs.yml": "site_name: broken\nnav:\n  - Home: index.md\n",
      "docs/index.md": "# Home\n\nSee [the missing page](missing.md).\n",
    });
    const result = runMkdocs(project);
    expect(result.ok).toBe(false);
    expect(result.page).toBe("index.md");
    expect(result.message).toContain("missing.md");
  });
});

describe("usage", () => {
  it("needs --out, in one line, exit 2", () => {
    const result = netstack(["build", path.join(FIXTURE, "federation.yaml")]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "netstack: build: --out DIR is required\n" });
  });

  it("rejects a bad --now and a bad --profile", () => {
    expect(netstack(["build", FIXTURE, "--out", tempDir(), "--now", "yesterday"]).stderr).toBe('netstack: --now must be an ISO 8601 time or epoch seconds (got "yesterday")\n');
    expect(netstack(["build", FIXTURE, "--out", tempDir(), "--profile", "secret"]).stderr).toBe('netstack: --profile must be one of public, private (got "secret")\n');
  });
});

describe("per-site mode", () => {
  it("builds one site's pages at the top of docs/", () => {
    const out = path.join(tempDir(), "cf-site");
    const result = netstack(["build", path.join(FIXTURE, "cf"), "--out", out, "--now", NOW, "--mkdocs", "--theme", "mkdocs"]);
    expect(result.stderr).toContain("mkdocs build --strict passed");
    expect(result.code).toBe(0);
    expect([...readTree(out).keys()].filter((k) => !k.startsWith("site/")).sort()).toEqual(
      ["docs/assets/stylesheets/netstack.css", "docs/devices.md", "docs/index.md", "docs/inventory.json", "docs/inventory.yaml", "docs/network.md", "docs/services.md", "docs/status.md", "mkdocs.yml"],
    );
    expect(readFileSync(path.join(out, "docs/index.md"), "utf8")).toContain("# Cedar Falls (cf)\n");
  });

  it("--update-nav rewrites the site's own .mkdocs/mkdocs.yml nav and keeps its comments", () => {
    const site = path.join(copyFederation(), "cf");
    mkdirSync(path.join(site, ".mkdocs"), { recursive: true });
    writeFiles(site, {
      ".mkdocs/mkdocs.yml": "# The site's own docs.\nsite_name: Cedar Falls # shown in the header\ndocs_dir: ../docs\nnav:\n  - Start: index.md # the operator's title\n  - Devices: devices.md\ntheme:\n  name: mkdocs # plain theme\n",
      "docs/index.md": "# Cedar Falls\n",
      "docs/storage/zfs.md": "# ZFS pools\n",
      "docs/log/2026-05-01.md": "# session log\n",
    });
    const result = netstack(["build", site, "--update-nav"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("nav updated");
    expect(readFileSync(path.join(site, ".mkdocs/mkdocs.yml"), "utf8")).toBe(
      "# The site's own docs.\nsite_name: Cedar Falls # shown in the header\ndocs_dir: ../docs\nnav:\n  - Start: index.md\n  - Devices: devices.md\n  - Cedar Falls — services: services.md\n  - Cedar Falls — network: network.md\n  - Storage:\n      - ZFS pools: storage/zfs.md\ntheme:\n  name: mkdocs # plain theme\n",
    );
    expect(netstack(["build", site, "--update-nav"]).stderr).toContain("nav already up to date");
  });
});
