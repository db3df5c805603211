#!/usr/bin/env node
import { statSync } from "node:fs";

// The bundled CLI (npm run build) starts in a fraction of the time of ~400 separate modules;
// dist/cli/main.js (tsc alone) is the fallback, and wins when it is newer than the bundle.
const mtime = (rel) => {
  try {
    return statSync(new URL(rel, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundled = mtime("../dist/netstack.mjs");
const entry = bundled >= 0 && bundled >= mtime("../dist/cli/main.js") ? "../dist/netstack.mjs" : "../dist/cli/main.js";
const { main } = await import(entry);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
