import { describe, expect, it } from "vitest";
import { BackupStateError, formatAge, judgeBackup, parseBackupState, statusLine } from "../../src/status/format.js";

const H = 3_600_000;

describe("status/format: the §9 backup line", () => {
  it("formatAge: minutes under an hour, hours under two days, then days; always rounded down", () => {
    expect([0, 59_999, 60_000, H - 1, H, 47 * H + 59 * 60_000, 48 * H, 72 * H - 1, 72 * H, -5_000].map(formatAge)).toEqual([
      "0m ago",
      "0m ago",
      "1m ago",
      "59m ago",
      "1h ago",
      "47h ago",
      "2 days ago",
      "2 days ago",
      "3 days ago",
      "0m ago",
    ]);
  });

  it("the exact SPEC lines", () => {
    const now = Date.parse("2026-05-17T18:30:00Z");
    const state = parseBackupState('{ "last_run": "2026-05-17T06:30:00Z", "status": "success", "items_backed_up": 3, "target": "offsite-1" }', 0);
    expect(statusLine(state, now, 24 * H)).toBe("--- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---");
    expect(statusLine(state, now + 60 * H, 24 * H)).toBe("--- BACKUP: ⚠️ STALE — last run 3 days ago ---");
    expect(judgeBackup(state, now + 60 * H, 24 * H)).toEqual({ ageMs: 72 * H, future: false, stale: true, failed: false, ok: false });
    // More than an hour ahead: a clock problem, counted as stale, never fresh.
    expect(judgeBackup(state, Date.parse("2026-05-17T05:29:59Z"), 24 * H)).toEqual({ ageMs: -(H + 1000), future: true, stale: true, failed: false, ok: false });
    expect(statusLine(state, Date.parse("2026-05-17T05:29:59Z"), 24 * H)).toBe("--- BACKUP: ⚠️ CLOCK — last run 1h ahead of now; check the clocks ---");
  });

  it("legacy form: the backup script's exit status, dated by mtime", () => {
    expect(parseBackupState("0\n", 1_000)).toEqual({ lastRunMs: 1_000, status: "success", items: null, target: null, legacy: true });
    expect(parseBackupState(" 1 ", 1_000).status).toBe("failed");
    expect(parseBackupState("2", 1_000).status).toBe("failed");
  });

  it("anything else is a BackupStateError", () => {
    for (const text of ["", "ok", "[1]", '{"status":"success"}', '{"last_run":"soon"}', '{"last_run": 5}']) {
      expect(() => parseBackupState(text, 0), text).toThrow(BackupStateError);
    }
  });
});
