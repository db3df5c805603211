#!/usr/bin/env node
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadBundle } from "./load-bundle.js";

// The bundled CLI (npm run compile; bin/load-bundle.js) starts in a fraction of the time of ~400
// separate modules; dist/cli/main.js (tsc alone) is the fallback, and wins when it is newer.
// An install from a git URL has neither (npm cannot build while installing from git): the
// sources are compiled once, on first run (bin/from-source.js).
const mtime = (rel) => {
  try {
    return statSync(new URL(rel, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
// The commit hook's command has a bundle of its own, a third smaller than the whole CLI's.
const lintBundle = process.argv[2] === "lint" ? mtime("../dist/netstack-lint.cjs") : -1;
const bundleName = lintBundle >= 0 ? "netstack-lint.cjs" : "netstack.cjs";
const bundled = lintBundle >= 0 ? lintBundle : mtime("../dist/netstack.cjs");
const compiled = mtime("../dist/cli/main.js");
let main;
if (bundled >= 0 && bundled >= compiled) {
  ({ main } = loadBundle(fileURLToPath(new URL(`../dist/${bundleName}`, import.meta.url))).exports);
} else {
  let entry;
  if (compiled >= 0) entry = new URL("../dist/cli/main.js", import.meta.url).href;
  else {
    const { compiledEntry } = await import("./from-source.js");
    entry = await compiledEntry().catch((error) => {
      process.stderr.write(`netstack: ${error.message}\n`);
      process.exit(2);
    });
  }
  ({ main } = await import(entry));
}

// A reader that stops early (`netstack add-node … --dry-run | head -1`) closes the pipe: end
// quietly, as Unix tools do, instead of an unhandled EPIPE and its stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
