import { readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs, netstack, tempDir } from "../foundation/helpers.js";
import { copyFederation, NOW } from "../build/helpers.js";

afterAll(cleanTempDirs);

const NOW_MS = Date.parse(NOW);
const state = (site: string) => `${site}/ops/backup/.backup-state`;

/** The example federation with the backup states of a test: cf fresh, sl stale, wf as given. */
function federationWith(wf: string | null, wfMtime = new Date(NOW_MS - 5 * 3600_000)): string {
  const dir = copyFederation();
  writeFileSync(path.join(dir, state("cf")), JSON.stringify({ last_run: "2026-05-17T12:00:00Z", status: "success", items_backed_up: 3, target: "offsite-1" }));
  writeFileSync(path.join(dir, state("sl")), JSON.stringify({ last_run: "2026-05-15T00:00:00Z", status: "success", items_backed_up: 2, target: "offsite-2" }));
  const wfFile = path.join(dir, state("wf"));
  if (wf === null) rmSync(wfFile, { force: true });
  else {
    writeFileSync(wfFile, wf);
    utimesSync(wfFile, wfMtime, wfMtime);
  }
  return dir;
}

describe("netstack status", () => {
  it("prints the exact line per site and exits 1 when any is stale; a rotation slot is no failure", () => {
    const dir = federationWith("0\n");
    const result = netstack(["status", path.join(dir, "federation.yaml"), "--now", NOW]);
    expect(result).toEqual({
      code: 1,
      stderr: "",
      stdout:
        "cf: --- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---\n" +
        "sl: --- BACKUP: ⚠️ STALE — last run 3 days ago ---\n" +
        "wf: --- BACKUP: last run 5h ago, rotation slot 0 ---\n",
    });
  });

  it("exits 0 when nothing is past the max age: past the warn age is a LATE line (--max-age)", () => {
    const dir = federationWith("1");
    const result = netstack(["status", path.join(dir, "federation.yaml"), "--now", NOW, "--max-age", "4d"]);
    expect(result).toEqual({
      code: 0,
      stderr: "",
      stdout:
        "cf: --- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---\n" +
        "sl: --- BACKUP: ⚠️ LATE — last run 3 days ago, success, 2 items to offsite-2 ---\n" +
        "wf: --- BACKUP: last run 5h ago, rotation slot 1 ---\n",
    });
  });

  it("takes warnAge and maxAge from federation.yaml; flags win; exit 1 only past maxAge or on a failure", () => {
    const dir = federationWith("2026-05-17T22:00:00Z OK 1.4G\n");
    const file = path.join(dir, "federation.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("  maxAge: 24h", "  warnAge: 6h\n  maxAge: 4d"));
    expect(netstack(["status", file, "--now", NOW])).toEqual({
      code: 0,
      stderr: "",
      stdout:
        "cf: --- BACKUP: ⚠️ LATE — last run 12h ago, success, 3 items to offsite-1 ---\n" +
        "sl: --- BACKUP: ⚠️ LATE — last run 3 days ago, success, 2 items to offsite-2 ---\n" +
        "wf: --- BACKUP: last run 2h ago, success, 1.4G ---\n",
    });
    const json = JSON.parse(netstack(["status", file, "--now", NOW, "--format", "json"]).stdout);
    expect([json.warnAge, json.maxAge, json.sites.map((s: { health: string }) => s.health)]).toEqual(["6h", "4d", ["warn", "warn", "ok"]]);
    const flagged = netstack(["status", file, "--now", NOW, "--max-age", "2d", "--warn-age", "13h"]);
    expect(flagged.code).toBe(1);
    expect(flagged.stdout).toBe(
      "cf: --- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---\n" +
        "sl: --- BACKUP: ⚠️ STALE — last run 3 days ago ---\n" +
        "wf: --- BACKUP: last run 2h ago, success, 1.4G ---\n",
    );
  });

  it("reads the text form's failure, and the time from SOURCE_DATE_EPOCH", () => {
    const dir = federationWith("2026-05-17T19:00:00Z FAIL offsite-3 unreachable\n");
    const result = netstack(["status", path.join(dir, "federation.yaml"), "--max-age", "4d"], { env: { SOURCE_DATE_EPOCH: String(NOW_MS / 1000) } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("wf: --- BACKUP: ⚠️ FAILED — last run 5h ago, failed: offsite-3 unreachable ---\n");
  });

  it("reports a corrupt state file for its site and goes on with the others", () => {
    const dir = federationWith('{"last_run": "yesterday"');
    const result = netstack(["status", path.join(dir, "federation.yaml"), "--now", NOW, "--warn-age", "4d", "--max-age", "4d"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      "cf: --- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---\n" +
        "sl: --- BACKUP: last run 3 days ago, success, 2 items to offsite-2 ---\n" +
        "wf: --- BACKUP: ⚠️ UNREADABLE — .backup-state is not a backup state ---\n",
    );
    expect(result.stderr).toBe("netstack: wf: ops/backup/.backup-state: not valid JSON\n");
  });

  it("gives the same as JSON", () => {
    const dir = federationWith(null);
    const result = netstack(["status", path.join(dir, "federation.yaml"), "--now", NOW, "--format", "json"]);
    expect(result.code).toBe(1);
    const data = JSON.parse(result.stdout);
    expect(data.now).toBe("2026-05-18T00:00:00.000Z");
    expect([data.warnAge, data.maxAge]).toEqual(["24h", "24h"]);
    expect(data.sites.map((s: { site: string; health: string }) => [s.site, s.health])).toEqual([
      ["cf", "ok"],
      ["sl", "stale"],
      ["wf", "missing"],
    ]);
    expect(data.sites[0]).toEqual({
      site: "cf",
      name: "Cedar Falls",
      health: "ok",
      line: "--- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---",
      form: "json",
      lastRun: "2026-05-17T12:00:00.000Z",
      age: "12h ago",
      status: "success",
      items: 3,
      target: "offsite-1",
      size: null,
      failure: null,
      slot: null,
      legacy: false,
      reason: null,
      drift: null,
    });
    expect(data.sites[2].line).toBe("--- BACKUP: ⚠️ NO STATE — no .backup-state yet ---");
  });

  it("prints the bare line for a lone site, as its check-backup-state.sh does", () => {
    const dir = federationWith("0");
    const result = netstack(["status", path.join(dir, "cf"), "--now", NOW]);
    expect(result).toEqual({ code: 0, stdout: "--- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---\n", stderr: "" });
  });

  it("the example federation as cloned: every state is dated in its file, so the lines do not depend on the checkout", () => {
    const dir = copyFederation();
    const wf = path.join(dir, state("wf"));
    const lines = () => netstack(["status", path.join(dir, "federation.yaml"), "--now", NOW]).stdout;
    const before = lines();
    expect(before).toBe(
      "cf: --- BACKUP: last run 22h ago, success, 4 items to offsite-1 ---\n" +
        "sl: --- BACKUP: last run 23h ago, success, 3 items to offsite-2 ---\n" +
        "wf: --- BACKUP: last run 20h ago, success, 1.4G ---\n",
    );
    utimesSync(wf, new Date(), new Date());
    expect(lines()).toBe(before);
  });

  it("feeds the same lines to index.md and sites/<code>/status.md", () => {
    const dir = federationWith('{"last_run": "yesterday"');
    writeFileSync(path.join(dir, "wf/ops/monitor/check-services.log"), "--- SERVICES: 3 up ---\nwfnas 192.168.7.10:5001 down ```\n");
    const out = path.join(tempDir(), "site");
    netstack(["build", path.join(dir, "federation.yaml"), "--out", out, "--now", NOW]);
    const index = readFileSync(path.join(out, "docs/index.md"), "utf8");
    expect(index).toContain("| [sl](sites/sl/status.md) | --- BACKUP: ⚠️ STALE — last run 3 days ago --- |");
    const status = readFileSync(path.join(out, "docs/sites/wf/status.md"), "utf8");
    expect(status).toContain(`!!! warning "Backup state unreadable"\n\n    --- BACKUP: ⚠️ UNREADABLE — .backup-state is not a backup state ---\n`);
    expect(status).toContain("| Problem | not valid JSON |");
    // Monitor output is shown as the scripts wrote it, addresses redacted, in a fence it cannot close.
    expect(status).toContain("### check-services.log\n\n````text\n--- SERVICES: 3 up ---\nwfnas ‹redacted›:5001 down ```\n````\n");
  });

  it("pages say both ages, and show a text state's size and form", () => {
    const dir = federationWith("2026-05-17T22:00:00Z OK 1.4G\n");
    const file = path.join(dir, "federation.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("  maxAge: 24h", "  warnAge: 6h\n  maxAge: 4d"));
    const out = path.join(tempDir(), "site");
    expect(netstack(["build", file, "--out", out, "--now", NOW]).code).toBe(0);
    const index = readFileSync(path.join(out, "docs/index.md"), "utf8");
    expect(index).toContain("As of 2026-05-18T00:00:00.000Z; a backup older than 6h is late, older than 4d stale.");
    expect(index).toContain("| [cf](sites/cf/status.md) | --- BACKUP: ⚠️ LATE — last run 12h ago, success, 3 items to offsite-1 --- |");
    const status = readFileSync(path.join(out, "docs/sites/wf/status.md"), "utf8");
    expect(status).toContain(`!!! success "Backup OK"\n\n    --- BACKUP: last run 2h ago, success, 1.4G ---\n`);
    expect(status).toContain("| Size | 1.4G |\n| Form | text |\n");
  });

  it("rejects a bad --max-age or --warn-age in one line", () => {
    expect(netstack(["status", copyFederation(), "--max-age", "soon"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'netstack: --max-age must be a duration such as 24h, 90m or 2d (got "soon")\n',
    });
    expect(netstack(["status", copyFederation(), "--warn-age", "3d", "--max-age", "2d"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "netstack: --warn-age (3d) must not be longer than --max-age (2d)\n",
    });
  });
});
