import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { run as runBuild } from "../../src/cli/commands/build.js";
import { run as runCheck } from "../../src/cli/commands/check.js";
import { run as runInventory } from "../../src/cli/commands/inventory.js";
import type { Io } from "../../src/cli/io.js";
import * as netstackApi from "../../src/index.js";
import { cleanTempDirs, netstack, tempDir } from "../foundation/helpers.js";
import { copyFederation } from "../build/helpers.js";
import { makeFederation, makeSiteRepo, table } from "./helpers.js";

afterAll(cleanTempDirs);

function fakeIo(tty: boolean): Io & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    stdoutIsTty: false,
    stderrIsTty: tty,
    stdinIsTty: false,
    env: { NO_COLOR: "1" },
    cwd: process.cwd(),
  };
  return io;
}

function repoFederation(): string {
  const repo = makeSiteRepo("sl", { "docs/devices.md": table(["name"], [["slnas"]]), "docs/services.md": "", "docs/network.md": "" });
  const { file } = makeFederation([{ code: "cf" }]);
  writeFileSync(file, `name: fed\nsites:\n  - { code: cf, name: CF, path: cf }\n  - { code: sl, name: SL, repo: ${JSON.stringify(repo)} }\nbackup: { minOffsite: 0 }\n`);
  return file;
}

describe("progress while repo sites are fetched", () => {
  it("draws one erasable line on a TTY stderr", async () => {
    const io = fakeIo(true);
    const code = await runCheck([repoFederation(), "--cache", tempDir(), "-f", "json"], io);
    expect(JSON.parse(io.out).filter((d: { severity: string }) => d.severity === "error")).toEqual([]);
    expect(code).toBe(0);
    expect(io.err).toBe("\r\x1b[Knetstack: fetching site repos 0/1 (sl)\r\x1b[Knetstack: fetching site repos 1/1 (sl)\r\x1b[K");
    expect(JSON.parse(io.out).filter((d: { severity: string }) => d.severity === "error")).toEqual([]);
  });

  it("stays silent when stderr is not a TTY", async () => {
    const io = fakeIo(false);
    expect(await runInventory([repoFederation(), "--cache", tempDir()], io)).toBe(0);
    expect(io.err).toBe("");
    expect(JSON.parse(io.out).sites.map((s: { code: string }) => s.code)).toEqual(["cf", "sl"]);
  });
});

describe("progress of a build", () => {
  /** A clock a second further on at each reading: every step is past the quiet first moment. */
  const slowClock = () => {
    let t = Date.parse("2026-05-17T12:00:00Z");
    return vi.spyOn(Date, "now").mockImplementation(() => (t += 1000));
  };

  it("draws each step on one erasable line on a TTY, once the run takes a moment", async () => {
    const federation = copyFederation();
    const io = fakeIo(true);
    const clock = slowClock();
    try {
      const args = [path.join(federation, "federation.yaml"), "--out", path.join(tempDir(), "out"), "--now", "2026-05-17T12:00:00Z", "--theme", "mkdocs"];
      expect(await runBuild(args, io)).toBe(0);
      const steps = ["loading sites 0/3 (cf)", "loading sites 1/3 (sl)", "loading sites 2/3 (wf)", "checking 3 site(s)", "making the pages of 3 site(s)", "writing 24 files"];
      const [progress, rest] = [io.err.slice(0, io.err.lastIndexOf("\r\x1b[K")), io.err.slice(io.err.lastIndexOf("\r\x1b[K") + 4)];
      expect(progress).toBe(steps.map((s) => `\r\x1b[Knetstack: ${s}`).join(""));
      expect(rest.startsWith("netstack: built 18 pages of 3 site(s)")).toBe(true);
      // Unchanged sources: a cache hit has only the pages of the moment to make and write.
      io.err = "";
      expect(await runBuild(args, io)).toBe(0);
      expect(io.err.startsWith("\r\x1b[Knetstack: writing 24 files\r\x1b[Knetstack: built 18 pages of 3 site(s)")).toBe(true);
    } finally {
      clock.mockRestore();
    }
  });

  it("stays quiet while the run is quick, and when stderr is not a TTY", async () => {
    const federation = copyFederation();
    const args = [path.join(federation, "federation.yaml"), "--out", path.join(tempDir(), "out"), "--no-cache", "--theme", "mkdocs"];
    const clock = vi.spyOn(Date, "now").mockReturnValue(Date.parse("2026-05-17T12:00:00Z"));
    try {
      const quick = fakeIo(true);
      expect(await runBuild(args, quick)).toBe(0);
      expect(quick.err.startsWith("netstack: built 18 pages of 3 site(s)")).toBe(true);
    } finally {
      clock.mockRestore();
    }
    const piped = fakeIo(false);
    const slow = slowClock();
    try {
      expect(await runBuild(args, piped)).toBe(0);
    } finally {
      slow.mockRestore();
    }
    expect(piped.err.startsWith("netstack: built 18 pages of 3 site(s)")).toBe(true);
  });
});

describe("--help", () => {
  for (const command of ["check", "inventory", "schema"]) {
    it(`${command} --help prints usage and exits 0`, () => {
      const result = netstack([command, "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout.startsWith(`Usage: netstack ${command}`)).toBe(true);
      expect(result.stderr).toBe("");
    });
  }
  it("inventory --help lists every format", () => {
    const help = netstack(["inventory", "--help"]).stdout;
    for (const format of netstackApi.EXPORT_FORMATS) expect(help).toMatch(new RegExp(`^  ${format} `, "m"));
  });
});

describe("library API", () => {
  it("exports loadFederation, check, toInventory and the exporters", async () => {
    for (const name of ["loadFederation", "loadTarget", "check", "toInventory", "ansibleJson", "ansibleYaml", "inventoryCsv", "netboxCsv", "inventoryJson", "inventoryYaml", "jsonSchemas"] as const) {
      expect(typeof netstackApi[name], name).toBe("function");
    }
    const federation = await netstackApi.loadFederation("fixtures/federation/federation.yaml");
    const { diagnostics } = await netstackApi.check(federation);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const inventory = netstackApi.toInventory(federation.sites, { name: federation.name, generatedFrom: "federation.yaml" });
    for (const format of Object.keys(netstackApi.EXPORTERS) as (keyof typeof netstackApi.EXPORTERS)[]) {
      expect(netstackApi.EXPORTERS[format](inventory).length).toBeGreaterThan(0);
    }
  });
});
