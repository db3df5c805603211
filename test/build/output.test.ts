import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { recoverLeftovers, writeTree, type OutputStep, type OutputTree } from "../../src/emit/output.js";
import { cleanTempDirs, repoRoot, tempDir } from "../foundation/helpers.js";
import { readTree } from "./helpers.js";

afterAll(cleanTempDirs);

const OLD: OutputTree = new Map([
  ["mkdocs.yml", "site_name: old\n"],
  ["docs/index.md", "# Old\n"],
  ["docs/same.md", "unchanged\n"],
  ["docs/gone.md", "removed by the next build\n"],
]);
const NEW: OutputTree = new Map([
  ["mkdocs.yml", "site_name: new\n"],
  ["docs/index.md", "# New\n"],
  ["docs/same.md", "unchanged\n"],
  ["docs/sites/cf/index.md", "# cf\n"],
]);

const text = (tree: Map<string, string | Uint8Array | Buffer>) => new Map([...tree].map(([k, v]) => [k, Buffer.from(v).toString()]));

describe("writeTree", () => {
  it("writes the tree, drops files no longer built, and keeps inode and mtime of unchanged files", () => {
    const out = path.join(tempDir(), "site");
    writeTree(out, OLD);
    const past = new Date("2001-02-03T04:05:06Z");
    utimesSync(path.join(out, "docs/same.md"), past, past);
    utimesSync(path.join(out, "docs/index.md"), past, past);
    const before = statSync(path.join(out, "docs/same.md"));
    const result = writeTree(out, NEW);
    expect(result).toEqual({ written: 3, unchanged: 1 });
    expect(text(readTree(out))).toEqual(text(NEW));
    const after = statSync(path.join(out, "docs/same.md"));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.ino).toBe(before.ino);
    expect(statSync(path.join(out, "docs/index.md")).mtimeMs).not.toBe(past.getTime());
    expect(readdirSync(path.dirname(out))).toEqual(["site"]);
  });

  it("clears the leftovers of a dead build and leaves those of a live one", () => {
    const parent = tempDir();
    const out = path.join(parent, "site");
    const dead = path.join(parent, ".site.netstack-tmp-999999999-abc");
    const live = path.join(parent, `.site.netstack-tmp-${process.pid}-abc`);
    for (const dir of [dead, live]) mkdirSync(dir);
    writeFileSync(path.join(dead, "half.md"), "half-writ");
    writeTree(out, NEW);
    expect(readdirSync(parent).sort()).toEqual([path.basename(live), "site"]);
  });

  it("refuses an output path that is a file, in one line", () => {
    const file = path.join(tempDir(), "file");
    writeFileSync(file, "x");
    expect(() => writeTree(file, NEW)).toThrow(`${file}: exists and is not a directory`);
  });
});

/** Runs writeTree in a child process that SIGKILLs itself at `step`. */
function killedBuild(out: string, step: OutputStep): void {
  const script = `
    import { writeTree } from ${JSON.stringify(path.join(repoRoot, "dist/emit/output.js"))};
    const tree = new Map(${JSON.stringify([...text(NEW)])});
    writeTree(${JSON.stringify(out)}, tree, { onStep: (s) => { if (s === ${JSON.stringify(step)}) process.kill(process.pid, "SIGKILL"); } });
  `;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  expect(child.signal).toBe("SIGKILL");
}

describe("a build killed at any moment", () => {
  it.each(["temp-written", "old-moved-aside", "new-in-place"] as const)("at %s leaves the previous tree whole, and the next run cleans up", (step) => {
    const parent = tempDir();
    const out = path.join(parent, "site");
    writeTree(out, OLD);
    killedBuild(out, step);
    if (step === "old-moved-aside") {
      // Between the two renames the old tree sits whole beside DIR; the next run puts it back.
      expect(existsSync(out)).toBe(false);
      const aside = readdirSync(parent).find((n) => n.startsWith(".site.netstack-old-"))!;
      expect(text(readTree(path.join(parent, aside)))).toEqual(text(OLD));
      recoverLeftovers(out);
      expect(text(readTree(out))).toEqual(text(OLD));
    } else {
      expect(text(readTree(out))).toEqual(text(step === "new-in-place" ? NEW : OLD));
    }
    writeTree(out, NEW);
    expect(text(readTree(out))).toEqual(text(NEW));
    expect(readdirSync(parent)).toEqual(["site"]);
  });
});
