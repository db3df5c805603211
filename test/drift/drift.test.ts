import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs, netstack, repoRoot, tempDir } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

const FIXTURE = path.join(repoRoot, "fixtures/drift");
/** Every format, in the order a collector would hand them over. */
const FILES = [
  "scan.xml",
  "neigh.json",
  "arp-linux.txt",
  "arp-bsd.txt",
  "arp-windows.txt",
  "dnsmasq.leases",
  "dhcpd.leases",
  "mikrotik-leases.txt",
  "listpeers.json",
  "listnetworks.json",
  "central-members.json",
  "controller-members.json",
].map((f) => `observations/${f}`);
const CLOCK = ["--now", "2026-05-17T12:00:00Z", "--observed-at", "2026-05-17T10:00:00Z"];

/** A copy of the fixture (site and observations) to write into. */
function copy(): string {
  const dir = tempDir();
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** Each planted difference, once, where it belongs; nothing else. */
const PLANTED = [
  'observations/central-members.json:49:3 warn drift/overlay-unknown Overlay member node abcdef0123 (10.147.40.99, named "travel-laptop") is in no table; seen in central-members.json:49',
  'observations/mikrotik-leases.txt:6:1 warn drift/undocumented 192.168.40.120 (MAC da:a1:19:5c:7e:02, named "Galaxy-S23") is on the network but in no table; seen in mikrotik-leases.txt:6',
  'observations/scan.xml:34:1 warn drift/undocumented 192.168.40.77 (MAC b8:27:eb:12:34:56, Raspberry Pi Foundation, named "pihole.deer-run.lan") is on the network but in no table; seen in scan.xml:34, arp-linux.txt:2, dnsmasq.leases:1',
  "site/docs/devices.md:9:26 warn drift/address-mismatch drnas is documented at 192.168.40.10 but was seen at 192.168.40.44 (MAC 00:11:32:aa:bb:01; neigh.json:1, dhcpd.leases:16)",
  "site/docs/devices.md:11:37 warn drift/address-mismatch 192.168.40.50, documented for drcam with MAC 9c:8e:cd:00:00:01, answered as 192.168.40.50 (MAC 9c:8e:cd:00:00:99, Amcrest Technologies); seen in arp-windows.txt:5",
  "site/docs/devices.md:12:3 warn drift/not-seen drprinter was last seen 27 days before the latest observation (2026-04-20, 2026-04-20.jsonl:1); drift.maxUnseen is 14d",
  "site/docs/devices.md:15:3 warn drift/retired-seen drold is retired but answers at 192.168.40.30 (MAC 00:1e:4f:00:00:30, Dell Inc.); seen in arp-bsd.txt:2",
];

interface Found {
  file: string;
  line: number;
  column: number;
  severity: string;
  ruleId: string;
  message: string;
}
const lines = (stdout: string) => (JSON.parse(stdout) as Found[]).map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`);

describe("netstack drift on a fixture site with planted drift in every format", () => {
  it("reports each planted difference once, at the observation line or the table row, and nothing else", () => {
    const result = netstack(["drift", "site", ...FILES, ...CLOCK, "--format", "json"], { cwd: FIXTURE });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toEqual(PLANTED);
  });

  it("in every diagnostic format: stylish, sarif, github", () => {
    const stylish = netstack(["drift", "site", ...FILES, ...CLOCK], { cwd: FIXTURE });
    expect(stylish.stdout).toContain("✖ 7 problems (0 errors, 7 warnings)");
    const sarif = JSON.parse(netstack(["drift", "site", ...FILES, ...CLOCK, "--format", "sarif"], { cwd: FIXTURE }).stdout);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(PLANTED.map((l) => l.split(" ")[2]).sort());
    const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(rules).toEqual(expect.arrayContaining(["drift/undocumented", "drift/not-seen"]));
    const github = netstack(["drift", "site", ...FILES, ...CLOCK, "--format", "github"], { cwd: FIXTURE }).stdout.trim().split("\n");
    expect(github).toHaveLength(7);
    expect(github[2]).toBe(
      "::warning file=observations/scan.xml,line=34,col=1,title=drift/undocumented::192.168.40.77 (MAC b8:27:eb:12:34:56, Raspberry Pi Foundation, named \"pihole.deer-run.lan\") is on the network but in no table; seen in scan.xml:34, arp-linux.txt:2, dnsmasq.leases:1",
    );
  });

  it("per-site severities and inline disables apply as for every rule", () => {
    const dir = copy();
    const yaml = path.join(dir, "site/site.yaml");
    writeFileSync(yaml, `${readFileSync(yaml, "utf8")}rules:\n  drift/undocumented: error\n  drift/overlay-unknown: off\n`);
    const devices = path.join(dir, "site/docs/devices.md");
    writeFileSync(devices, readFileSync(devices, "utf8").replace("| Name | Type |", "<!-- netstack-disable drift/not-seen -->\n\n| Name | Type |"));
    const result = netstack(["drift", "site", ...FILES, ...CLOCK, "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    const found = (JSON.parse(result.stdout) as Found[]).map((d) => `${d.ruleId} ${d.severity}`);
    expect(found).toEqual(["drift/undocumented error", "drift/undocumented error", "drift/address-mismatch warn", "drift/address-mismatch warn", "drift/retired-seen warn"]);
  });

  it("a damaged or unknown file is reported at its line; the others are still compared", () => {
    const dir = copy();
    writeFileSync(path.join(dir, "observations/notes.txt"), "just some notes\n");
    writeFileSync(path.join(dir, "observations/dnsmasq.leases"), `${readFileSync(path.join(dir, "observations/dnsmasq.leases"), "utf8")}this line is damaged\n`);
    const result = netstack(["drift", "site", ...FILES, "observations/notes.txt", ...CLOCK, "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    const found = lines(result.stdout).filter((l) => l.includes("unreadable-observation"));
    expect(found).toEqual([
      "observations/dnsmasq.leases:3:1 warn drift/unreadable-observation not a dnsmasq lease line (expiry, MAC or IAID, IP, host name, client id); skipped",
      expect.stringMatching(/^observations\/notes\.txt:1:1 error drift\/unreadable-observation not an observation netstack reads \(nmap -oX XML/),
    ]);
    expect(lines(result.stdout).filter((l) => !l.includes("unreadable-observation"))).toEqual(PLANTED);
  });

  it("--record keeps one JSON-lines file a day, adds nothing twice, prunes past the retention, and status shows the drift", () => {
    const dir = copy();
    const observed = path.join(dir, "site/ops/sensitive/observed");
    // Older than drift.retention (90d): neither read nor kept.
    writeFileSync(path.join(observed, "2025-12-01.jsonl"), readFileSync(path.join(observed, "2026-04-20.jsonl"), "utf8").replaceAll("2026-04-20", "2025-12-01"));
    const first = netstack(["drift", "site", ...FILES, ...CLOCK, "--record", "--format", "json"], { cwd: dir });
    expect(lines(first.stdout)).toEqual(PLANTED);
    expect(readdirSync(observed).sort()).toEqual(["2026-04-20.jsonl", "2026-05-10.jsonl", "2026-05-17.jsonl", "findings.json"]);
    const today = readFileSync(path.join(observed, "2026-05-17.jsonl"), "utf8").trim().split("\n");
    expect(today).toHaveLength(26);
    expect(JSON.parse(today[0]!)).toEqual({
      time: "2026-05-17T10:00:04.000Z",
      source: "nmap-xml",
      from: "scan.xml:9",
      ip: "192.168.40.2",
      mac: "48:8f:5a:00:00:02",
      name: null,
      vendor: "Routerboard.com",
      overlay: null,
      ports: ["80/tcp"],
    });
    const state = JSON.parse(readFileSync(path.join(dir, "site/ops/monitor/.drift-state"), "utf8"));
    expect(state).toEqual({
      checked: "2026-05-17T12:00:00.000Z",
      lastObservation: "2026-05-17T10:00:04.000Z",
      counts: { "drift/undocumented": 2, "drift/address-mismatch": 2, "drift/retired-seen": 1, "drift/not-seen": 1, "drift/overlay-unknown": 1 },
    });
    expect(JSON.stringify(state)).not.toMatch(/192\.168|[0-9a-f]{2}(:[0-9a-f]{2}){5}/);

    netstack(["drift", "site", ...FILES, ...CLOCK, "--record"], { cwd: dir });
    expect(readFileSync(path.join(observed, "2026-05-17.jsonl"), "utf8").trim().split("\n")).toHaveLength(26);

    // Later, with no new observation: the history alone says the printer is still missing.
    const later = netstack(["drift", "site", "--now", "2026-05-18T12:00:00Z", "--format", "json"], { cwd: dir });
    expect(lines(later.stdout)).toEqual([PLANTED[5]]);

    const status = netstack(["status", "site", "--now", "2026-05-17T12:00:00Z"], { cwd: dir });
    expect(status.stdout).toBe(
      "--- BACKUP: ⚠️ NO STATE — no .backup-state yet ---\n--- DRIFT: last observation 1h ago; 2 undocumented, 2 address-mismatch, 1 retired-seen, 1 not-seen, 1 overlay-unknown ---\n",
    );
  });

  it("--propose prints the add-node commands; --apply adds one unverified row per device and keeps every other byte", () => {
    const dir = copy();
    const devices = path.join(dir, "site/docs/devices.md");
    const before = readFileSync(devices, "utf8");
    const proposed = netstack(["drift", "site", ...FILES, ...CLOCK, "--propose"], { cwd: dir });
    expect(proposed).toEqual({
      code: 0,
      stdout:
        "netstack add-node site --name pihole --type other --ip 192.168.40.77 --mac b8:27:eb:12:34:56 --status unverified --notes 'seen 2026-05-17 by nmap-xml, arp, dnsmasq; Raspberry Pi Foundation'\n" +
        "netstack add-node site --name galaxy-s23 --type other --ip 192.168.40.120 --mac da:a1:19:5c:7e:02 --status unverified --notes 'seen 2026-05-17 by mikrotik'\n",
      stderr: "",
    });
    expect(readFileSync(devices, "utf8")).toBe(before);

    const applied = netstack(["drift", "site", ...FILES, ...CLOCK, "--apply"], { cwd: dir });
    expect(applied.stderr).toBe("");
    expect(applied.stdout).toBe("Added pihole (unverified) to docs/devices.md:15\nAdded galaxy-s23 (unverified) to docs/devices.md:16\n");
    const after = readFileSync(devices, "utf8").split("\n");
    const rows = [
      "| pihole | other |  | 192.168.40.77 | b8:27:eb:12:34:56 |  | unverified | seen 2026-05-17 by nmap-xml, arp, dnsmasq; Raspberry Pi Foundation |",
      "| galaxy-s23 | other |  | 192.168.40.120 | da:a1:19:5c:7e:02 |  | unverified | seen 2026-05-17 by mikrotik |",
    ];
    // After the last row of type other (drspare), in the table's own column order.
    expect(after.slice(14, 16)).toEqual(rows);
    expect([...after.slice(0, 14), ...after.slice(16)].join("\n")).toBe(before);
    // Documented now: no longer undocumented, the rest unchanged.
    const again = netstack(["drift", "site", ...FILES, ...CLOCK, "--format", "json"], { cwd: dir });
    expect(lines(again.stdout).filter((l) => l.includes("undocumented"))).toEqual([]);
    expect(lines(again.stdout)).toHaveLength(5);
  });
});

describe("ops/monitor/collect.sh of a created site", () => {
  /** A created site and a bin dir whose `netstack` runs this checkout's CLI. */
  function created(): { root: string; bin: string } {
    const parent = tempDir();
    const made = netstack(["create-site", "cs", "--name", "Collect", "--role", "backup", "--subnet", "192.168.50.0/24", "--yes"], { cwd: parent });
    expect(made.code, made.stderr).toBe(0);
    const bin = path.join(parent, "bin");
    cpSync(path.join(repoRoot, "bin"), bin, { recursive: true });
    writeFileSync(path.join(bin, "netstack"), `#!/bin/sh\nexec "${process.execPath}" "${path.join(repoRoot, "bin/netstack.js")}" "$@"\n`);
    // A stand-in nmap that only notes it was called: the script must not scan without a target.
    writeFileSync(path.join(bin, "nmap"), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${path.join(parent, "nmap-calls")}"\nexit 0\n`);
    chmodSync(path.join(bin, "netstack"), 0o755);
    chmodSync(path.join(bin, "nmap"), 0o755);
    return { root: path.join(parent, "cs"), bin };
  }

  it("reads ip -j neigh, scans nothing without a target, records through netstack drift, removes its raw files", () => {
    const { root, bin } = created();
    const run = spawnSync("bash", [path.join(root, "ops/monitor/collect.sh")], { env: { PATH: `${bin}:${process.env.PATH}` }, encoding: "utf8", timeout: 60_000 });
    expect(run.status, run.stderr).toBeLessThan(2);
    expect(existsSync(path.join(root, "../nmap-calls"))).toBe(false);
    expect(readdirSync(path.join(root, "ops/sensitive/observed/incoming"))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(root, "ops/monitor/.drift-state"), "utf8")).checked).toMatch(/^\d{4}-/);
  });

  it("passes the operator's targets to nmap with -n -sn, after --", () => {
    const { root, bin } = created();
    const run = spawnSync("bash", [path.join(root, "ops/monitor/collect.sh"), "127.0.0.1"], { env: { PATH: `${bin}:${process.env.PATH}`, NETSTACK: "missing-netstack" }, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("collect.sh: missing-netstack not found; the observations are kept in ops/sensitive/observed/incoming/\n");
    expect(readFileSync(path.join(root, "../nmap-calls"), "utf8")).toMatch(/^-n -sn -oX \S+\/ops\/sensitive\/observed\/incoming\/nmap-\d{8}T\d{6}Z\.xml -- 127\.0\.0\.1\n$/);
  });
});

