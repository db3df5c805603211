// A second generator of realistic federations, written apart from bench/gen.js so that the
// inline scanner is not measured (or tuned) on one generator's strings. Same shapes and sizes
// (gen(root, { sites, rows, devices, markup }) → { federationFile, siteDirs }), different hand:
// other header aliases and column orders, and inline markup composed at random from every
// construct a cell can hold, nested (a link in bold, code in a struck-through rename, emphasis
// in link text, bare URLs and e-mail addresses next to punctuation, entities, escapes, inline
// HTML, references that resolve to nothing), in the notes, role, port, service, admin, purpose
// and type cells of `markup` (default 0.4) of the rows.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

function lcg(seed) {
  let state = BigInt(seed) & 0xffffffffn;
  return () => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(state >> 33n) / 2 ** 31;
  };
}

const WORDS = ["uplink", "spare", "lab", "prod", "core", "edge", "legacy", "cold standby", "DMZ", "PoE", "UPS", "Mgmt", "rack B", "vlan", "trunk", "ZFS pool", "replica"];
const HOSTS = ["wiki.corp.test", "grafana.lan.test", "intranet.test", "docs.ops.test", "netbox.site.test"];
const CODE = ["ip route 0.0.0.0/0", "eth0", "vlan 30", "zpool status", "a\\|b", "systemctl restart smb", "ge-0/0/1", "` x `"];
const PUNCT = [",", ".", ";", ":", "!", "?", ")", " —"];

function composer(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const n = () => Math.floor(random() * 1000);
  const url = () => `https://${pick(HOSTS)}/${pick(["p", "x/y", "a_b", "q?id="])}${n()}`;
  const atom = () => {
    switch (Math.floor(random() * 12)) {
      case 0:
        return `\`${pick(CODE)}\``;
      case 1:
        return url() + (random() < 0.5 ? pick(PUNCT) : "");
      case 2:
        return `www.${pick(HOSTS)}/${n()}`;
      case 3:
        return `${pick(["noc", "it", "admin.team"])}@${pick(HOSTS)}`;
      case 4:
        return `<${url()}>`;
      case 5:
        return pick(["&copy;", "&#8212;", "&amp;", "&nbsp;", "&#x2192;"]);
      case 6:
        return pick(["\\*", "\\_", "1 \\| 2", "\\[x\\]", "\\~"]);
      case 7:
        return pick(["<kbd>Ctrl</kbd>", "<br>", "<!-- todo -->", "<span class=\"w\">"]);
      case 8:
        return `[${pick(WORDS)}][${pick(["ref", "x"])}]`;
      case 9:
        return `![${pick(WORDS)}](img/${n()}.png)`;
      default:
        return pick(WORDS) + (random() < 0.3 ? ` ${n()}` : "");
    }
  };
  const piece = (depth) => {
    const r = random();
    if (depth > 1 || r < 0.35) return atom();
    const inner = piece(depth + 1);
    if (r < 0.45) return `**${inner}**`;
    if (r < 0.52) return `__${inner}__`;
    if (r < 0.62) return `*${inner}*`;
    if (r < 0.68) return `_${inner}_`;
    if (r < 0.8) return `~~${inner}~~ ${pick(WORDS)}`;
    if (r < 0.83) return `~${inner}~`;
    if (r < 0.95) return `[${inner}](${url()}${random() < 0.3 ? ' "t"' : ""})`;
    return `***${inner}***`;
  };
  return () => {
    const parts = [];
    const count = 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++) parts.push(piece(0));
    return parts.join(random() < 0.8 ? " " : ", ");
  };
}

const row = (cells) => `|${cells.map((c) => ` ${c} `).join("|")}|`;
const table = (header, rows) => [row(header), row(header.map((h) => "-".repeat(Math.max(3, h.length)))), ...rows].join("\n");
const code = (i) => `s${String(i).padStart(3, "0")}`;
const KINDS = ["server", "nas", "switch", "ap", "printer", "vm", "router", "camera"];
const TYPE_OF = { server: "compute", nas: "storage", switch: "switch", ap: "iot", printer: "other", vm: "compute", router: "gateway", camera: "iot" };

