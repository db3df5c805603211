#!/usr/bin/env node
"use strict";
// CommonJS (bin/package.json): an ES module entry costs every run the start of Node's ES module
// loader, about 10 ms; the bundle is CommonJS too, and only the fallbacks below import ES modules.
const { statSync } = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { loadBundle } = require("./load-bundle.js");

// The bundled CLI (npm run compile; bin/load-bundle.js) starts in a fraction of the time of ~400
// separate modules; dist/cli/main.js (tsc alone) is the fallback, and wins when it is newer.
// An install from a git URL has neither (npm cannot build while installing from git): the
// sources are compiled once, on first run (bin/from-source.mjs).
const dist = path.join(__dirname, "..", "dist");
const mtime = (name) => {
  try {
    return statSync(path.join(dist, name)).mtimeMs;
  } catch {
    return -1;
  }
};

/** The `main` of the newest build: the bundle, tsc's output, or the sources compiled now. */
async function loadMain() {
  // The commit hook's command has a bundle of its own, a third smaller than the whole CLI's.
  const lintBundle = process.argv[2] === "lint" ? mtime("netstack-lint.cjs") : -1;
  const bundleName = lintBundle >= 0 ? "netstack-lint.cjs" : "netstack.cjs";
  const bundled = lintBundle >= 0 ? lintBundle : mtime("netstack.cjs");
  const compiled = mtime(path.join("cli", "main.js"));
  if (bundled >= 0 && bundled >= compiled) return loadBundle(path.join(dist, bundleName)).exports.main;
  let entry;
  if (compiled >= 0) entry = pathToFileURL(path.join(dist, "cli", "main.js")).href;
  else {
    const { compiledEntry } = await import("./from-source.mjs");
    entry = await compiledEntry().catch((error) => {
      process.stderr.write(`netstack: ${error.message}\n`);
      process.exit(2);
    });
  }
  return (await import(entry)).main;
}

// A reader that stops early (`netstack add-node … --dry-run | head -1`) closes the pipe: end
// quietly, as Unix tools do, instead of an unhandled EPIPE and its stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

/**
 * Ends the process with `code` once stdout and stderr have taken everything written (a pipe may
 * be asynchronous: macOS). Node's own end, when nothing is left to run, tears the whole heap down
 * first: ~35 ms after a 5,000-row lint, more after a federation's check, for nothing.
 */
function exitWhenFlushed(code) {
  process.exitCode = code;
  let open = 2;
  const flushed = () => {
    if (--open === 0) process.exit(code);
  };
  process.stdout.write("", flushed);
  process.stderr.write("", flushed);
}

loadMain().then(
  (main) => main(process.argv.slice(2)).then(exitWhenFlushed, () => exitWhenFlushed(2)),
  (error) => {
    process.stderr.write(`netstack: ${error.message}\n`);
    process.exitCode = 2;
  },
);
