// Builds dist/: tsc (the library and its types), then the esbuild bundle the CLI prefers.
// `npm run compile` runs it, and npm runs it after `npm ci` / `npm install` in a checkout
// (`postprepare`). The package has no `build`, `prepare` or `prepack` script on purpose: with
// any of them npm's `install --global <git URL>` links a deleted temp clone instead of
// installing (npm/cli#3692, #6984, #8440), and npm 11 blocks them unless allowed. A git
// install therefore ships src/ without dist/, and bin/netstack.js compiles it on first run.
// Output goes to stderr only: the pre-commit framework reads `npm pack`'s stdout as a file name.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

for (const args of [[path.join(repo, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], [path.join(repo, "scripts/bundle.js")]]) {
  const result = spawnSync(process.execPath, args, { cwd: repo, stdio: ["ignore", process.stderr, process.stderr] });
  if (result.status !== 0) {
    process.stderr.write(`build: ${path.relative(repo, args[0])} failed${result.error ? `: ${result.error.message}` : ` (exit ${result.status})`}\n`);
    process.exit(1);
  }
}
