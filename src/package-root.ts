import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The netstack package directory (package.json, templates/), found by walking up from this module:
 * the same answer from src/ (tests), dist/ (tsc) and the bundled CLI's chunks, whose depth differs.
 */
export const PACKAGE_ROOT: string = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** package.json of the package, read once. */
export const PACKAGE_JSON: { name: string; version: string } = readManifest(path.join(PACKAGE_ROOT, "package.json"))!;

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (readManifest(path.join(dir, "package.json"))?.name === "netstack") return dir;
    if (path.dirname(dir) === dir) throw new Error(`no netstack package.json above ${start}`);
  }
}

function readManifest(file: string): { name: string; version: string } | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as { name: string; version: string };
  } catch {
    return null;
  }
}
