import path from "node:path";
import { describe, expect, it } from "vitest";
import { netstack, repoRoot } from "../foundation/helpers.js";

/** The bundled example federation is clean: `netstack lint` exits 0 on each of its sites. */
describe("netstack lint fixtures/federation/<site>", () => {
  for (const site of ["cf", "sl", "wf"]) {
    it(`${site} exits 0 without errors`, () => {
      const result = netstack(["lint", path.join("fixtures/federation", site), "--format", "json"], { cwd: repoRoot });
      expect(result.stderr).toBe("");
      expect(JSON.parse(result.stdout).filter((d: { severity: string }) => d.severity === "error")).toEqual([]);
      expect(result.code).toBe(0);
    });
  }
});
