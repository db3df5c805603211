import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BackupStateError, formatAge, judgeBackup, parseBackupState, statusLine, textDateMs } from "../../src/status/format.js";
import { resolveFreshness } from "../../src/status/freshness.js";

const H = 3_600_000;
const LIMITS = { warnAgeMs: 24 * H, maxAgeMs: 48 * H };

describe("status/format: the backup line", () => {
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

  it("the exact lines of the JSON form, at each level", () => {
    const now = Date.parse("2026-05-17T18:30:00Z");
    const state = parseBackupState('{ "last_run": "2026-05-17T06:30:00Z", "status": "success", "items_backed_up": 3, "target": "offsite-1" }', 0);
    expect(statusLine(state, now, LIMITS)).toBe("--- BACKUP: last run 12h ago, success, 3 items to offsite-1 ---");
    expect(statusLine(state, now + 18 * H, LIMITS)).toBe("--- BACKUP: ⚠️ LATE — last run 30h ago, success, 3 items to offsite-1 ---");
    expect(statusLine(state, now + 60 * H, LIMITS)).toBe("--- BACKUP: ⚠️ STALE — last run 3 days ago ---");
    expect(judgeBackup(state, now + 60 * H, LIMITS)).toEqual({ ageMs: 72 * H, future: false, level: "stale", stale: true, late: true, failed: false, ok: false });
    expect(judgeBackup(state, now + 18 * H, LIMITS)).toEqual({ ageMs: 30 * H, future: false, level: "warn", stale: false, late: true, failed: false, ok: false });
    // One number is both limits, as before the two levels.
    expect(statusLine(state, now + 18 * H, 24 * H)).toBe("--- BACKUP: ⚠️ STALE — last run 30h ago ---");
    // More than an hour ahead: a clock problem, counted as stale, never fresh.
    expect(judgeBackup(state, Date.parse("2026-05-17T05:29:59Z"), LIMITS)).toEqual({ ageMs: -(H + 1000), future: true, level: "stale", stale: true, late: true, failed: false, ok: false });
    expect(statusLine(state, Date.parse("2026-05-17T05:29:59Z"), LIMITS)).toBe("--- BACKUP: ⚠️ CLOCK — last run 1h ahead of now; check the clocks ---");
  });

  it("a bare slot number is a rotation toggle dated by mtime, never a failure", () => {
    expect(parseBackupState("0\n", 1_000)).toEqual({ form: "rotation", lastRunMs: 1_000, status: "rotation", items: null, target: null, size: null, failure: null, slot: 0, legacy: true });
    const slot1 = parseBackupState(" 1 ", 1_000);
    expect(slot1.slot).toBe(1);
    expect(judgeBackup(slot1, 1_000 + 5 * H, LIMITS)).toEqual({ ageMs: 5 * H, future: false, level: "rotation", stale: false, late: false, failed: false, ok: true });
    expect(statusLine(slot1, 1_000 + 5 * H, LIMITS)).toBe("--- BACKUP: last run 5h ago, rotation slot 1 ---");
    expect(judgeBackup(slot1, 1_000 + 30 * H, LIMITS).level).toBe("warn");
    expect(judgeBackup(slot1, 1_000 + 50 * H, LIMITS).level).toBe("stale");
  });

  it("the text form: <date> OK <size> and <date> FAIL <reason>", () => {
    const ok = parseBackupState("2026-05-17T06:30:00Z OK 1.4G\n", 0);
    expect(ok).toEqual({ form: "text", lastRunMs: Date.parse("2026-05-17T06:30:00Z"), status: "success", items: null, target: null, size: "1.4G", failure: null, slot: null, legacy: false });
    const fail = parseBackupState("2026-05-17T06:30:00Z FAIL target unreachable", 0);
    expect(fail.status).toBe("failed");
    expect(fail.failure).toBe("target unreachable");
    const now = Date.parse("2026-05-17T11:30:00Z");
    expect(statusLine(fail, now, LIMITS)).toBe("--- BACKUP: ⚠️ FAILED — last run 5h ago, failed: target unreachable ---");
    expect(judgeBackup(fail, now, LIMITS).level).toBe("failed");
    // upstream's own scripts: date +%Y%m%d-%H%M, local time
    expect(parseBackupState("20260517-0630 OK 812M", 0).lastRunMs).toBe(new Date(2026, 4, 17, 6, 30).getTime());
    expect(parseBackupState("20260517-063015 OK", 0).lastRunMs).toBe(new Date(2026, 4, 17, 6, 30, 15).getTime());
    expect(parseBackupState("2026-05-17 ok", 0).lastRunMs).toBe(new Date(2026, 4, 17).getTime());
  });

  it("textDateMs refuses dates and times that do not exist", () => {
    for (const text of ["2026-02-30", "20260230-0100", "20260517-2400", "20260517-1260", "2026-02-29T00:00Z", "2026-05-17T24:00Z", "2026-13-01", "17.05.2026", "soon"]) {
      expect(textDateMs(text), text).toBeNull();
    }
    expect(textDateMs("2028-02-29T00:00Z")).toBe(Date.parse("2028-02-29T00:00Z"));
  });

  it("anything else is a BackupStateError that says why", () => {
    const why = (text: string) => {
      try {
        parseBackupState(text, 0);
      } catch (error) {
        expect(error).toBeInstanceOf(BackupStateError);
        return (error as Error).message;
      }
      return "parsed";
    };
    expect(why("")).toBe("the file is empty");
    expect(why("ok")).toBe("not JSON, not a rotation slot and not a `<date> OK|FAIL` line");
    expect(why("[1]")).toBe("not JSON, not a rotation slot and not a `<date> OK|FAIL` line");
    expect(why('{"status":"success"}')).toBe("last_run is missing or not an ISO 8601 time");
    expect(why('{"last_run":"soon"}')).toBe("last_run is missing or not an ISO 8601 time");
    expect(why('{"last_run": 5}')).toBe("last_run is missing or not an ISO 8601 time");
    expect(why('{"last_run": "2026-05-17T06:00:00Z"')).toBe("not valid JSON");
    expect(why("yesterday OK")).toBe('"yesterday" is not an ISO 8601 date or a YYYYMMDD-HHMM time');
    expect(why("2026-05-17 MAYBE")).toBe("the word after the date is neither OK nor FAIL");
    expect(why("1234")).toBe("not JSON, not a rotation slot and not a `<date> OK|FAIL` line");
  });

  it("never throws anything but BackupStateError, and a parsed state always gives a line (fast-check)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.integer({ min: 0, max: 4e12 }), (text, mtime) => {
        try {
          const state = parseBackupState(text, mtime);
          expect(statusLine(state, mtime, LIMITS)).toMatch(/^--- BACKUP: .* ---$/s);
          expect(`${state.size ?? ""}${state.failure ?? ""}`).not.toMatch(/[\u0000-\u001f\u007f]/);
        } catch (error) {
          expect(error).toBeInstanceOf(BackupStateError);
        }
      }),
    );
  });

  it("the levels are ordered: stale past maxAge, then failed, then late past warnAge (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 * 3600 }), fc.boolean(), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (ageS, success, warnH, maxH) => {
        const state = parseBackupState(`2026-05-17T00:00:00Z ${success ? "OK" : "FAIL"}`, 0);
        const limits = { warnAgeMs: warnH * H, maxAgeMs: maxH * H };
        const verdict = judgeBackup(state, Date.parse("2026-05-17T00:00:00Z") + ageS * 1000, limits);
        const expected = ageS * 1000 > maxH * H ? "stale" : !success ? "failed" : ageS * 1000 > Math.min(warnH, maxH) * H ? "warn" : "ok";
        expect(verdict.level).toBe(expected);
      }),
    );
  });
});

