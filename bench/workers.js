// Would worker_threads pay for loading a large federation? Loads every site of a generated
// federation (bench/gen.js) on the main thread, then split over N workers that post their
// SiteModels back (structured clone), and prints both times. `npm run compile` first.
// Usage: node bench/workers.js [sites=100] [rows=1000] [devices=1000] [workers=2]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { gen } from "./gen.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { loadSite } = await import(path.join(repo, "dist/inventory/site.js"));

if (!isMainThread) {
  const sites = workerData.dirs.map((dir) => loadSite(dir, { allMarkdown: true }));
  parentPort.postMessage(sites);
} else {
  const [sites = 100, rows = 1000, devices = 1000, workers = 2] = process.argv.slice(2).map(Number);
  const work = mkdtempSync(path.join(os.tmpdir(), "netstack-workers-"));
  try {
    const { siteDirs } = gen(work, { sites, rows, devices });
    const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
    let start = process.hrtime.bigint();
    siteDirs.map((dir) => loadSite(dir, { allMarkdown: true }));
    const serial = ms(start);
    start = process.hrtime.bigint();
    const parts = Array.from({ length: workers }, (_, w) => siteDirs.filter((_, i) => i % workers === w));
    const loaded = await Promise.all(
      parts.map((dirs) => new Promise((resolve, reject) => {
        const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { dirs } });
        worker.once("message", resolve);
        worker.once("error", reject);
      })),
    );
    const parallel = ms(start);
    const count = loaded.reduce((n, part) => n + part.length, 0);
    process.stdout.write(`${JSON.stringify({ sites, rows, workers, cores: os.cpus().length, serialMs: Math.round(serial), parallelMs: Math.round(parallel), ratio: +(parallel / serial).toFixed(2), loaded: count })}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
