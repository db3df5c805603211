// The bundled CLI (dist/netstack.mjs + dist/chunks/): what bin/netstack.js runs when it is present.
// A commit hook pays for module loading, not for work: unbundled, `lint` loads ~400 files (zod, yaml,
// remark); one bundle is a handful of reads. Commands stay separate chunks (dynamic imports are
// split), so `lint` never loads build or scaffold code. dist/ from tsc stays the library and types.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

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

const result = await build({
  absWorkingDir: repo,
  entryPoints: { netstack: "src/cli/main.ts" },
  outdir: dist,
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
  metafile: true,
  plugins: [englishOnlyZod()],
  // Bundled CommonJS packages (handlebars, fast-glob's deps) call require() for Node built-ins.
  banner: { js: 'import { createRequire as __netstackCreateRequire } from "node:module"; const require = __netstackCreateRequire(import.meta.url);' },
});

// Chunk names carry content hashes: old ones would pile up. They are removed after the new ones
// are written, not before, so a CLI started meanwhile (a parallel test run) never misses a chunk.
const written = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(repo, f)));
for (const name of readdirSync(path.join(dist, "chunks"))) {
  const file = path.join(dist, "chunks", name);
  if (!written.has(file)) rmSync(file, { force: true });
}
