// Deterministic synthetic sites and federations for benchmarks: same options, same bytes.
// gen(dir, { sites, rows, devices }) writes federation.yaml and one site per code (s000, s001, …),
// each with site.yaml, docs/devices.md, services.md, network.md and the layout of SPEC §2.
// `rows` is the number of table rows per site, spread over the three files (about 60% devices,
// 25% services, the rest network); `devices`, when given, sets the device rows alone. Tables are written the way operators write them: header
// aliases, divider rows, struck-through retired devices, links and tabs in cells, MACs in both
// notations; they are clean under every rule, so a benchmark measures work, not reporting.
// `markup` (default 0.4) is the share of rows whose notes, service or share cells carry inline
// Markdown the way operators write it: links to runbooks, bold, code spans, renames struck through,
// emphasis, autolinks and bare URLs, e-mail addresses, escaped pipes, entities; 0 gives the plain
// tables of earlier benchmarks.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const TYPES = ["compute", "storage", "gateway", "dev", "workstation", "switch", "media", "iot", "other"];
const GITIGNORE = ["ops/sensitive/", "ops/backup/logs/", "ops/backup/.backup-state", "docs/log/", "*.env", "*.env.*", ""].join("\n");
const LAYOUT = ["docs/log", "ops/backup", "ops/monitor", "ops/sensitive", ".mkdocs"];

/** mulberry32: a tiny seeded PRNG, so "random" notes are the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inline markup of a notes cell, varied: link, bold, code, rename, emphasis, URLs, combinations. */
const NOTE_MARKUP = [
  (r, n) => `see [runbook](https://example.org/rb/${n})`,
  () => "**critical**",
  (r, n) => `uses \`vlan ${n % 4000}\``,
  (r, n) => `~~old name ${n}~~ renamed`,
  (r, n) => `_spare_ since ${2000 + (n % 25)}`,
  (r, n) => `docs: <https://wiki.example.org/dev/${n}>`,
  (r, n) => `https://monitor.example.net/d/${n}?orgId=1`,
  (r, n) => `owner ops${n % 7}@example.org`,
  (r, n) => `**do not reboot** (see [ticket ${n}](https://tracker.example.com/T${n}))`,
  (r, n) => `firmware \`v${n % 9}.${n % 13}\` — *pending* upgrade`,
  (r, n) => `PoE \\| uplink ${n % 48}`,
  (r, n) => `AT&amp;T circuit ${n}`,
  (r, n) => `~~rack ${n % 9}~~ moved to rack ${(n + 1) % 9}`,
  (r, n) => `![icon](img/${n % 5}.png) www.example.org/hw/${n}`,
  (r, n) => `***EOL*** [vendor note](<https://vendor.example/eol ${n}> "EOL")`,
  (r, n) => `\\*not\\* managed, ask <b>facilities</b>`,
];
const SERVICE_MARKUP = [
  (r, n) => `[dashboard](https://grafana.example.org/d/${n})`,
  () => "**public**",
  (r, n) => `runs in \`docker\` (port ${n})`,
  (r, n) => `~~v1~~ v2 since ${2020 + (n % 5)}`,
  (r, n) => `_internal only_, see https://wiki.example.org/svc/${n}`,
  (r, n) => `alerts to oncall${n % 3}@example.org`,
];

/** A markup cell from `list` when `random()` falls under `ratio`; otherwise `plain`. */
function marked(random, ratio, list, plain) {
  if (!(random() < ratio)) return plain;
  const pick = Math.floor(random() * list.length);
  return list[pick](random, Math.floor(random() * 10000));
}

const hex2 = (n) => (n & 255).toString(16).padStart(2, "0");
const code = (i) => `s${String(i).padStart(3, "0")}`;
const row = (cells) => `| ${cells.join(" | ")} |`;
const table = (header, rows) => [row(header), row(header.map(() => "---")), ...rows].join("\n");

function write(file, text) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** How a site's `rows` split over its tables. */
function budget(rows, siteCount, deviceRows) {
  const flows = siteCount >= 3 ? 4 : siteCount === 2 ? 2 : 0;
  const devices = Math.max(3, deviceRows ?? Math.round(rows * 0.6));
  const services = Math.max(1, Math.round(rows * 0.25));
  const rest = Math.max(0, rows - Math.round(rows * 0.6) - services - 2 * flows);
  return { devices, services, overlay: Math.max(1, rest - Math.min(rest >> 1, 4)), localShares: Math.min(rest >> 1, 4), flows };
}

