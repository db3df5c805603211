import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FatalError } from "../../src/diagnostics.js";
import { Chunked, FromFile, writeTree, type OutputContent, type OutputTree } from "../../src/emit/output.js";
import { cleanTempDirs, tempDir } from "../foundation/helpers.js";
import { readTree } from "./helpers.js";

afterAll(cleanTempDirs);

const PAST = new Date("2001-02-03T04:05:06Z");

/** The output dir `site` in a fresh parent, and a place for FromFile sources outside it. */
function place(): { parent: string; out: string; sources: string } {
  const parent = tempDir();
  return { parent, out: path.join(parent, "site"), sources: tempDir("netstack-sources-") };
}

function source(dir: string, name: string, bytes: string | Uint8Array): FromFile {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return new FromFile(file);
}

/** A Uint8Array that is a view into a larger buffer: only the view's bytes are its content. */
function view(text: string): Uint8Array {
  const bytes = Buffer.from(`<<<${text}>>>`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset + 3, bytes.byteLength - 6);
}

/** One content kind: how to make a content holding `text` (sources written under `dir`). */
type Kind = (text: string, dir: string) => OutputContent;
const KINDS: [string, Kind][] = [
  ["string", (text) => text],
  ["Uint8Array", (text) => view(text)],
  ["Chunked", (text) => new Chunked(() => [...text].map((ch) => ch))],
  ["FromFile", (text, dir) => source(dir, `src-${Buffer.from(text).toString("hex")}`, text)],
];

const statOf = (file: string) => {
  const s = statSync(file);
  return { ino: s.ino, mtimeMs: s.mtimeMs };
};

describe.each(KINDS)("writeTree with %s content", (_kind, make) => {
  it("writes it, keeps the file (inode, mtime) when the bytes are the same, and writes new bytes", () => {
    const { parent, out, sources } = place();
    const file = path.join(out, "docs/inventory.yaml");
    const first = "sites:\n  - code: cf\n    name: Cedar Falls ‹redacted›\n";

    expect(writeTree(out, new Map([["docs/inventory.yaml", make(first, sources)]]))).toEqual({ written: 1, unchanged: 0 });
    expect(readFileSync(file, "utf8")).toBe(first);
    utimesSync(file, PAST, PAST);
    const before = statOf(file);
    expect(before.mtimeMs).toBe(PAST.getTime());

    // A content of the same bytes, made anew (a fresh Chunked, a fresh FromFile source).
    expect(writeTree(out, new Map([["docs/inventory.yaml", make(first, sources)]]))).toEqual({ written: 0, unchanged: 1 });
    expect(readFileSync(file, "utf8")).toBe(first);
    expect(statOf(file)).toEqual(before);

    const second = `${first}  - code: sl\n`;
    expect(writeTree(out, new Map([["docs/inventory.yaml", make(second, sources)]]))).toEqual({ written: 1, unchanged: 0 });
    expect(readFileSync(file, "utf8")).toBe(second);
    const after = statOf(file);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mtimeMs).not.toBe(PAST.getTime());
    expect(readdirSync(parent)).toEqual(["site"]);
  });

  it("writes a content of other bytes of the same length", () => {
    const { out, sources } = place();
    writeTree(out, new Map([["a.txt", make("abc\n", sources)]]));
    expect(writeTree(out, new Map([["a.txt", make("abd\n", sources)]]))).toEqual({ written: 1, unchanged: 0 });
    expect(readFileSync(path.join(out, "a.txt"), "utf8")).toBe("abd\n");
  });

  it("writes and then keeps an empty content", () => {
    const { out, sources } = place();
    expect(writeTree(out, new Map([["empty", make("", sources)]]))).toEqual({ written: 1, unchanged: 0 });
    expect(readFileSync(path.join(out, "empty"), "utf8")).toBe("");
    const before = statOf(path.join(out, "empty"));
    expect(writeTree(out, new Map([["empty", make("", sources)]]))).toEqual({ written: 0, unchanged: 1 });
    expect(statOf(path.join(out, "empty"))).toEqual(before);
  });
});

