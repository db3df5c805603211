import { spawnSync } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseObservation, readObservationFile } from "../../src/observe/read.js";
import type { Observation } from "../../src/observe/types.js";
import { macVendor } from "../../src/observe/oui.js";
import { cleanTempDirs, repoRoot, tempDir } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

const OBS = path.join(repoRoot, "fixtures/drift/observations");
const OBSERVED_AT = Date.parse("2026-05-17T10:00:00Z");

/** Sightings as compact rows: `line ip mac name vendor ports overlay time`. */
function rows(o: Observation): string[] {
  return o.sightings.map((s) =>
    [
      s.line,
      s.ip ?? "-",
      s.mac ?? "-",
      s.name ?? "-",
      s.vendor ?? "-",
      s.ports.join(",") || "-",
      s.overlay ? `${s.overlay.node ?? "-"}@${s.overlay.addresses.join(",") || "-"}` : "-",
      new Date(s.time).toISOString(),
    ].join(" "),
  );
}

const read = (name: string) => readObservationFile(path.join(OBS, name), { observedAt: OBSERVED_AT });

describe("observation readers, on fixtures written from each format's documentation", () => {
  it("nmap -oX: up hosts with addresses, MAC vendor, PTR name and open ports; down hosts left out", () => {
    const o = read("scan.xml");
    expect(o.format).toBe("nmap-xml");
    expect(o.problems).toEqual([]);
    expect(rows(o)).toEqual([
      "9 192.168.40.2 48:8f:5a:00:00:02 - Routerboard.com 80/tcp - 2026-05-17T10:00:04.000Z",
      "21 192.168.40.11 bc:24:11:00:00:11 - Proxmox Server Solutions GmbH 22/tcp,443/tcp - 2026-05-17T10:00:04.000Z",
      "34 192.168.40.77 b8:27:eb:12:34:56 pihole.deer-run.lan Raspberry Pi Foundation 22/tcp,80/tcp - 2026-05-17T10:00:04.000Z",
    ]);
  });

  it("ip -j neigh: entries with a link-layer address; FAILED ones are no sighting", () => {
    const o = read("neigh.json");
    expect(o.format).toBe("ip-neigh");
    expect(rows(o)).toEqual([
      "1 192.168.40.1 48:8f:5a:00:00:01 - - - - 2026-05-17T10:00:00.000Z",
      "1 192.168.40.44 00:11:32:aa:bb:01 - - - - 2026-05-17T10:00:00.000Z",
      "1 fe80::4a8f:5aff:fe00:1 48:8f:5a:00:00:01 - - - - 2026-05-17T10:00:00.000Z",
      "1 10.147.40.10 c2:11:22:33:44:55 - - - - 2026-05-17T10:00:00.000Z",
    ]);
  });

  it("arp -a in the Linux, BSD/macOS and Windows shapes; incomplete, broadcast and multicast entries left out", () => {
    expect(rows(read("arp-linux.txt"))).toEqual([
      "1 192.168.40.1 48:8f:5a:00:00:01 - - - - 2026-05-17T10:00:00.000Z",
      "2 192.168.40.77 b8:27:eb:12:34:56 pihole.deer-run.lan - - - 2026-05-17T10:00:00.000Z",
    ]);
    expect(rows(read("arp-bsd.txt"))).toEqual([
      "1 192.168.40.1 48:8f:5a:00:00:01 - - - - 2026-05-17T10:00:00.000Z",
      "2 192.168.40.30 00:1e:4f:00:00:30 - - - - 2026-05-17T10:00:00.000Z",
      "3 192.168.40.101 3c:52:82:00:01:01 drws.deer-run.lan - - - 2026-05-17T10:00:00.000Z",
    ]);
    const windows = read("arp-windows.txt");
    expect(windows.format).toBe("arp");
    expect(windows.problems).toEqual([]);
    expect(rows(windows)).toEqual([
      "4 192.168.40.1 48:8f:5a:00:00:01 - - - - 2026-05-17T10:00:00.000Z",
      "5 192.168.40.50 9c:8e:cd:00:00:99 - - - - 2026-05-17T10:00:00.000Z",
    ]);
  });

  it("DHCP leases: dnsmasq, ISC dhcpd (the last declaration of an address wins; only active bindings) and MikroTik", () => {
    const dnsmasq = read("dnsmasq.leases");
    expect(dnsmasq.format).toBe("dnsmasq");
    expect(rows(dnsmasq)).toEqual([
      "1 192.168.40.77 b8:27:eb:12:34:56 pihole - - - 2026-05-17T10:00:00.000Z",
      "2 192.168.40.101 3c:52:82:00:01:01 drws - - - 2026-05-17T10:00:00.000Z",
    ]);
    const isc = read("dhcpd.leases");
    expect(isc.format).toBe("isc-dhcpd");
    expect(rows(isc)).toEqual(["16 192.168.40.44 00:11:32:aa:bb:01 drnas - - - 2026-05-17T08:00:00.000Z"]);
    const mikrotik = read("mikrotik-leases.txt");
    expect(mikrotik.format).toBe("mikrotik");
    expect(mikrotik.problems).toEqual([]);
    expect(rows(mikrotik)).toEqual([
      "2 192.168.40.11 bc:24:11:00:00:11 drpve - - - 2026-05-17T09:59:02.000Z",
      "6 192.168.40.120 da:a1:19:5c:7e:02 Galaxy-S23 - - - 2026-05-17T09:58:55.000Z",
    ]);
  });

  it("ZeroTier: LEAF peers, this node's networks, Central and self-hosted controller member lists", () => {
    const peers = read("listpeers.json");
    expect(peers.format).toBe("zerotier-peers");
    expect(rows(peers)).toEqual(["23 - - - - - 89e92ceee5@- 2026-05-17T09:59:55.000Z"]);
    const networks = read("listnetworks.json");
    expect(networks.format).toBe("zerotier-networks");
    expect(rows(networks)).toEqual(["2 - - - - - -@10.147.40.11 2026-05-17T10:00:00.000Z"]);
    const central = read("central-members.json");
    expect(central.format).toBe("zerotier-members");
    expect(rows(central)).toEqual([
      "2 - - drnas - - 89e92ceee5@10.147.40.10 2026-05-17T09:59:55.000Z",
      "35 - - drpve - - 1122334455@10.147.40.11 2026-05-17T09:59:55.000Z",
      "49 - - travel-laptop - - abcdef0123@10.147.40.99 2026-05-17T09:43:20.000Z",
    ]);
    const controller = read("controller-members.json");
    expect(controller.format).toBe("zerotier-members");
    expect(rows(controller).sort()).toEqual(["1 - - - - - 1122334455@- 2026-05-17T10:00:00.000Z", "1 - - - - - 89e92ceee5@- 2026-05-17T10:00:00.000Z"]);
  });

  it("vendors come from the IEEE OUI registry (oui-data), offline; locally administered MACs have none", () => {
    expect(macVendor("b8:27:eb:12:34:56")).toBe("Raspberry Pi Foundation");
    expect(macVendor("00:11:32:aa:bb:01")).toBe("Synology Incorporated");
    expect(macVendor("da:a1:19:5c:7e:02")).toBeNull();
  });
});

