// Preloaded with `node --require` when GNU time is missing: writes this process's peak RSS (KB) on exit.
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  writeFileSync(process.env.NETSTACK_BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
