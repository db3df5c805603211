import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
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