function siteDevices(i, count, random) {
  const c = code(i);
  const devices = [];
  for (let j = 0; j < count; j++) {
    const type = j === 0 ? "gateway" : j === 1 ? "storage" : j === 2 ? "compute" : TYPES[Math.floor(random() * TYPES.length)];
    const name = j === 0 ? `${c}gw` : j === 1 ? `${c}nas` : j === 2 ? `${c}pve` : `${c}-${type.slice(0, 3)}${j}`;
    const ip = `10.${i % 256}.${Math.floor(j / 250)}.${(j % 250) + 1}`;
    const macBytes = [2, 0, i >> 8, i, j >> 8, j].map(hex2);
    const mac = j % 3 === 0 ? macBytes.join("-").toUpperCase() : macBytes.join(":");
    devices.push({ name, type, ip, mac, retired: j > 3 && j % 17 === 0, host: type === "compute" && j > 2 && j % 2 === 0 ? `${c}pve` : null });
  }
  return devices;
}

function devicesMd(i, devices, random, markup, markupRandom) {
  const lines = [`# ${code(i)} — devices`, "", "Generated by bench/gen.js.", ""];
  const rows = [];
  devices.forEach((d, j) => {
    if (j > 0 && j % 12 === 0) rows.push(row([`Rack ${j / 12 + 1}`, "----", "----", "----", "----", "----", "----", "----"]));
    const name = d.retired ? `~~${d.name}~~` : d.name;
    const plain = random() < 0.3 ? `note ${Math.floor(random() * 1000)}` : "";
    const note = j === 0 ? `[admin](https://${d.ip}/)` : marked(markupRandom, markup, NOTE_MARKUP, plain);
    rows.push(row([j % 5 === 0 ? `\t${name}\t` : name, d.type, j % 7 === 0 ? "-" : `r${j % 4}`, d.ip, d.mac, `sw1-${(j % 48) + 1}`, d.host ?? "-", note]));
  });
  lines.push(table(["Hostname", "Type", "Role", "IP", "MAC", "Port", "Host", "Notes"], rows), "");
  return lines.join("\n");
}

function servicesMd(i, devices, count, random, markup) {
  const active = devices.filter((d) => !d.retired);
  const rows = [];
  for (let j = 0; j < count; j++) {
    const host = active[j % active.length];
    rows.push(row([`svc${j}`, host.name, String(1000 + j), j % 4 === 0 ? `[ui](http://${host.ip}:${1000 + j}/)` : "-", "web", j % 2 ? "lan" : "overlay", "active", marked(random, markup, SERVICE_MARKUP, "")]));
  }
  return [`# ${code(i)} — services`, "", table(["Service", "Host", "Port", "Admin", "Type", "Exposure", "Status", "Notes"], rows), ""].join("\n");
}

function networkMd(i, siteCount, devices, plan, overlayBase, random, markup) {
  const c = code(i);
  const active = devices.filter((d) => !d.retired);
  const overlay = [];
  for (let j = 0; j < plan.overlay; j++) {
    const d = active[j % active.length];
    const k = overlayBase + j;
    overlay.push(row([d.name, `10.147.${Math.floor(k / 250)}.${(k % 250) + 1}`, d.ip, d.type]));
  }
  const shares = [];
  const flows = [];
  // A local share's purpose is named by no backup flow: markup that keeps its text.
  const purpose = (s) => marked(random, markup, [() => `**share ${s}**`, () => `\`share ${s}\``, () => `_share ${s}_`, () => `share ${s}`], `share ${s}`);
  for (let s = 0; s < plan.localShares; s++) shares.push(row([`${c}nas`, active[(s + 3) % active.length].name, `${String.fromCharCode(72 + s)}:`, purpose(s), "ssh"]));
  const peers = siteCount >= 3 ? [1, 2] : siteCount === 2 ? [1] : [];
  for (const step of peers) {
    const peer = code((i + step) % siteCount);
    const push = `${c} offsite copy on ${peer}`;
    const pull = `pull ${peer} backups`;
    shares.push(row([`${peer}:${peer}nas`, `${c}nas`, `/mnt/${peer}-offsite`, push, "zerotier"]));
    shares.push(row([`${peer}:${peer}nas`, `${c}nas`, `/mnt/${peer}-export`, pull, "ssh"]));
    flows.push(row([c, peer, "push", "critical", push, "daily 01:00"]));
    flows.push(row([peer, c, "pull", "critical", pull, "daily 05:00"]));
  }
  return [
    `# ${c} — network`,
    "",
    "## Subnet",
    "",
    table(["Key", "Value"], [row(["Subnet", `10.${i % 256}.0.0/16`]), row(["Gateway", `10.${i % 256}.0.1`])]),
    "",
    "## Overlay",
    "",
    table(["Node", "Overlay IP", "LAN IP", "Type"], overlay),
    "",
    "## Share Mappings",
    "",
    table(["Source", "Target", "Drive Letter / Mount", "Purpose", "Transport"], shares),
    "",
    "## Backup Replication",
    "",
    table(["From", "To", "Mode", "Tier", "Via", "Schedule"], flows),
    "",
  ].join("\n");
}

