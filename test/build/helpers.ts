import { cpSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { OUTPUT_MARKER } from "../../src/emit/output.js";
import { repoRoot, tempDir } from "../foundation/helpers.js";

export const FIXTURE = path.join(repoRoot, "fixtures/federation");
/** The status time of every test build: the fixtures' backups ran the day before. */
export const NOW = "2026-05-18T00:00:00Z";

/** A private copy of the example federation, for tests that change it. */
export function copyFederation(): string {
  const dir = path.join(tempDir("netstack-build-"), "federation");
  cpSync(FIXTURE, dir, { recursive: true, preserveTimestamps: true });
  return dir;
}

/** Every file under a directory, relative path → bytes; the output marker of `writeTree` left out (it is no page). */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const child = rel ? `${rel}/${name}` : name;
      if (child === OUTPUT_MARKER) continue;
      if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else out.set(child, readFileSync(path.join(dir, child)));
    }
  };
  walk("");
  return out;
}
