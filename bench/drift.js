// Reading a large nmap -oX scan: the bound of issue 16 is a 65,536-host XML (a /16) read in ≤ 2 s
// and ≤ 300 MB peak RSS. `node bench/drift.js [hosts]` runs just this piece; bench/run.js runs it
// with the rest. The scan is generated in the shape Debian's nmap 7.93 writes for a LAN scan as
// root: each host up, with its IPv4 address, MAC and vendor, a PTR name for half of them, three
// scanned ports of which one or two are open, and the timing lines.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runNode } from "./measure.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DRIFT_HOSTS = 65_536;
export const DRIFT_BOUNDS = { ms: 2000, rssMB: 300 };

const hex = (n) => n.toString(16).padStart(2, "0");

function host(i) {
  const a = (i >> 8) & 255;
  const b = i & 255;
  const mac = `B8:27:EB:${hex((i >> 16) & 255)}:${hex(a)}:${hex(b)}`.toUpperCase();
  const name = i % 2 === 0 ? `<hostname name="host-${a}-${b}.example.lan" type="PTR"/>\n` : "";
  const open = (port, service) => `<port protocol="tcp" portid="${port}"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="${service}" method="table" conf="3"/></port>\n`;
  return (
    `<host starttime="1779012001" endtime="1779012004"><status state="up" reason="arp-response" reason_ttl="0"/>\n` +
    `<address addr="10.20.${a}.${b}" addrtype="ipv4"/>\n` +
    `<address addr="${mac}" addrtype="mac" vendor="Raspberry Pi Foundation"/>\n` +
    `<hostnames>\n${name}</hostnames>\n` +
    `<ports><extraports state="closed" count="1">\n<extrareasons reason="reset" count="1" proto="tcp" ports="443"/>\n</extraports>\n` +
    open(22, "ssh") +
    (i % 3 === 0 ? open(80, "http") : "") +
    `</ports>\n<times srtt="412" rttvar="212" to="100000"/>\n</host>\n`
  );
}

/** Writes an nmap XML of `hosts` hosts to `file`; resolves to its size in bytes. */
export async function writeScan(file, hosts = DRIFT_HOSTS) {
  const out = createWriteStream(file);
  const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once("drain", resolve)));
  await write(
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n<?xml-stylesheet href="file:///usr/bin/../share/nmap/nmap.xsl" type="text/xsl"?>\n` +
      `<nmaprun scanner="nmap" args="nmap -n -sS -p 22,80,443 -oX scan.xml 10.20.0.0/16" start="1779012000" version="7.93" xmloutputversion="1.05">\n` +
      `<scaninfo type="syn" protocol="tcp" numservices="3" services="22,80,443"/>\n<verbose level="0"/>\n<debugging level="0"/>\n`,
  );
  let chunk = "";
  for (let i = 0; i < hosts; i++) {
    chunk += host(i);
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(`${chunk}<runstats><finished time="1779012900" elapsed="900.00" exit="success"/><hosts up="${hosts}" down="0" total="${hosts}"/>\n</runstats>\n</nmaprun>\n`);
  await new Promise((resolve) => out.end(resolve));
  return statSync(file).size;
}

/** Generates the scan, then reads it in a child process (the built dist/), measuring time and peak RSS. */
export async function driftBench({ repo = REPO, work, hosts = DRIFT_HOSTS } = {}) {
  const dir = work ?? mkdtempSync(path.join(os.tmpdir(), "netstack-drift-bench-"));
  try {
    const file = path.join(dir, "scan.xml");
    const bytes = await writeScan(file, hosts);
    const reader = path.join(repo, "dist/observe/read.js");
    const script = `const { readObservationFile } = await import(${JSON.stringify(reader)}); const o = readObservationFile(${JSON.stringify(file)}); if (o.problems.length) { console.error(JSON.stringify(o.problems)); process.exit(2); } console.log(o.sightings.length);`;
    const args = ["--input-type=module", "-e", script];
    const run = runNode(args, { cwd: repo });
    const sightings = Number(run.stdout.trim());
    if (sightings !== hosts) throw new Error(`read ${sightings} hosts of ${hosts}`);
    return { hosts, mb: bytes / 2 ** 20, ms: run.ms, cpuMs: cpuTime(args, repo), rssMB: run.rssMB };
  } finally {
    if (!work) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * CPU seconds (user + system) of a second run, by GNU time: on a shared, loaded machine the wall
 * time says more about the other processes than about the reader. Null without GNU time.
 */
function cpuTime(args, cwd) {
  if (!existsSync("/usr/bin/time")) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), "netstack-cpu-"));
  try {
    const out = path.join(dir, "cpu");
    const run = spawnSync("/usr/bin/time", ["-f", "%U %S", "-o", out, process.execPath, ...args], { cwd, encoding: "utf8" });
    if (run.status !== 0) return null;
    const [user, system] = readFileSync(out, "utf8").trim().split("\n").pop().split(" ").map(Number);
    return (user + system) * 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatDrift(d) {
  const cpu = d.cpuMs === null ? "" : ` (${(d.cpuMs / 1000).toFixed(2)} s of CPU)`;
  return `drift: nmap -oX of ${d.hosts.toLocaleString("en")} hosts (${d.mb.toFixed(1)} MB) read in ${(d.ms / 1000).toFixed(2)} s${cpu}, peak RSS ${d.rssMB.toFixed(0)} MB`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const hosts = process.argv[2] ? Number(process.argv[2]) : DRIFT_HOSTS;
  process.stdout.write(`${formatDrift(await driftBench({ hosts }))}\n`);
}
