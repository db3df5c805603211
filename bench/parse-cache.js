// Would a content-hash cache of parsed Markdown pay? For every Markdown file of a generated
// federation it times, in-process: parsing (parseMarkdown, the linear table path), and loading
// the same result from a cache entry on disk (sha256 of the text + read + JSON.parse), which is
// what a rebuild with no change would do instead. `npm run build` first.
// Usage: node bench/parse-cache.js [sites=100] [rows=1000] [devices=1000]
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gen } from "./gen.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { parseMarkdown } = await import(path.join(repo, "dist/markdown/index.js"));

const [sites = 100, rows = 1000, devices = 1000] = process.argv.slice(2).map(Number);
const work = mkdtempSync(path.join(os.tmpdir(), "netstack-parse-cache-"));
const time = (work) => {
  const start = process.hrtime.bigint();
  work();
  return Math.round(Number(process.hrtime.bigint() - start) / 1e6);
};
try {
  const { siteDirs } = gen(path.join(work, "f"), { sites, rows, devices });
  const files = siteDirs.flatMap((dir) => readdirSync(path.join(dir, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join(dir, "docs", f)));
  const texts = files.map((f) => readFileSync(f, "utf8"));
  const cache = path.join(work, "cache");
  mkdirSync(cache);
  const key = (text) => createHash("sha256").update(text).digest("hex");
  const parseMs = time(() => texts.map((t) => parseMarkdown(t)));
  let cacheBytes = 0;
  const writeMs = time(() => {
    for (const t of texts) {
      const json = JSON.stringify(parseMarkdown(t));
      cacheBytes += json.length;
      writeFileSync(path.join(cache, `${key(t)}.json`), json);
    }
  });
  const loadMs = time(() => texts.map((t) => JSON.parse(readFileSync(path.join(cache, `${key(t)}.json`), "utf8"))));
  const sourceBytes = texts.reduce((n, t) => n + t.length, 0);
  process.stdout.write(`${JSON.stringify({ sites, rows, files: files.length, sourceMB: +(sourceBytes / 1e6).toFixed(1), cacheMB: +(cacheBytes / 1e6).toFixed(1), parseMs, parseAndWriteMs: writeMs, loadFromCacheMs: loadMs, ratio: +(loadMs / parseMs).toFixed(2) })}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
