import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judgeBackup, NO_STATE_LINE, readBackupState, statusLine, UNREADABLE_STATE_LINE } from "../../src/status/format.js";
import { upgradeSite } from "../../src/scaffold/upgrade.js";
import { makeSite, read, tempDir } from "./helpers.js";

const SCRIPTS = ["check-services.sh", "check-connectivity.sh", "check-backup-state.sh", "collect.sh"] as const;

/** A TCP listener on 127.0.0.1 that accepts and closes connections. */
async function listen(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on: opened, then closed. */
async function closedPort(): Promise<number> {
  const l = await listen();
  await l.close();
  return l.port;
}

/** Runs a generated script with only the environment given (plus PATH, and TZ: local times are read in the test's zone). */
function runScript(root: string, script: string, env: Record<string, string> = {}) {
  const zone = process.env.TZ === undefined ? {} : { TZ: process.env.TZ };
  const run = spawnSync("bash", [path.join(root, "ops/monitor", script)], { env: { PATH: process.env.PATH!, ...zone, ...env }, encoding: "utf8", timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const FEDERATION = "name: t\nsites:\n  - { code: sl, name: O'Fallon, path: ../sl }\n  - { code: wf, name: Winfield, path: ../wf }\n";

let web: Awaited<ReturnType<typeof listen>>;
let admin: Awaited<ReturnType<typeof listen>>;
let down: number;
beforeAll(async () => {
  web = await listen();
  admin = await listen();
  down = await closedPort();
});
afterAll(async () => {
  await web.close();
  await admin.close();
});

describe("generated monitor scripts: shellcheck", () => {
  it("all four are bash with set -euo pipefail and pass Debian's shellcheck, with and without filled lists", async () => {
    const lonely = await makeSite(tempDir());
    const parent = tempDir();
    writeFileSync(path.join(parent, "federation.yaml"), FEDERATION);
    const federated = await makeSite(parent, { federation: "federation.yaml" });
    writeFileSync(
      path.join(federated, "docs/services.md"),
      "# Services\n\n| Service | Host | Port | URL | Exposure | Notes |\n|---|---|---|---|---|---|\n| it's | cf-gw | 8080 | | lan | |\n| $(rm -rf /) | `nas-2` | 22 | | lan | |\n",
    );
    upgradeSite(federated, { allowDirty: true });
    for (const root of [lonely, federated]) {
      for (const script of SCRIPTS) {
        const file = path.join(root, "ops/monitor", script);
        expect(readFileSync(file, "utf8")).toMatch(/^#!\/usr\/bin\/env bash\n[^]*\nset -euo pipefail\n/);
        const lint = spawnSync("/usr/bin/shellcheck", ["--shell=bash", "--severity=style", file], { encoding: "utf8" });
        expect(lint.stdout + lint.stderr, `${root} ${script}`).toBe("");
        expect(lint.status).toBe(0);
        expect(spawnSync("bash", ["-n", file]).status).toBe(0);
      }
    }
    expect(read(federated, "ops/monitor/check-services.sh")).toContain(
      "SERVICES=(\n  'it'\\''s' 'cf-gw' 8080 NETSTACK_HOST_CF_GW\n  '$(rm -rf /)' 'nas-2' 22 NETSTACK_HOST_NAS_2\n)\n",
    );
  });

  it("no address is baked into a committed script", async () => {
    const parent = tempDir();
    writeFileSync(path.join(parent, "federation.yaml"), FEDERATION);
    const root = await makeSite(parent, { federation: "federation.yaml" });
    for (const script of SCRIPTS) expect(read(root, `ops/monitor/${script}`), script).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b/);
  });
});

describe("check-services.sh", () => {
  it("checks each service's host:port from the inventory, resolving names at run time", async () => {
    const root = await makeSite(tempDir());
    writeFileSync(
      path.join(root, "docs/services.md"),
      [
        "# Services",
        "",
        "| Service | Host | Port | URL | Exposure | Notes |",
        "|---------|------|------|-----|----------|-------|",
        `| web | cf-gw | ${web.port} | | lan | |`,
        `| db | nas1 | ${down} | | lan | |`,
        `| admin | cf-gw | | http://cf-gw:${admin.port}/ | lan | port from the URL |`,
        `| ~~old~~ | cf-gw | ${down} | | lan | retired: not checked |`,
        `| docs | cf-gw | | | lan | no port: not checked |`,
        "",
      ].join("\n"),
    );
    upgradeSite(root, { allowDirty: true });
    writeFileSync(path.join(root, "ops/sensitive/hosts.yaml"), "# test\ncf-gw: 127.0.0.1   # the gateway\nnas1: 203.0.113.9\n");

    const run = runScript(root, "check-services.sh", { NETSTACK_HOST_NAS1: "127.0.0.1", NETSTACK_TIMEOUT: "2" });
    expect(run.stdout).toBe(
      [`ok   web cf-gw:${web.port}`, `FAIL db nas1:${down} (no answer within 2s)`, `ok   admin cf-gw:${admin.port}`, "--- SERVICES: ⚠️ 1 of 3 down ---", ""].join("\n"),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);

    // The environment wins over hosts.yaml; with every service up the script exits 0.
    writeFileSync(path.join(root, "ops/sensitive/hosts.yaml"), "cf-gw: 203.0.113.1\n");
    const up = runScript(root, "check-services.sh", { NETSTACK_HOST_CF_GW: "127.0.0.1", NETSTACK_HOST_NAS1: "127.0.0.1", NETSTACK_TIMEOUT: "2" });
    expect(up.stdout.split("\n").at(-2)).toBe("--- SERVICES: ⚠️ 1 of 3 down ---");
    const db = path.join(root, "docs/services.md");
    writeFileSync(db, readFileSync(db, "utf8").replace(/\| db \|.*\n/, ""));
    upgradeSite(root, { allowDirty: true });
    const allUp = runScript(root, "check-services.sh", { NETSTACK_HOST_CF_GW: "127.0.0.1", NETSTACK_TIMEOUT: "2" });
    expect(allUp.stdout).toBe(`ok   web cf-gw:${web.port}\nok   admin cf-gw:${admin.port}\n--- SERVICES: all 2 up ---\n`);
    expect(allUp.code).toBe(0);
  });

  it("a new site has no services: says so and exits 0", async () => {
    const root = await makeSite(tempDir());
    expect(runScript(root, "check-services.sh")).toEqual({ code: 0, stdout: "--- SERVICES: none with a host and port in docs/services.md ---\n", stderr: "" });
  });

  it("falls back to the host name itself (DNS, /etc/hosts)", async () => {
    const root = await makeSite(tempDir());
    writeFileSync(path.join(root, "docs/services.md"), `| Service | Host | Port |\n|---|---|---|\n| web | localhost | ${web.port} |\n`);
    upgradeSite(root, { allowDirty: true });
    expect(runScript(root, "check-services.sh").stdout).toBe(`ok   web localhost:${web.port}\n--- SERVICES: all 1 up ---\n`);
  });
});

describe("check-connectivity.sh", () => {
  it("reads the other sites' overlay addresses at run time from ops/sensitive/overlay.yaml and the environment", async () => {
    const parent = tempDir();
    writeFileSync(path.join(parent, "federation.yaml"), FEDERATION);
    const root = await makeSite(parent, { federation: "federation.yaml" });
    writeFileSync(
      path.join(root, "ops/sensitive/overlay.yaml"),
      [
        "# overlay addresses",
        `sl: 127.0.0.1:${web.port}`,
        `"ny": "127.0.0.1:${down}"   # not answering`,
        `cf: 127.0.0.1:${down}`,
        "la-1:",
        "",
      ].join("\n"),
    );
    const run = runScript(root, "check-connectivity.sh", {
      NETSTACK_OVERLAY_WF: "127.0.0.1",
      NETSTACK_CONNECT_PORT: String(admin.port),
      NETSTACK_OVERLAY_LA_1: `[127.0.0.1]:${web.port}`,
      NETSTACK_TIMEOUT: "2",
    });
    expect(run.stdout).toBe(
      [
        `ok   sl (port ${web.port})`,
        `ok   wf (port ${admin.port})`,
        `FAIL ny (port ${down}, no answer within 2s)`,
        `ok   la-1 (port ${web.port})`,
        "--- OVERLAY: ⚠️ 1 of 4 sites unreachable ---",
        "",
      ].join("\n"),
    );
    expect(run.code).toBe(1);
  });

  it("a peer without an address is reported, and counts as unreachable", async () => {
    const parent = tempDir();
    writeFileSync(path.join(parent, "federation.yaml"), FEDERATION);
    const root = await makeSite(parent, { federation: "federation.yaml" });
    const run = runScript(root, "check-connectivity.sh", { NETSTACK_OVERLAY_SL: `127.0.0.1:${web.port}` });
    expect(run.stdout).toBe(
      `ok   sl (port ${web.port})\nMISS wf: no overlay address (set NETSTACK_OVERLAY_WF or add it to ops/sensitive/overlay.yaml)\n--- OVERLAY: ⚠️ 1 of 2 sites unreachable ---\n`,
    );
    expect(run.code).toBe(1);
    const all = runScript(root, "check-connectivity.sh", { NETSTACK_OVERLAY_SL: `127.0.0.1:${web.port}`, NETSTACK_OVERLAY_WF: `127.0.0.1:${admin.port}` });
    expect(all).toEqual({ code: 0, stdout: `ok   sl (port ${web.port})\nok   wf (port ${admin.port})\n--- OVERLAY: all 2 sites reachable ---\n`, stderr: "" });
  });

  it("a site alone in no federation has nothing to check", async () => {
    const root = await makeSite(tempDir());
    expect(runScript(root, "check-connectivity.sh")).toEqual({ code: 0, stdout: "--- OVERLAY: no other sites configured ---\n", stderr: "" });
  });
});

describe("check-backup-state.sh and statusLine print the same lines", () => {
  const NOW = Date.UTC(2026, 4, 17, 18, 30, 0) / 1000;
  const iso = (secondsAgo: number) => new Date((NOW - secondsAgo) * 1000).toISOString().replace(".000Z", "Z");
  const json = (secondsAgo: number, extra: object = {}) =>
    JSON.stringify({ last_run: iso(secondsAgo), status: "success", items_backed_up: 3, target: "offsite-1", next_scheduled: iso(-86400), ...extra });
  const pad = (n: number) => String(n).padStart(2, "0");
  /** `date +%Y%m%d-%H%M` as upstream's scripts write it: local time, no zone. */
  const compact = (secondsAgo: number) => {
    const d = new Date((NOW - secondsAgo) * 1000);
    return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
  };
  const H = 3600;

  /** [name, file content, mtime seconds ago (rotation form), env, expected line, expected exit]. */
  const cases: [string, string, number, Record<string, string>, string, number][] = [
    ["fresh, 12h", json(12 * H), 0, {}, "--- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---", 0],
    ["5 minutes", json(5 * 60 + 59), 0, {}, "--- BACKUP: last run 5m ago, success, 3 items to offsite-1 ---", 0],
    ["just under an hour", json(H - 1), 0, {}, "--- BACKUP: last run 59m ago, success, 3 items to offsite-1 ---", 0],
    ["exactly an hour", json(H), 0, {}, "--- BACKUP: last run 1h ago, success, 3 items to offsite-1 ---", 0],
    ["exactly the warn age is not late", json(24 * H), 0, {}, "--- BACKUP: last run 24h ago, success, 3 items to offsite-1 ---", 0],
    ["a second over the warn age is late, exit 0", json(24 * H + 1), 0, {}, "--- BACKUP: ⚠️ LATE — last run 24h ago, success, 3 items to offsite-1 ---", 0],
    ["exactly the max age is late, not stale", json(48 * H), 0, {}, "--- BACKUP: ⚠️ LATE — last run 2 days ago, success, 3 items to offsite-1 ---", 0],
    ["a second over the max age is stale", json(48 * H + 1), 0, {}, "--- BACKUP: ⚠️ STALE — last run 2 days ago ---", 1],
    ["3 days", json(3 * 24 * H + 5 * H), 0, {}, "--- BACKUP: ⚠️ STALE — last run 3 days ago ---", 1],
    ["47h with warn and max at 48h", json(47 * H + 59 * 60), 0, { NETSTACK_WARN_AGE_HOURS: "48", NETSTACK_MAX_AGE_HOURS: "48" }, "--- BACKUP: last run 47h ago, success, 3 items to offsite-1 ---", 0],
    ["a 6h warn age", json(12 * H), 0, { NETSTACK_WARN_AGE_HOURS: "6" }, "--- BACKUP: ⚠️ LATE — last run 12h ago, success, 3 items to offsite-1 ---", 0],
    ["a warn age past the max age is cut to it", json(30 * H), 0, { NETSTACK_WARN_AGE_HOURS: "72", NETSTACK_MAX_AGE_HOURS: "36" }, "--- BACKUP: last run 30h ago, success, 3 items to offsite-1 ---", 0],
    ["a max age alone under the 24h warn default", json(13 * H), 0, { NETSTACK_MAX_AGE_HOURS: "12" }, "--- BACKUP: ⚠️ STALE — last run 13h ago ---", 1],
    ["failed", json(5 * H, { status: "failed", items_backed_up: 0 }), 0, {}, "--- BACKUP: ⚠️ FAILED — last run 5h ago, failed, 0 items to offsite-1 ---", 1],
    ["failed and late is failed", json(30 * H, { status: "failed" }), 0, {}, "--- BACKUP: ⚠️ FAILED — last run 30h ago, failed, 3 items to offsite-1 ---", 1],
    ["stale and failed", json(50 * H, { status: "failed" }), 0, {}, "--- BACKUP: ⚠️ STALE — last run 2 days ago, failed, 3 items to offsite-1 ---", 1],
    ["a JSON status of rotation is a failure", json(2 * H, { status: "rotation" }), 0, {}, "--- BACKUP: ⚠️ FAILED — last run 2h ago, rotation, 3 items to offsite-1 ---", 1],
    ["one item, no target", JSON.stringify({ last_run: iso(2 * H), status: "success", items_backed_up: 1 }), 0, {}, "--- BACKUP: last run 2h ago, success, 1 item ---", 0],
    ["offset time and fractions", JSON.stringify({ last_run: "2026-05-17T14:30:00.750+02:00", status: "success", target: "nas" }), 0, {}, "--- BACKUP: last run 6h ago, success to nas ---", 0],
    ["pretty-printed JSON", `{\n  "status": "success",\n  "last_run": "${iso(3 * H)}",\n  "items_backed_up": 12\n}\n`, 0, {}, "--- BACKUP: last run 3h ago, success, 12 items ---", 0],
    ["rotation slot 0, 5h", "0\n", 5 * H, {}, "--- BACKUP: last run 5h ago, rotation slot 0 ---", 0],
    ["rotation slot 1 is no failure", "1\n", 5 * H, {}, "--- BACKUP: last run 5h ago, rotation slot 1 ---", 0],
    ["rotation slot 1, late", " 1 ", 30 * H, {}, "--- BACKUP: ⚠️ LATE — last run 30h ago, rotation slot 1 ---", 0],
    ["rotation slot 0, 3 days", "0", 3 * 24 * H, {}, "--- BACKUP: ⚠️ STALE — last run 3 days ago ---", 1],
    ["text OK with a size", `${iso(12 * H)} OK 1.4G\n`, 0, {}, "--- BACKUP: last run 12h ago, success, 1.4G ---", 0],
    ["text OK alone, lower case", `${iso(2 * H)} ok`, 0, {}, "--- BACKUP: last run 2h ago, success ---", 0],
    ["text FAIL with a reason", `${iso(5 * H)} FAIL target unreachable\n`, 0, {}, "--- BACKUP: ⚠️ FAILED — last run 5h ago, failed: target unreachable ---", 1],
    ["text FAILED without a reason", `${iso(5 * H)}\tFAILED`, 0, {}, "--- BACKUP: ⚠️ FAILED — last run 5h ago, failed ---", 1],
    ["text, stale and failed", `${iso(60 * H)} FAIL disk full`, 0, {}, "--- BACKUP: ⚠️ STALE — last run 2 days ago, failed: disk full ---", 1],
    ["text in upstream's YYYYMMDD-HHMM (local time)", `${compact(3 * H)} OK 812M`, 0, {}, "--- BACKUP: last run 3h ago, success, 812M ---", 0],
    ["text with an ISO date only (local midnight)", "2026-05-17 OK 2.0G", 0, {}, `--- BACKUP: last run ${Math.floor((NOW - new Date(2026, 4, 17).getTime() / 1000) / H)}h ago, success, 2.0G ---`, 0],
    ["text appended to: the last line counts", `${iso(50 * H)} FAIL target unreachable\n${iso(2 * H)} OK 1.5G\n`, 0, {}, "--- BACKUP: last run 2h ago, success, 1.5G ---", 0],
    ["text with CRLF line ends", `${iso(26 * H)} OK 1.1G\r\n${iso(4 * H)} OK 1.2G\r\n`, 0, {}, "--- BACKUP: last run 4h ago, success, 1.2G ---", 0],
    ["control characters in a reason are dropped", `${iso(1 * H)} FAIL \u0007disk\u001b[31m full\u007f`, 0, {}, "--- BACKUP: ⚠️ FAILED — last run 1h ago, failed: disk[31m full ---", 1],
    ["text with a date that does not exist", "2026-02-30T00:00:00Z OK 1G", 0, {}, UNREADABLE_STATE_LINE, 1],
    ["text with a time past 23:59", "2026-05-17T24:00Z OK", 0, {}, UNREADABLE_STATE_LINE, 1],
    ["text with another word", `${iso(1 * H)} MAYBE 1G`, 0, {}, UNREADABLE_STATE_LINE, 1],
    ["text with no date", "yesterday OK 1G", 0, {}, UNREADABLE_STATE_LINE, 1],
    ["not a state", "hello\n", 0, {}, UNREADABLE_STATE_LINE, 1],
    ["no last_run", JSON.stringify({ status: "success" }), 0, {}, UNREADABLE_STATE_LINE, 1],
    ["last_run not ISO", JSON.stringify({ last_run: "yesterday", status: "success" }), 0, {}, UNREADABLE_STATE_LINE, 1],
    ["59 minutes ahead: clocks drift, fresh", json(-(H - 60)), 0, {}, "--- BACKUP: last run 0m ago, success, 3 items to offsite-1 ---", 0],
    ["2 hours ahead: a clock problem", json(-2 * H - 1), 0, {}, "--- BACKUP: ⚠️ CLOCK — last run 2h ahead of now; check the clocks ---", 1],
    ["2099: a clock problem, never fresh", JSON.stringify({ last_run: "2099-01-01T00:00:00Z", status: "success" }), 0, {}, "--- BACKUP: ⚠️ CLOCK — last run 26526 days ahead of now; check the clocks ---", 1],
    ["last_run a day that does not exist", JSON.stringify({ last_run: "2026-02-30T06:00:00Z", status: "success" }), 0, {}, UNREADABLE_STATE_LINE, 1],
    ["broken JSON", '{"last_run": "2026-05-17T06:00:00Z"', 0, {}, UNREADABLE_STATE_LINE, 1],
  ];

  let root: string;
  beforeAll(async () => {
    root = await makeSite(tempDir());
  });

  for (const [name, content, mtimeAgo, env, expected, exit] of cases) {
    it(name, () => {
      const dir = tempDir("netstack-state-");
      const file = path.join(dir, ".backup-state");
      writeFileSync(file, content);
      utimesSync(file, NOW - mtimeAgo, NOW - mtimeAgo);
      const run = runScript(root, "check-backup-state.sh", { NETSTACK_NOW: String(NOW), NETSTACK_BACKUP_STATE: file, ...env });
      expect(run).toEqual({ code: exit, stdout: `${expected}\n`, stderr: "" });

      const limits = { warnAgeMs: Number(env.NETSTACK_WARN_AGE_HOURS ?? 24) * 3_600_000, maxAgeMs: Number(env.NETSTACK_MAX_AGE_HOURS ?? 48) * 3_600_000 };
      let line: string;
      let failing: boolean;
      try {
        const state = readBackupState(file);
        line = statusLine(state, NOW * 1000, limits);
        const level = judgeBackup(state, NOW * 1000, limits).level;
        failing = level === "stale" || level === "failed";
      } catch {
        line = UNREADABLE_STATE_LINE;
        failing = true;
      }
      expect(line).toBe(expected);
      // netstack status exits 1 for exactly the states the script exits 1 for.
      expect(failing ? 1 : 0).toBe(exit);
    });
  }

  it("reads ops/backup/.backup-state of its own site by default; a missing one is NO STATE", () => {
    const run = runScript(root, "check-backup-state.sh", { NETSTACK_NOW: String(NOW) });
    expect(run).toEqual({ code: 1, stdout: `${NO_STATE_LINE}\n`, stderr: "" });
    mkdirSync(path.join(root, "ops/backup"), { recursive: true });
    writeFileSync(path.join(root, "ops/backup/.backup-state"), json(12 * H));
    expect(runScript(root, "check-backup-state.sh", { NETSTACK_NOW: String(NOW) })).toEqual({
      code: 0,
      stdout: "--- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---\n",
      stderr: "",
    });
  });

  it("a bad NETSTACK_MAX_AGE_HOURS or NETSTACK_WARN_AGE_HOURS is a usage error (exit 2)", () => {
    const message = "check-backup-state.sh: NETSTACK_WARN_AGE_HOURS, NETSTACK_MAX_AGE_HOURS and NETSTACK_NOW must be whole numbers\n";
    expect(runScript(root, "check-backup-state.sh", { NETSTACK_MAX_AGE_HOURS: "1d" })).toEqual({ code: 2, stdout: "", stderr: message });
    expect(runScript(root, "check-backup-state.sh", { NETSTACK_WARN_AGE_HOURS: "-1" })).toEqual({ code: 2, stdout: "", stderr: message });
  });

  it("takes its two defaults from federation.yaml's backup: warnAge and maxAge", async () => {
    const parent = tempDir();
    writeFileSync(path.join(parent, "federation.yaml"), `${FEDERATION}backup:\n  warnAge: 90m\n  maxAge: 3d\n`);
    const federated = await makeSite(parent, { federation: "federation.yaml" });
    const script = read(federated, "ops/monitor/check-backup-state.sh");
    expect(script).toContain("\nDEFAULT_WARN_AGE_HOURS=2\nDEFAULT_MAX_AGE_HOURS=72\n");
    expect(read(root, "ops/monitor/check-backup-state.sh")).toContain("\nDEFAULT_WARN_AGE_HOURS=24\nDEFAULT_MAX_AGE_HOURS=48\n");
  });
});
