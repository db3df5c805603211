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
  it("prints the exact §9 line per site and exits 1 when any is stale", () => {
    const dir = federationWith("0\n");
    const result = netstack(["status", path.join(dir, "federation.yaml"), "--now", NOW]);
    expect(result).toEqual({
      code: 1,
      stderr: "",
      stdout:
        "cf: --- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---\n" +
        "sl: --- BACKUP: ⚠️ STALE — last run 3 days ago ---\n" +
        "wf: --- BACKUP: last run 5h ago, success ---\n",
    });
  });

  it("exits 0 when every backup is fresh (--max-age)", () => {
    const dir = federationWith("0");
    const result = netstack(["status", path.join(dir, "federation.yaml"), "--now", NOW, "--max-age", "4d"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("sl: --- BACKUP: last run 3 days ago, success, 2 items to offsite-2 ---\n");
  });

  it("reads the legacy form's failure, and the time from SOURCE_DATE_EPOCH", () => {
    const dir = federationWith("1");
    const result = netstack(["status", path.join(dir, "federation.yaml"), "--max-age", "4d"], { env: { SOURCE_DATE_EPOCH: String(NOW_MS / 1000) } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("wf: --- BACKUP: ⚠️ FAILED — last run 5h ago, failed ---\n");
  });

  it("reports a corrupt state file for its site and goes on with the others", () => {
    const dir = federationWith('{"last_run": "yesterday"');
    const result = netstack(["status", path.join(dir, "federation.yaml"), "--now", NOW, "--max-age", "4d"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      "cf: --- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---\n" +
        "sl: --- BACKUP: last run 3 days ago, success, 2 items to offsite-2 ---\n" +
        "wf: --- BACKUP: ⚠️ UNREADABLE — .backup-state is not a backup state ---\n",
    );
    expect(result.stderr).toBe("netstack: wf: ops/backup/.backup-state: not JSON and not an exit status\n");
  });

  it("gives the same as JSON", () => {
    const dir = federationWith(null);
    const result = netstack(["status", path.join(dir, "federation.yaml"), "--now", NOW, "--format", "json"]);
    expect(result.code).toBe(1);
    const data = JSON.parse(result.stdout);
    expect(data.now).toBe("2026-05-18T00:00:00.000Z");
    expect(data.maxAge).toBe("24h");
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
      lastRun: "2026-05-17T12:00:00.000Z",
      age: "12h ago",
      status: "success",
      items: 3,
      target: "offsite-1",
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

  it("feeds the same lines to index.md and sites/<code>/status.md", () => {
    const dir = federationWith('{"last_run": "yesterday"');
    writeFileSync(path.join(dir, "wf/ops/monitor/check-services.log"), "--- SERVICES: 3 up ---\nwfnas 192.168.7.10:5001 down ```\n");
    const out = path.join(tempDir(), "site");
    netstack(["build", path.join(dir, "federation.yaml"), "--out", out, "--now", NOW]);
    const index = readFileSync(path.join(out, "docs/index.md"), "utf8");
    expect(index).toContain("| [sl](sites/sl/status.md) | --- BACKUP: ⚠️ STALE — last run 3 days ago --- |");
    const status = readFileSync(path.join(out, "docs/sites/wf/status.md"), "utf8");
    expect(status).toContain(`!!! warning "Backup state unreadable"\n\n    --- BACKUP: ⚠️ UNREADABLE — .backup-state is not a backup state ---\n`);
    expect(status).toContain("| Problem | not JSON and not an exit status |");
    // Monitor output is shown as the scripts wrote it, addresses redacted, in a fence it cannot close.
    expect(status).toContain("### check-services.log\n\n````text\n--- SERVICES: 3 up ---\nwfnas ‹redacted›:5001 down ```\n````\n");
  });

  it("rejects a bad --max-age in one line", () => {
    expect(netstack(["status", copyFederation(), "--max-age", "soon"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'netstack: --max-age must be a duration such as 24h, 90m or 2d (got "soon")\n',
    });
  });
});