describe("unknown or damaged input is a diagnostic naming file and line", () => {
  const t = OBSERVED_AT;
  const problems = (text: string) => parseObservation(text, "/obs/x", t).problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`);

  it("names the line of a damaged entry and keeps the rest", () => {
    const o = parseObservation("1779098400 b8:27:eb:12:34:56 192.168.40.77 pihole *\ngarbage here\n1779098400 3c:52:82:00:01:01 999.1.1.1 drws *\n", "/obs/leases", t);
    expect(o.sightings.map((s) => s.ip)).toEqual(["192.168.40.77"]);
    expect(o.problems.map((p) => `${p.file}:${p.line} ${p.severity} ${p.message}`)).toEqual([
      "/obs/leases:2 warn not a dnsmasq lease line (expiry, MAC or IAID, IP, host name, client id); skipped",
      '/obs/leases:3 warn "999.1.1.1" is not an IP address; skipped',
    ]);
  });

  it("truncated XML, broken JSON, other XML and JSON, unknown text, an empty file", () => {
    expect(problems('<?xml version="1.0"?>\n<nmaprun start="1779012000">\n<host><status state="up"/>\n')).toEqual(["4:1 error not well-formed XML: unclosed tag: host"]);
    expect(problems("<?xml version=\"1.0\"?>\n<rss><channel/></rss>\n")).toEqual(["1:1 error an XML file but not nmap output (no <nmaprun> element)"]);
    expect(problems('[\n {"dst": "192.168.1.1",\n  "dev": eth0}\n]')).toEqual(['3:10 error not valid JSON: unexpected "e"']);
    expect(problems('[{"name": "x"}]')).toEqual(["1:1 error JSON, but not one netstack reads (ip -j neigh, zerotier-cli -j listpeers or listnetworks, a ZeroTier controller member list)"]);
    expect(problems("hello\nworld\n")[0]).toMatch(/^1:1 error not an observation netstack reads \(nmap -oX XML, ip -j neigh JSON, arp -a text, /);
    expect(problems("")).toEqual(["1:1 warn empty: nothing observed"]);
    expect(problems("[]")).toEqual([]);
    expect(problems('[{"dst": "192.168.1.1"},')).toEqual(["1:25 error not valid JSON: unexpected end of input"]);
    expect(problems('{"a": "b\u0001"}')).toEqual(["1:9 error not valid JSON: a broken string"]);
    expect(problems("lease 192.168.1.5 {\n  binding state active;\n")).toEqual(["1:1 error the file ends inside a declaration (a missing })"]);
  });

  it("a file that is not a regular file, or too large, is refused by the safe reader", () => {
    const dir = tempDir();
    symlinkSync("/dev/zero", path.join(dir, "zero"));
    expect(readObservationFile(path.join(dir, "zero")).problems.map((p) => p.message)).toEqual(["not a regular file (a device, FIFO or socket); not read"]);
    writeFileSync(path.join(dir, "big.txt"), "x".repeat(2048));
    expect(readObservationFile(path.join(dir, "big.txt"), { maxBytes: 1024 }).problems.map((p) => p.message)).toEqual(["2 KB, over the 1 KB limit for one file; not read"]);
  });

  it("a streamed nmap XML gives what the whole text gives, whatever the chunk size", () => {
    const text = readFileSync(path.join(OBS, "scan.xml"), "utf8");
    const whole = parseObservation(text, path.join(OBS, "scan.xml"), t);
    expect(readObservationFile(path.join(OBS, "scan.xml"), { observedAt: t })).toEqual(whole);
  });
});

describe("real output of the tools Debian ships, on this machine (no traffic beyond 127.0.0.1)", () => {
  it("nmap -oX against 127.0.0.1 only, no DNS (-n): the port we listen on is open", async () => {
    const server = net.createServer((s) => s.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const out = path.join(tempDir(), "scan.xml");
      const run = spawnSync("nmap", ["-n", "-Pn", "-p", String(port), "-oX", out, "127.0.0.1"], { encoding: "utf8", timeout: 60_000 });
      expect(run.status, run.stderr).toBe(0);
      const o = readObservationFile(out);
      expect(o.format).toBe("nmap-xml");
      expect(o.problems).toEqual([]);
      expect(o.sightings.map((s) => [s.ip, s.mac, s.ports])).toEqual([["127.0.0.1", null, [`${port}/tcp`]]]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("ip -j neigh as it runs here: read with no problem, one sighting per entry that has a link-layer address", () => {
    const run = spawnSync("ip", ["-j", "neigh"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    const entries = JSON.parse(run.stdout || "[]") as { dst: string; lladdr?: string; state?: string[] }[];
    const o = parseObservation(run.stdout, "/obs/neigh.json", OBSERVED_AT);
    expect(o.problems).toEqual([]);
    const expected = entries.filter((e) => e.lladdr && !e.state?.includes("FAILED") && !e.state?.includes("INCOMPLETE") && !/^(01|33:33|ff)/i.test(e.lladdr)).length;
    expect(o.sightings.length).toBe(expected);
    if (entries.length > 0) expect(o.format).toBe("ip-neigh");
  });

  it("arp -a -n (net-tools) as it runs here: read with no problem", () => {
    const run = spawnSync("arp", ["-a", "-n"], { encoding: "utf8" });
    if (run.error) return void console.log("arp (net-tools) is not installed; skipped");
    const o = parseObservation(run.stdout, "/obs/arp.txt", OBSERVED_AT);
    const lines = run.stdout.split("\n").filter((l) => / at [0-9a-f]{2}(:[0-9a-f]{2}){5} /.test(l));
    expect(o.problems.filter((p) => p.severity === "error").length).toBe(run.stdout.trim() === "" || /no match/i.test(run.stdout) ? 1 : 0);
    expect(o.sightings.length).toBe(lines.length);
  });
});
