import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { gen } from "../../bench/gen.js";
// @ts-expect-error plain JavaScript module of the bin, no types
import { BUILD_ID_LENGTH, BUILD_ID_PREFIX, loadBundle } from "../../bin/load-bundle.js";

/**
 * The bundled CLI as bin/netstack.js runs it (built by `npm run compile`, which the test setup
 * runs): two bundles, each with V8's code cache made on this machine by the build's warm-up, and a
 * cache that belongs to another build ignored rather than misused.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dist = path.join(root, "dist");
const scratch = mkdtempSync(path.join(dist, ".bundle-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sites = ["cf", "sl", "wf"].map((code) => path.join(root, "fixtures/federation", code));

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, "bin/netstack.js"), ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bundled CLI and its code cache", () => {
  it.each(["netstack.cjs", "netstack-lint.cjs"])("%s starts with its build id and its cache is accepted by this Node", (name) => {
    const bundle = path.join(dist, name);
    const source = readFileSync(bundle, "latin1");
    expect(source.startsWith(BUILD_ID_PREFIX)).toBe(true);
    const id = source.slice(BUILD_ID_PREFIX.length, BUILD_ID_PREFIX.length + BUILD_ID_LENGTH);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(readFileSync(`${bundle}.cache`).subarray(0, BUILD_ID_LENGTH).toString("latin1")).toBe(id);
    const loaded = loadBundle(bundle);
    expect(loaded.cacheUsed).toBe(true);
    expect(typeof loaded.exports.main).toBe("function");
  });

  it("ignores a cache made from another build, and the bundle still runs", async () => {
    const bundle = path.join(scratch, "netstack-lint.cjs");
    copyFileSync(path.join(dist, "netstack-lint.cjs"), bundle);
    const cache = readFileSync(path.join(dist, "netstack-lint.cjs.cache"));
    writeFileSync(`${bundle}.cache`, Buffer.concat([Buffer.from("0".repeat(BUILD_ID_LENGTH), "latin1"), cache.subarray(BUILD_ID_LENGTH)]));
    const loaded = loadBundle(bundle);
    expect(loaded.cacheUsed).toBe(false);
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), stdoutIsTty: false, stderrIsTty: false, stdinIsTty: false, env: { NO_COLOR: "1" }, cwd: root };
    expect(await loaded.exports.main(["lint", "--quiet", ...sites], io)).toBe(0);
  });

  it("the lint bundle and the whole CLI lint alike, and the lint bundle runs nothing else", () => {
    const viaLintBundle = cli(["lint", "--format", "json", ...sites]);
    const viaWholeCli = spawnSync(process.execPath, ["--input-type=module", "-e", `
      import { loadBundle } from ${JSON.stringify(path.join(root, "bin/load-bundle.js"))};
      const { main } = loadBundle(${JSON.stringify(path.join(dist, "netstack.cjs"))}).exports;
      process.exitCode = await main(${JSON.stringify(["lint", "--format", "json", ...sites])});
    `], { encoding: "utf8" });
    expect(viaLintBundle.code).toBe(0);
    expect(viaWholeCli.status).toBe(0);
    expect(JSON.parse(viaLintBundle.stdout)).toEqual(JSON.parse(viaWholeCli.stdout));
    // The bundles are minified (no module comments): what only the site builder and its
    // template engine hold is absent from the lint bundle, present in the whole CLI's.
    const lintBundle = readFileSync(path.join(dist, "netstack-lint.cjs"), "utf8");
    const wholeBundle = readFileSync(path.join(dist, "netstack.cjs"), "utf8");
    for (const marker of ["docs_dir", "Handlebars"]) {
      expect(lintBundle).not.toContain(marker);
      expect(wholeBundle).toContain(marker);
    }
  });
});

/**
 * Runs the bin with a reader that takes nothing for `delayMs`, then everything. Waiting is a
 * `readable` listener that reads nothing: a stream with no listener at all when the child exits
 * is resumed by Node and its data dropped (child_process flushStdio), which a bin that ends
 * before the delay would show as an empty output.
 */
function slowReader(args: string[], delayMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/netstack.js"), ...args], { env: { ...process.env, NO_COLOR: "1" } });
    const out: Buffer[] = [];
    let stderr = "";
    const wait = (): void => {};
    child.stdout.on("readable", wait);
    setTimeout(() => {
      child.stdout.off("readable", wait);
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk)).resume();
    }, delayMs);
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr }));
  });
}

describe("the bin's end", () => {
  it("ends once its output is written: a slow reader gets all of a large one, and the exit code", async () => {
    const work = mkdtempSync(path.join(scratch, "slow-reader-"));
    const { siteDirs } = gen(work, { sites: 1, devices: 3000 });
    const site = siteDirs[0]!;
    // Far more than a pipe holds (64 KB): the bin must wait for the reader before it exits.
    const inventory = await slowReader(["inventory", site, "--format", "json"], 300);
    expect(inventory.code).toBe(0);
    expect(inventory.stdout.length).toBeGreaterThan(1_000_000);
    const devices = (JSON.parse(inventory.stdout) as { sites: { devices: unknown[] }[] }).sites[0]!.devices;
    expect(devices.length).toBe(3000);
    // A finding is exit code 1, after every line of the report.
    writeFileSync(path.join(site, "docs/notes.md"), "# Notes\n\n| Service | Password |\n| --- | --- |\n| nas | Blu3Heron!42x |\n");
    const lint = await slowReader(["lint", "--format", "json", path.join(site, "docs/notes.md")], 300);
    expect(lint.code).toBe(1);
    expect((JSON.parse(lint.stdout) as { ruleId: string }[]).map((d) => d.ruleId)).toContain("sensitive/secret");
  });
});
