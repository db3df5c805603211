// The bundled CLI: dist/netstack-lint.cjs (the commit hook's `lint`) and dist/netstack.cjs (every
// command), what bin/netstack.js runs when they are present, through bin/load-bundle.js with V8's
// code cache (`<bundle>.cache`), made here by a warm-up run (lint, check) on the example
// federation. A commit hook pays for module loading, not for work: unbundled, `lint` loads ~400
// files (zod, yaml, remark); a bundle is one read, and with its code cache nothing is parsed or
// compiled again. CommonJS because V8's code cache is reachable from vm.Script only; commands are
// still evaluated lazily (esbuild turns each dynamic import into a lazy init), so `lint` never runs
// build or scaffold code. dist/ from tsc stays the library and types.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { asciiRegExps } from "./ascii-regexps.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(repo, "dist");

/**
 * zod's namespace re-exports every locale (`z.locales`, ~300 KB of the lint path's ~1.3 MB); netstack
 * never switches zod's language, and compiling them costs a commit hook ~15 ms. The bundle gets a
 * locales module with English only (zod configures English itself, from its own import of en.js).
 */
function englishOnlyZod() {
  return {
    name: "english-only-zod",
    setup(b) {
      b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`) ? { path: path.join(path.dirname(args.importer), "../locales/en.js"), namespace: "zod-locales" } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: path.dirname(args.path) }));
    },
  };
}

const { BUILD_ID_LENGTH, BUILD_ID_PREFIX, loadBundle } = await import("../bin/load-bundle.js");
const federation = path.join(repo, "fixtures/federation");
const sites = ["cf", "sl", "wf"].map((code) => path.join(federation, code)).filter((dir) => existsSync(dir));
const discard = { stdout() {}, stderr() {}, stdoutIsTty: false, stderrIsTty: false, stdinIsTty: false, env: {}, cwd: repo };

/**
 * One CommonJS bundle and its code cache: V8's compiled code after `warmUp` ran on the example
 * federation (read only: lint and check write nothing). Code the warm-up did not reach compiles
 * lazily, as without a cache. Written to a temp name and renamed, so a CLI started meanwhile (a
 * parallel test run) sees the old pair or the new one.
 */
async function bundleWithCache(entry, name, warmUp) {
  const bundle = path.join(dist, name);
  const temp = `${bundle}.tmp-${process.pid}`;
  await build({
    absWorkingDir: repo,
    entryPoints: [entry],
    outfile: temp,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    // Fewer bytes to read and deserialize on every run. Not keepNames: it defines the name of
    // every closure as it is made, which costs a 5,000-row lint ~15 ms; nothing reads them.
    minify: true,
    logLevel: "warning",
    plugins: [englishOnlyZod()],
    // import.meta does not exist in CommonJS; the sources use only its url (to find the package).
    define: { "import.meta.url": "__netstackModuleUrl" },
    banner: { js: `${BUILD_ID_PREFIX}${randomBytes(BUILD_ID_LENGTH / 2).toString("hex")}*/const __netstackModuleUrl = require("node:url").pathToFileURL(__filename).href;` },
  });
  writeFileSync(temp, asciiRegExps(readFileSync(temp, "utf8")));
  const { exports, script, buildId } = loadBundle(temp, "", bundle);
  await warmUp(exports.main);
  writeFileSync(`${temp}.cache`, Buffer.concat([Buffer.from(buildId, "latin1"), script.createCachedData()]));
  // Each cache names its bundle's build id, so the two renames can happen in either order.
  renameSync(temp, bundle);
  renameSync(`${temp}.cache`, `${bundle}.cache`);
}

// The commit hook's bundle: lint only.
await bundleWithCache("src/cli/hook-main.ts", "netstack-lint.cjs", async (main) => {
  if (sites.length > 0) await main(["lint", ...sites], discard);
});
// Every other command.
await bundleWithCache("src/cli/main.ts", "netstack.cjs", async (main) => {
  if (existsSync(path.join(federation, "federation.yaml"))) await main(["check", path.join(federation, "federation.yaml")], discard);
});

// The ES-module bundle of earlier versions, if this checkout still has it.
rmSync(path.join(dist, "netstack.mjs"), { force: true });
rmSync(path.join(dist, "chunks"), { recursive: true, force: true });