describe("the built pages show each site's drift", () => {
  it("public: the last observation and the count of each kind, no address; private: the findings too", () => {
    const dir = copy();
    netstack(["drift", "site", ...FILES, ...CLOCK, "--record"], { cwd: dir });
    const pub = netstack(["build", "site", "--out", "public", "--now", "2026-05-17T12:00:00Z"], { cwd: dir });
    expect(pub.code, pub.stderr).toBeLessThan(2);
    const status = readFileSync(path.join(dir, "public/docs/status.md"), "utf8");
    const index = readFileSync(path.join(dir, "public/docs/index.md"), "utf8");
    const line = "last observation 2026-05-17 10:00 UTC (1h ago); 2 undocumented, 2 address-mismatch, 1 retired-seen, 1 not-seen, 1 overlay-unknown";
    expect(index).toContain(`## Drift\n\nWhat the network showed against these tables (\`netstack drift --record\`): ${line}. See [Status](status.md).\n`);
    expect(status).toContain(`## Drift\n\n> ${line}\n`);
    expect(status).toContain("| drift/undocumented | 2 |");
    expect(status).not.toMatch(/192\.168\.40|b8:27:eb|travel-laptop/);

    const priv = netstack(["build", "site", "--out", "private", "--profile", "private", "--now", "2026-05-17T12:00:00Z"], { cwd: dir });
    expect(priv.code, priv.stderr).toBeLessThan(2);
    const privateStatus = readFileSync(path.join(dir, "private/docs/status.md"), "utf8");
    expect(privateStatus).toContain("| scan.xml:34 | drift/undocumented | 192.168.40.77 (MAC b8:27:eb:12:34:56, Raspberry Pi Foundation");
    expect(privateStatus).toContain("192.168.40.77 (MAC b8:27:eb:12:34:56, Raspberry Pi Foundation");
  });
});