describe("writeTree with every content kind at once", () => {
  it("writes them, then keeps the unchanged ones and rewrites the changed ones", () => {
    const { parent, out, sources } = place();
    const bytes = Buffer.from([0, 1, 2, 255, 254, 10]);
    const chunked = new Chunked(() => ["{\n", '  "sites": [', "\n  ]\n", "}\n"]);
    const fromFile = source(sources, "mermaid.min.js", "/* mermaid */\n");
    const tree: OutputTree = new Map<string, OutputContent>([
      ["mkdocs.yml", "site_name: 2cld\n"],
      ["docs/assets/logo.bin", bytes],
      ["docs/inventory.json", chunked],
      ["docs/assets/javascripts/mermaid.min.js", fromFile],
    ]);
    expect(writeTree(out, tree)).toEqual({ written: 4, unchanged: 0 });
    expect(readTree(out)).toEqual(
      new Map([
        ["docs/assets/javascripts/mermaid.min.js", Buffer.from("/* mermaid */\n")],
        ["docs/assets/logo.bin", bytes],
        ["docs/inventory.json", Buffer.from('{\n  "sites": [\n  ]\n}\n')],
        ["mkdocs.yml", Buffer.from("site_name: 2cld\n")],
      ]),
    );
    for (const rel of tree.keys()) utimesSync(path.join(out, rel), PAST, PAST);
    const before = new Map([...tree.keys()].map((rel) => [rel, statOf(path.join(out, rel))]));

    // The same tree again (the same Chunked is read a second time): nothing is written.
    expect(writeTree(out, tree)).toEqual({ written: 0, unchanged: 4 });
    for (const rel of tree.keys()) expect(statOf(path.join(out, rel))).toEqual(before.get(rel));

    // Two changed (the FromFile source edited in place, the Chunked's text), two kept.
    writeFileSync(fromFile.path, "/* mermaid 2 */\n");
    tree.set("docs/inventory.json", new Chunked(() => ["{}", "\n"]));
    expect(writeTree(out, tree)).toEqual({ written: 2, unchanged: 2 });
    expect(readFileSync(path.join(out, "docs/assets/javascripts/mermaid.min.js"), "utf8")).toBe("/* mermaid 2 */\n");
    expect(readFileSync(path.join(out, "docs/inventory.json"), "utf8")).toBe("{}\n");
    expect(statOf(path.join(out, "mkdocs.yml"))).toEqual(before.get("mkdocs.yml"));
    expect(statOf(path.join(out, "docs/assets/logo.bin"))).toEqual(before.get("docs/assets/logo.bin"));
    expect(statOf(path.join(out, "docs/inventory.json")).mtimeMs).not.toBe(PAST.getTime());
    expect(readdirSync(parent)).toEqual(["site"]);
  });

  it("copies a FromFile: the output is not the source's inode, and the source stays", () => {
    const { out, sources } = place();
    const from = source(sources, "cached.md", "# cached\n");
    writeTree(out, new Map([["page.md", from]]));
    expect(statSync(path.join(out, "page.md")).ino).not.toBe(statSync(from.path).ino);
    expect(readFileSync(from.path, "utf8")).toBe("# cached\n");
  });

  it("links a FromFile marked as the build cache's (one file system), and keeps it unchanged on the next write", () => {
    const { out, sources } = place();
    const cached = new FromFile(source(sources, "cached.md", "# cached\n").path, true);
    expect(writeTree(out, new Map([["page.md", cached]]))).toEqual({ written: 1, unchanged: 0 });
    const linked = statSync(path.join(out, "page.md")).dev === statSync(cached.path).dev;
    if (linked) expect(statSync(path.join(out, "page.md")).ino).toBe(statSync(cached.path).ino);
    expect(writeTree(out, new Map([["page.md", cached]]))).toEqual({ written: 0, unchanged: 1 });
    expect(readFileSync(path.join(out, "page.md"), "utf8")).toBe("# cached\n");
    expect(readFileSync(cached.path, "utf8")).toBe("# cached\n");
  });
});

describe("a writeTree that fails midway", () => {
  const PREVIOUS: OutputTree = new Map<string, OutputContent>([
    ["mkdocs.yml", "site_name: previous\n"],
    ["docs/index.md", "# Previous\n"],
    ["docs/inventory.json", new Chunked(() => ["[", "1", "]\n"])],
  ]);
  const PREVIOUS_BYTES = new Map([
    ["docs/index.md", Buffer.from("# Previous\n")],
    ["docs/inventory.json", Buffer.from("[1]\n")],
    ["mkdocs.yml", Buffer.from("site_name: previous\n")],
  ]);

  /** Runs the failing write and checks the previous output is untouched and nothing is left beside it. */
  function expectPreviousWhole(tree: OutputTree, message: (out: string) => string): void {
    const { parent, out } = place();
    writeTree(out, PREVIOUS);
    const before = new Map([...PREVIOUS.keys()].map((rel) => [rel, statOf(path.join(out, rel))]));
    let error: unknown;
    try {
      writeTree(out, tree);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FatalError);
    expect((error as FatalError).message).toBe(message(out));
    expect(readTree(out)).toEqual(PREVIOUS_BYTES);
    for (const rel of PREVIOUS.keys()) expect(statOf(path.join(out, rel))).toEqual(before.get(rel));
    expect(readdirSync(parent)).toEqual(["site"]);
  }

  it("because a FromFile's source is missing: a FatalError, the previous output whole, no temp dir", () => {
    const { sources } = place();
    const missing = source(sources, "gone.js", "x");
    unlinkSync(missing.path);
    expect(existsSync(missing.path)).toBe(false);
    expectPreviousWhole(
      new Map<string, OutputContent>([
        ["mkdocs.yml", "site_name: next\n"],
        ["docs/index.md", "# Previous\n"],
        ["docs/z.js", missing],
      ]),
      (out) => `${out}: cannot write output (ENOENT)`,
    );
  });

  it("because a Chunked's generator throws: a FatalError, the previous output whole, no temp dir", () => {
    let yielded = 0;
    const failing = new Chunked(function* () {
      yield '{\n  "sites": [';
      yielded++;
      yield "\n    {}";
      yielded++;
      throw new Error("site 2 failed");
    });
    expectPreviousWhole(
      new Map<string, OutputContent>([
        ["mkdocs.yml", "site_name: next\n"],
        ["docs/inventory.json", failing],
        ["docs/zz.md", "after the failure\n"],
      ]),
      (out) => `${out}: cannot write output (site 2 failed)`,
    );
    expect(yielded).toBe(2);
  });

  it("because a Chunked's generator throws a FatalError: that error, as it is", () => {
    expectPreviousWhole(
      new Map<string, OutputContent>([
        [
          "docs/inventory.yaml",
          new Chunked(function* () {
            yield "sites:\n";
            throw new FatalError("inventory: out of cheese");
          }),
        ],
      ]),
      () => "inventory: out of cheese",
    );
  });
});
