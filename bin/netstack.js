#!/usr/bin/env node
import { statSync } from "node:fs";

// The bundled CLI (npm run compile) starts in a fraction of the time of ~400 separate modules;
// dist/cli/main.js (tsc alone) is the fallback, and wins when it is newer than the bundle.
// An install from a git URL has neither (npm cannot build while installing from git): the
// sources are compiled once, on first run (bin/from-source.js).
const mtime = (rel) => {
  try {
    return statSync(new URL(rel, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundled = mtime("../dist/netstack.mjs");
const compiled = mtime("../dist/cli/main.js");
let entry;
if (bundled >= 0 && bundled >= compiled) entry = new URL("../dist/netstack.mjs", import.meta.url).href;
else if (compiled >= 0) entry = new URL("../dist/cli/main.js", import.meta.url).href;
else {
  const { compiledEntry } = await import("./from-source.js");
  entry = await compiledEntry().catch((error) => {
    process.stderr.write(`netstack: ${error.message}\n`);
    process.exit(2);
  });
}
const { main } = await import(entry);

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
