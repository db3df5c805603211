import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Builds dist/ once for the CLI tests, then the bundled CLI that bin/netstack.js prefers (so the
 * tests run what users run). tsc emits even when some other file has type errors, so the exit
 * code is not fatal here; a missing bin target is. A failed bundle leaves an older one, which
 * the bin ignores in favour of dist/.
 */
export default function setup(): void {
  const tsc = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", root], { encoding: "utf8" });
  if (!existsSync(path.join(root, "dist/cli/main.js"))) {
    throw new Error(`tsc did not produce dist/cli/main.js:\n${tsc.stdout}${tsc.stderr}`);
  }
  spawnSync(process.execPath, [path.join(root, "scripts/bundle.js")], { encoding: "utf8" });
}
