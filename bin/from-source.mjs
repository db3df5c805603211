// First run of an install that has src/ but no dist/ (npm install --global <git URL>: npm cannot
// run a build while installing from git without breaking the install). The TypeScript sources
// are transpiled, file by file, with the TypeScript compiler the package depends on, into
// dist/ beside them, or, when the package directory is not writable (installed by another
// user), into a cache directory laid out like the package. Type checking is the developers'
// job (npm test); this only strips types.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function sources(dir, rel = "") {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return sources(dir, child);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") && !entry.name.endsWith(".test.ts") ? [child] : [];
  });
}

/** Writes the transpiled tree into a fresh directory beside `target`, then renames it into place. */
function transpileInto(target) {
  const ts = createRequire(path.join(packageRoot, "package.json"))("typescript");
  const src = path.join(packageRoot, "src");
  const scratch = `${target}.tmp-${process.pid}-${Date.now()}`;
  try {
    for (const rel of sources(src)) {
      const out = ts.transpileModule(readFileSync(path.join(src, rel), "utf8"), {
        fileName: rel,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
      });
      const file = path.join(scratch, rel.replace(/\.ts$/, ".js"));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, out.outputText);
    }
    try {
      renameSync(scratch, target);
    } catch (error) {
      // Another netstack compiled it meanwhile: theirs is as good as ours.
      if (!existsSync(path.join(target, "cli/main.js"))) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A directory laid out like the package (package.json, templates, dependencies) to compile into. */
function cacheRoot() {
  const manifest = readFileSync(path.join(packageRoot, "package.json"));
  const key = createHash("sha256").update(packageRoot).update(manifest).update(String(statSync(path.join(packageRoot, "src")).mtimeMs)).digest("hex").slice(0, 16);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  const root = path.join(base, "netstack", `code-${key}`);
  if (!existsSync(path.join(root, "package.json"))) {
    mkdirSync(root, { recursive: true });
    for (const name of ["templates", "schemas"]) if (!existsSync(path.join(root, name))) symlinkSync(path.join(packageRoot, name), path.join(root, name));
    // The dependencies: in the package (a global install), or beside it (a project's node_modules).
    const deps = existsSync(path.join(packageRoot, "node_modules")) ? path.join(packageRoot, "node_modules") : path.dirname(packageRoot);
    if (!existsSync(path.join(root, "node_modules"))) symlinkSync(deps, path.join(root, "node_modules"));
    writeFileSync(path.join(root, "package.json"), manifest);
  }
  return root;
}

/** The URL of the CLI's entry module, compiling the sources first when needed. */
export async function compiledEntry() {
  if (!existsSync(path.join(packageRoot, "src/cli/main.ts"))) throw new Error(`${packageRoot} has neither dist/ nor src/; reinstall netstack`);
  let dist = path.join(packageRoot, "dist");
  try {
    transpileInto(dist);
  } catch (error) {
    if (!["EACCES", "EPERM", "EROFS"].includes(error?.code)) throw error;
    dist = path.join(cacheRoot(), "dist");
    if (!existsSync(path.join(dist, "cli/main.js"))) transpileInto(dist);
  }
  return pathToFileURL(path.join(dist, "cli/main.js")).href;
}