function write(file, text) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function site(root, i, { rows, devices: deviceRows, siteCount, markup }) {
  const random = lcg(1_000_003 * (i + 1) + rows);
  const compose = composer(random);
  const marked = (plain) => (random() < markup ? compose() : plain);
  const wrap = (value) => (random() < markup ? (random() < 0.5 ? `**${value}**` : `\`${value}\``) : value);
  const c = code(i);
  const dir = path.join(root, c);
  const deviceCount = Math.max(3, deviceRows ?? Math.round(rows * 0.6));
  const devices = [];
  for (let j = 0; j < deviceCount; j++) {
    const kind = j === 0 ? "router" : j === 1 ? "nas" : j === 2 ? "server" : KINDS[Math.floor(random() * KINDS.length)];
    devices.push({ name: j < 3 ? `${c}-${kind}` : `${c}${kind}${j}`, kind, ip: `10.${i % 256}.${j >> 8}.${(j & 255) + 1}`, retired: j > 5 && j % 23 === 0 });
  }
  const deviceRowsText = devices.map((d, j) => {
    const mac = `02:1a:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}:${(j >> 8).toString(16).padStart(2, "0")}:${(j & 255).toString(16).padStart(2, "0")}`;
    const name = d.retired ? `~~${d.name}~~` : random() < markup / 4 ? `**${d.name}**` : d.name;
    return row([d.ip, name, TYPE_OF[d.kind], wrap(`port ${j % 24}`), mac, marked(random() < 0.2 ? "spare" : "")]);
  });
  const services = Math.max(1, Math.round(rows * 0.25));
  const serviceRows = [];
  for (let j = 0; j < services; j++) {
    const host = devices[j % devices.length].retired ? devices[0] : devices[j % devices.length];
    serviceRows.push(row([wrap(`app${j}`), host.name, String(8000 + j), random() < markup ? `<http://${host.ip}:${8000 + j}/>` : "-", marked("")]));
  }
  const peers = siteCount >= 3 ? [1, 2] : siteCount === 2 ? [1] : [];
  const shares = [];
  const flows = [];
  for (let s = 0; s < 3; s++) shares.push(row([`${c}-nas`, devices[3 + (s % Math.max(1, deviceCount - 3))]?.name ?? `${c}-server`, `/srv/share${s}`, wrap(`files ${s}`), "ssh"]));
  for (const step of peers) {
    const peer = code((i + step) % siteCount);
    shares.push(row([`${peer}:${peer}-nas`, `${c}-nas`, `/mnt/${peer}`, `replica of ${peer}`, "zerotier"]));
    shares.push(row([`${peer}:${peer}-nas`, `${c}-nas`, `/mnt/from-${peer}`, `fetch ${peer}`, "ssh"]));
    flows.push(row([c, peer, "push", "critical", `replica of ${peer}`, "nightly"]));
    flows.push(row([peer, c, "pull", "critical", `fetch ${peer}`, "nightly"]));
  }
  const overlayRows = devices.slice(0, Math.min(6, deviceCount)).filter((d) => !d.retired).map((d, k) => row([d.name, `10.147.${(i * 6 + k) >> 8}.${((i * 6 + k) & 255) + 1}`, d.ip, wrap(TYPE_OF[d.kind])]));
  for (const sub of ["docs/log", "ops/backup", "ops/monitor", "ops/sensitive", ".mkdocs"]) mkdirSync(path.join(dir, sub), { recursive: true });
  write(path.join(dir, "site.yaml"), `code: ${c}\nname: Independent ${i}\nrole: ${i === 0 ? "primary" : "backup"}\nsubnet: 10.${i % 256}.0.0/16\nvisibility: private\n`);
  write(path.join(dir, ".gitignore"), "ops/sensitive/\nops/backup/logs/\nops/backup/.backup-state\ndocs/log/\n*.env\n*.env.*\n");
  write(path.join(dir, ".mkdocs/mkdocs.yml"), `site_name: Independent ${i}\ndocs_dir: ../docs\n`);
  write(path.join(dir, "docs/devices.md"), `# Devices\n\nWritten by bench/gen-independent.js.\n\n${table(["IP Address", "Name", "Node Type", "Port", "MAC Address", "Comments"], deviceRowsText)}\n`);
  write(path.join(dir, "docs/services.md"), `# Services\n\n${table(["Name", "Host", "Port", "URL", "Notes"], serviceRows)}\n`);
  write(
    path.join(dir, "docs/network.md"),
    [
      "# Network",
      "",
      "## Subnet",
      "",
      table(["Key", "Value"], [row(["Subnet", `10.${i % 256}.0.0/16`]), row(["Gateway", devices[0].ip])]),
      "",
      "## Overlay",
      "",
      table(["Node", "Overlay IP", "LAN IP", "Type"], overlayRows),
      "",
      "## Share Mappings",
      "",
      table(["Source", "Target", "Mount", "Purpose", "Transport"], shares),
      "",
      "## Backup Replication",
      "",
      table(["From", "To", "Mode", "Tier", "Via", "Schedule"], flows),
      "",
    ].join("\n"),
  );
  return dir;
}

export function gen(root, { sites = 1, rows = 60, devices, markup = 0.4 } = {}) {
  mkdirSync(root, { recursive: true });
  const siteDirs = [];
  for (let i = 0; i < sites; i++) siteDirs.push(site(root, i, { rows, devices, siteCount: sites, markup }));
  const federationFile = path.join(root, "federation.yaml");
  const entries = siteDirs.map((dir, i) => `  - { code: ${code(i)}, name: Independent ${i}, role: ${i === 0 ? "primary" : "backup"}, path: ${path.basename(dir)} }`);
  const offsite = Math.min(1, sites - 1);
  write(federationFile, ["name: independent", "overlay: { kind: zerotier, name: fed, cidr: 10.147.0.0/16 }", "sites:", ...entries, "backup:", `  minOffsite: ${offsite}`, `  tiers: { critical: ${offsite} }`, "  maxAge: 24h", ""].join("\n"));
  return { federationFile, siteDirs };
}

// `node bench/gen-independent.js DIR [sites] [rows] [devices] [--markup RATIO]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = args.indexOf("--markup");
  const markup = flag >= 0 ? Number(args.splice(flag, 2)[1]) : 0.4;
  const [dir, sites = "1", rows = "60", devices] = args;
  if (!dir || !(markup >= 0 && markup <= 1)) {
    process.stderr.write("usage: node bench/gen-independent.js DIR [sites] [rows] [devices] [--markup RATIO]\n");
    process.exit(2);
  }
  process.stdout.write(`${gen(path.resolve(dir), { sites: Number(sites), rows: Number(rows), devices: devices === undefined ? undefined : Number(devices), markup }).federationFile}\n`);
}