describe("resolveFreshness", () => {
  it("defaults to 24h and 48h; a shorter maxAge cuts the warn default; flags win", () => {
    expect(resolveFreshness(undefined)).toEqual({ warnAge: "24h", maxAge: "48h", warnAgeMs: 24 * H, maxAgeMs: 48 * H });
    expect(resolveFreshness({ maxAge: "24h" })).toEqual({ warnAge: "24h", maxAge: "24h", warnAgeMs: 24 * H, maxAgeMs: 24 * H });
    expect(resolveFreshness({ maxAge: "12h" })).toEqual({ warnAge: "12h", maxAge: "12h", warnAgeMs: 12 * H, maxAgeMs: 12 * H });
    expect(resolveFreshness({ warnAge: "6h", maxAge: "2d" })).toEqual({ warnAge: "6h", maxAge: "2d", warnAgeMs: 6 * H, maxAgeMs: 48 * H });
    expect(resolveFreshness({ warnAge: "6h", maxAge: "2d" }, { maxAge: "3h" })).toEqual({ warnAge: "3h", maxAge: "3h", warnAgeMs: 3 * H, maxAgeMs: 3 * H });
    expect(resolveFreshness({ warnAge: "6h", maxAge: "2d" }, { warnAge: "1h" }).warnAge).toBe("1h");
  });
});