/** Writes one site of a federation of `siteCount` sites; returns its directory. */
export function genSite(root, i, { rows = 60, devices: deviceRows, siteCount = 1, overlayBase = 0, markup = DEFAULT_MARKUP } = {}) {
  const dir = path.join(root, code(i));
  const random = prng(0x5eed + i * 7919 + rows);
  const plan = budget(rows, siteCount, deviceRows);
  const devices = siteDevices(i, plan.devices, random);
  for (const sub of LAYOUT) mkdirSync(path.join(dir, sub), { recursive: true });
  write(path.join(dir, "site.yaml"), `code: ${code(i)}\nname: Site ${i}\nrole: ${i === 0 ? "primary" : "backup"}\nsubnet: 10.${i % 256}.0.0/16\nvisibility: private\n`);
  write(path.join(dir, ".gitignore"), GITIGNORE);
  write(path.join(dir, ".mkdocs/mkdocs.yml"), `site_name: Site ${i}\ndocs_dir: ../docs\n`);
  write(path.join(dir, "README.md"), `# Site ${i}\n`);
  // Markup draws from its own generator, so the plain parts are the same bytes for every ratio.
  const markupRandom = prng(0x3a7c + i * 104729 + rows);
  write(path.join(dir, "docs/devices.md"), devicesMd(i, devices, random, markup, markupRandom));
  write(path.join(dir, "docs/services.md"), servicesMd(i, devices, plan.services, markupRandom, markup));
  write(path.join(dir, "docs/network.md"), networkMd(i, siteCount, devices, plan, overlayBase, markupRandom, markup));
  return { dir, overlayCount: plan.overlay };
}

/** Writes a federation of `sites` sites with `rows` table rows each; returns its paths. */
export const DEFAULT_MARKUP = 0.4;

export function gen(root, { sites = 1, rows = 60, devices, markup = DEFAULT_MARKUP } = {}) {
  mkdirSync(root, { recursive: true });
  const siteDirs = [];
  let overlayBase = 0;
  for (let i = 0; i < sites; i++) {
    const { dir, overlayCount } = genSite(root, i, { rows, devices, siteCount: sites, overlayBase, markup });
    siteDirs.push(dir);
    overlayBase += overlayCount;
  }
  const entries = siteDirs.map((dir, i) => `  - { code: ${code(i)}, name: Site ${i}, role: ${i === 0 ? "primary" : "backup"}, path: ${path.basename(dir)} }`);
  const federationFile = path.join(root, "federation.yaml");
  write(
    federationFile,
    [
      "name: bench",
      "overlay: { kind: zerotier, name: federation, cidr: 10.147.0.0/16 }",
      "sites:",
      ...entries,
      "backup:",
      `  minOffsite: ${Math.min(2, sites - 1)}`,
      "  tiers: { critical: " + Math.min(2, sites - 1) + " }",
      "  maxAge: 24h",
      "",
    ].join("\n"),
  );
  return { federationFile, siteDirs };
}

/** The number of table rows in a generated site's three files (header and delimiter rows excluded). */
export function countRows(siteDir, readFile) {
  return ["devices", "services", "network"]
    .map((f) => readFile(path.join(siteDir, `docs/${f}.md`), "utf8").split("\n").filter((l) => l.startsWith("|") && !/^\| (---|Hostname|Service|Key|Node|Source|From) /.test(l)).length)
    .reduce((a, b) => a + b, 0);
}

// `node bench/gen.js DIR [sites] [rows] [devices] [--markup RATIO]` writes a federation for manual runs.
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = args.indexOf("--markup");
  const markup = flag >= 0 ? Number(args.splice(flag, 2)[1]) : DEFAULT_MARKUP;
  const [dir, sites = "1", rows = "60", devices] = args;
  if (!dir || !(markup >= 0 && markup <= 1)) {
    process.stderr.write("usage: node bench/gen.js DIR [sites] [rows] [devices] [--markup RATIO (0..1, default 0.4)]\n");
    process.exit(2);
  }
  const { federationFile } = gen(path.resolve(dir), { sites: Number(sites), rows: Number(rows), devices: devices === undefined ? undefined : Number(devices), markup });
  process.stdout.write(`${federationFile}\n`);
}