describe("add-node --status", () => {
  it("fills the Status column, or starts the notes in a table without one; a status must be a word", async () => {
    const { addNode } = await import("../../src/scaffold/add-node.js");
    const { FatalError } = await import("../../src/diagnostics.js");
    const dir = tempDir();
    writeFileSync(path.join(dir, "site.yaml"), "code: st\nname: St\nsubnet: 192.168.60.0/24\n");
    cpSync(path.join(FIXTURE, "site/docs"), path.join(dir, "docs"), { recursive: true });
    const withColumn = addNode(dir, { name: "cam9", type: "iot", ip: "192.168.60.9", status: "unverified" });
    expect(withColumn.devices.after.split("\n")[withColumn.devices.line - 1]).toBe("| cam9 | iot |  | 192.168.60.9 |  |  | unverified |  |");
    writeFileSync(path.join(dir, "docs/devices.md"), "| Name | Type | IP | Notes |\n|---|---|---|---|\n| gw | gateway | 192.168.60.1 | router |\n");
    const without = addNode(dir, { name: "cam10", type: "iot", ip: "192.168.60.10", status: "unverified", notes: "seen by arp" });
    expect(readFileSync(path.join(dir, "docs/devices.md"), "utf8")).toBe(
      "| Name | Type | IP | Notes |\n|---|---|---|---|\n| gw | gateway | 192.168.60.1 | router |\n| cam10 | iot | 192.168.60.10 | unverified: seen by arp |\n",
    );
    expect(without.node.status).toBe("unverified");
    expect(() => addNode(dir, { name: "cam11", type: "iot", status: "`rm -rf`" })).toThrow(FatalError);
  });
});
