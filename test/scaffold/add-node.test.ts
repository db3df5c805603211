import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadSite } from "../../src/inventory/site.js";
import { addNode } from "../../src/scaffold/add-node.js";
import { cli, makeSite, read, tempDir } from "./helpers.js";

/** A site with hand-written tables: two device tables, header variants, a retired device. */
function handSite(devices: string, network?: string): string {
  const root = tempDir();
  mkdirSync(path.join(root, "docs"));
  writeFileSync(path.join(root, "site.yaml"), "code: sl\nname: O'Fallon\nsubnet: 192.168.0.0/24\n");
  writeFileSync(path.join(root, "docs/devices.md"), devices);
  writeFileSync(path.join(root, "docs/services.md"), "# Services\n");
  if (network !== undefined) writeFileSync(path.join(root, "docs/network.md"), network);
  return root;
}

const DEVICES = `# Devices

Some prose the operator wrote.

## Servers

| Hostname | Kind    | IP Address    | Rm  | Owner |
|----------|---------|---------------|-----|-------|
| pve1     | compute | 192.168.0.10  | r1  | ops   |
| ~~nas0~~ | storage | 192.168.0.11  | r1  | ops   |
| nas1     | storage | 192.168.0.12  | r1  | ops   |
| pve2     | compute | 192.168.0.13  | r2  | ops   |

## Network

| Name | Type | Role | IP | MAC | Notes |
|---|---|---|---|---|---|
| Core |  |  |  |  |  |
| gw | gateway | ng | 192.168.0.1 | AA-BB-CC-00-00-01 | router |
| sw1 | switch | | | aa:bb:cc:00:00:02 | |
| ap1 | iot | | 192.168.0.3 | | |

Trailing prose.
`;

const NETWORK = `# Network

## Overlay

| Node | Overlay IP | LAN IP | Type |
|------|------------|--------|------|
| gw | 10.147.17.1 | 192.168.0.1 | gateway |

## Share Mappings

| Source | Target | Mount | Purpose | Transport |
|---|---|---|---|---|
`;

/** The text with one line removed (with its line ending, or the one before it on a last line). */
function withoutLine(text: string, line: number): string {
  const lines = text.split(/(?<=\n)/);
  const index = line - 1;
  if (index === lines.length - 1 && !lines[index]!.endsWith("\n")) {
    const previous = lines[index - 1]!;
    lines[index - 1] = previous.replace(/\r?\n$/, "");
  }
  lines.splice(index, 1);
  return lines.join("");
}

describe("add-node: where the row goes", () => {
  it("into the table whose devices have the same type, after the last of them, in that table's column order", () => {
    const root = handSite(DEVICES);
    const result = addNode(root, { name: "nas2", type: "storage", ip: "192.168.0.20", location: "r3", role: "sg2", notes: "new" });
    expect(result.devices.line).toBe(12);
    // Only the table's own columns: no Role or Notes column here, Owner stays empty.
    expect(result.devices.after).toBe(DEVICES.replace("| nas1     | storage | 192.168.0.12  | r1  | ops   |\n", "$&| nas2     | storage | 192.168.0.20  | r3  |       |\n"));
  });

  it("into the first device table when no device has the type, at its end; header spelling respected", () => {
    const root = handSite(DEVICES);
    const result = addNode(root, { name: "ws1", type: "workstation", ip: "192.168.0.30" });
    expect(result.devices.after).toBe(DEVICES.replace("| pve2     | compute | 192.168.0.13  | r2  | ops   |\n", "$&| ws1      | workstation | 192.168.0.30  |     |       |\n"));
  });

  it("an unaligned table gets an unpadded row; MACs are written normalized", () => {
    const root = handSite(DEVICES);
    const result = addNode(root, { name: "sw2", type: "switch", mac: "AA-BB-CC-00-00-09", role: "sw", notes: "a|b" });
    expect(result.devices.after).toBe(DEVICES.replace("| sw1 | switch | | | aa:bb:cc:00:00:02 | |\n", "$&| sw2 | switch | sw |  | aa:bb:cc:00:00:09 | a\\|b |\n"));
    const site = loadSite(root);
    expect(site.devices.find((d) => d.record.name === "sw2")?.record).toMatchObject({ type: "switch", role: "sw", mac: "aa:bb:cc:00:00:09", notes: "a|b", group: "Core" });
  });

  it("CRLF files keep CRLF, and a BOM stays", () => {
    const crlf = `\uFEFF${DEVICES.replace(/\n/g, "\r\n")}`;
    const root = handSite(crlf);
    const result = addNode(root, { name: "nas2", type: "storage" });
    const written = readFileSync(path.join(root, "docs/devices.md"), "utf8");
    expect(written).toBe(result.devices.after);
    expect(written.startsWith("\uFEFF")).toBe(true);
    expect(written.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(withoutLine(written, result.devices.line + 0)).toBe(crlf);
  });

  it("a table without outer pipes, a last line without newline, and an empty table", () => {
    const bare = "Name | Type\n--- | ---\nnas1 | storage";
    const root = handSite(bare);
    const result = addNode(root, { name: "nas2", type: "storage" });
    expect(result.devices.after).toBe("Name | Type\n--- | ---\nnas1 | storage\nnas2 | storage");

    const empty = "# Devices\n\n| Name | Type | IP |\n|------|------|----|\n\nText.\n";
    const root2 = handSite(empty);
    expect(addNode(root2, { name: "pve1", type: "compute", ip: "192.168.0.5" }).devices.after).toBe(
      "# Devices\n\n| Name | Type | IP |\n|------|------|----|\n| pve1 | compute | 192.168.0.5 |\n\nText.\n",
    );
  });

  it("a row that would read as a section divider gets `na` in its other cells", () => {
    const root = handSite("| Name | Owner | Serial |\n|---|---|---|\n| pve1 | ops | 1 |\n");
    expect(addNode(root, { name: "nas2", type: "storage" }).devices.after).toBe("| Name | Owner | Serial |\n|---|---|---|\n| pve1 | ops | 1 |\n| nas2 | na | na |\n");
    expect(loadSite(root).devices.map((d) => [d.record.name, d.record.group, d.record.extra])).toEqual([
      ["pve1", null, { Owner: "ops", Serial: "1" }],
      ["nas2", null, {}],
    ]);
  });

  it("without outer pipes, an empty first or last cell gets its pipe so no cell shifts", () => {
    const root = handSite("Owner | Name | Type | Notes\n--- | --- | --- | ---\nops | pve1 | compute | x1\n");
    expect(addNode(root, { name: "nas2", type: "storage" }).devices.after).toBe(
      "Owner | Name | Type | Notes\n--- | --- | --- | ---\nops | pve1 | compute | x1\n|  | nas2 | storage |  |\n",
    );
    expect(loadSite(root).devices.map((d) => [d.record.name, d.record.type, d.row.cells.length])).toEqual([
      ["pve1", "compute", 4],
      ["nas2", "storage", 4],
    ]);
  });

  it("a struck-through (retired) name may be used again", () => {
    const root = handSite(DEVICES);
    expect(addNode(root, { name: "nas0", type: "storage", ip: "192.168.0.11" }).devices.line).toBe(12);
  });

  it("--host names an existing device and is written in its spelling", () => {
    const root = handSite(DEVICES);
    const result = addNode(root, { name: "vm1", type: "compute", host: "PVE1" });
    expect(result.node.host).toBe("pve1");
  });

  it("--overlay also adds the node to network.md's overlay table", () => {
    const root = handSite(DEVICES, NETWORK);
    const result = addNode(root, { name: "nas2", type: "storage", ip: "192.168.0.20", overlay: "10.147.17.20" });
    expect(result.overlay?.after).toBe(NETWORK.replace("| gw | 10.147.17.1 | 192.168.0.1 | gateway |\n", "$&| nas2 | 10.147.17.20 | 192.168.0.20 | storage |\n"));
    expect(readFileSync(path.join(root, "docs/network.md"), "utf8")).toBe(result.overlay!.after);
    expect(loadSite(root).overlay.map((o) => [o.record.node, o.record.overlay, o.record.ip, o.record.type])).toEqual([
      ["gw", "10.147.17.1", "192.168.0.1", "gateway"],
      ["nas2", "10.147.17.20", "192.168.0.20", "storage"],
    ]);
  });
});

describe("add-node: validation before writing", () => {
  const refusals: [Record<string, string>, string][] = [
    [{ name: "NAS1", type: "storage" }, 'add-node: a device named "nas1" already exists (docs/devices.md:11)'],
    [{ name: "x1", type: "router" }, 'add-node: --type "router" is not a node type; use one of compute, storage, gateway, dev, workstation, switch, media, iot, other'],
    [{ name: "x1", type: "compute", ip: "10.0.0.5" }, "add-node: --ip 10.0.0.5 is outside the subnet 192.168.0.0/24"],
    [{ name: "x1", type: "compute", ip: "192.168.0.12" }, 'add-node: --ip 192.168.0.12 is already used by "nas1" (docs/devices.md:11)'],
    [{ name: "x1", type: "compute", ip: "192.168.0.255" }, "add-node: --ip 192.168.0.255 is the broadcast address of 192.168.0.0/24"],
    [{ name: "x1", type: "compute", ip: "banana" }, 'add-node: --ip "banana" is not an IP address'],
    [{ name: "x1", type: "compute", mac: "aa:bb:cc:00:00" }, 'add-node: --mac "aa:bb:cc:00:00" is not a MAC address'],
    [{ name: "x1", type: "compute", mac: "aa-bb-cc-00-00-01" }, 'add-node: --mac aa:bb:cc:00:00:01 is already used by "gw" (docs/devices.md:19)'],
    [{ name: "x1", type: "compute", host: "pve9" }, 'add-node: --host "pve9" names no device of this site (did you mean "pve1"?)'],
    [{ name: "x1", type: "compute", overlay: "10.147.17.1" }, "add-node: --overlay 10.147.17.1 is already used (docs/network.md:7)"],
    [
      { name: "gw", type: "computer", ip: "192.168.0.1" },
      'add-node: a device named "gw" already exists (docs/devices.md:19); --type "computer" is not a node type (did you mean "compute"?); use one of compute, storage, gateway, dev, workstation, switch, media, iot, other; --ip 192.168.0.1 is already used by "gw" (docs/devices.md:19)',
    ],
  ];
  for (const [flags, message] of refusals) {
    it(`refuses ${JSON.stringify(flags)} in one line, exit 2, nothing written`, async () => {
      const root = handSite(DEVICES, NETWORK);
      const before = statSync(path.join(root, "docs/devices.md")).mtimeMs;
      const argv = ["add-node", root, ...Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v])];
      const run = await cli(argv, { cwd: root });
      expect(run).toEqual({ code: 2, stdout: "", stderr: `netstack: ${message}\n` });
      expect(read(root, "docs/devices.md")).toBe(DEVICES);
      expect(read(root, "docs/network.md")).toBe(NETWORK);
      expect(statSync(path.join(root, "docs/devices.md")).mtimeMs).toBe(before);
    });
  }

  it("--overlay without an overlay table is refused and devices.md stays as it was", async () => {
    const root = handSite(DEVICES, "# Network\n");
    const run = await cli(["add-node", root, "--name", "nas2", "--type", "storage", "--overlay", "10.147.17.2"], { cwd: root });
    expect(run.stderr).toBe("netstack: docs/network.md: has no Overlay table (| Node | Overlay IP | LAN IP | Type |) for --overlay\n");
    expect(read(root, "docs/devices.md")).toBe(DEVICES);
  });

  it("missing flags, missing devices.md, a file without device table", async () => {
    const root = handSite(DEVICES);
    expect((await cli(["add-node", root, "--name", "x"], { cwd: root })).stderr).toBe("netstack: add-node: missing --type\n");
    expect((await cli(["add-node", "--name", "x", "--type", "dev"], { cwd: root })).stderr).toBe("netstack: add-node: give exactly one site directory (got 0)\n");
    rmSync(path.join(root, "docs/devices.md"));
    expect((await cli(["add-node", root, "--name", "x", "--type", "dev"], { cwd: root })).stderr).toBe(
      `netstack: ${path.join(root, "docs/devices.md")}: not found; add-node needs the site's docs/devices.md\n`,
    );
    const prose = handSite("# Devices\n\nNone yet.\n");
    expect((await cli(["add-node", prose, "--name", "x", "--type", "dev"], { cwd: prose })).stderr).toBe(
      "netstack: docs/devices.md: has no device table (a table with a Name column) to add the node to\n",
    );
  });
});

describe("add-node: the command", () => {
  it("ends quietly when its reader stops early (| head -0): no EPIPE trace, exit 0", () => {
    const root = handSite(DEVICES, NETWORK);
    const bin = path.join(path.dirname(new URL(import.meta.url).pathname), "../../bin/netstack.js");
    const script = `"${process.execPath}" "${bin}" add-node . --name nas2 --type storage --ip 192.168.0.20 --dry-run | head -0; echo "exit \${PIPESTATUS[0]}"`;
    const run = spawnSync("bash", ["-c", script], { cwd: root, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("exit 0\n");
  });

  it("--dry-run prints a unified diff and the procedure, and writes nothing", async () => {
    const root = handSite(DEVICES, NETWORK);
    const run = await cli(["add-node", root, "--name", "nas2", "--type", "storage", "--ip", "192.168.0.20", "--overlay", "10.147.17.20", "--dry-run"], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n\n")[0]).toBe(
      [
        "--- a/docs/devices.md",
        "+++ b/docs/devices.md",
        "@@ -9,6 +9,7 @@",
        "| pve1     | compute | 192.168.0.10  | r1  | ops   |",
        "| ~~nas0~~ | storage | 192.168.0.11  | r1  | ops   |",
        "| nas1     | storage | 192.168.0.12  | r1  | ops   |",
        "+| nas2     | storage | 192.168.0.20  |     |       |",
        "| pve2     | compute | 192.168.0.13  | r2  | ops   |",
        "",
        "## Network",
        "--- a/docs/network.md",
        "+++ b/docs/network.md",
        "@@ -5,6 +5,7 @@",
        "| Node | Overlay IP | LAN IP | Type |",
        "|------|------------|--------|------|",
        "| gw | 10.147.17.1 | 192.168.0.1 | gateway |",
        "+| nas2 | 10.147.17.20 | 192.168.0.20 | storage |",
        "",
        "## Share Mappings",
        "",
      ]
        .map((l) => (l.startsWith("|") || l.startsWith("#") ? ` ${l}` : l === "" ? " " : l))
        .join("\n")
        .replace(/\n \n--- a/, "\n \n--- a/"),
    );
    expect(run.stdout).toContain("  [ ] 8. Documented nas2 in docs/devices.md:12 (dry run: not written)\n");
    expect(read(root, "docs/devices.md")).toBe(DEVICES);
    expect(read(root, "docs/network.md")).toBe(NETWORK);
  });

  it("prints the 9-step procedure: 1-7 to do with the node's values, 8-9 done", async () => {
    const root = await makeSite(tempDir());
    const run = await cli(["add-node", root, "--name", "pve1", "--type", "compute", "--role", "cg", "--ip", "192.168.9.10", "--location", "rack1"], { cwd: root });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "Added pve1 to docs/devices.md:19.",
        "",
        "Adding pve1 to site cf (Cedar Falls):",
        "  [ ] 1. Provision the hardware or VM for pve1 (compute, role cg, in rack1)",
        "  [ ] 2. Install the base OS the CAVE way: pinned versions, minimal packages, reproducible setup",
        "  [ ] 3. Join the overlay network, then record its overlay address: netstack set-overlay . --name pve1 --overlay <address>",
        "  [ ] 4. Clone the site repo onto pve1",
        '  [ ] 5. Put its site-specific values in ops/sensitive/ (hosts.yaml: "pve1: 192.168.9.10")',
        "  [ ] 6. Run the monitor scripts: ops/monitor/check-services.sh, check-connectivity.sh, check-backup-state.sh",
        "  [ ] 7. Set up backup replication to the other sites (docs/network.md, Backup Replication)",
        "  [x] 8. Documented pve1 in docs/devices.md:19",
        "  [x] 9. Added pve1 to the federation inventory (netstack inventory reads docs/devices.md)",
        "",
      ].join("\n"),
    );
    // The new row is padded to the aligned table's columns (as far as its values allow).
    expect(read(root, "docs/devices.md")).toContain(
      "| cf-gw | gateway | ng   | 192.168.9.1 |     |         |          |      | Site gateway |\n| pve1  | compute | cg   | 192.168.9.10 |     |         | rack1    |      |              |\n",
    );
  });
});

describe("add-node: every byte but the new line stays (property)", () => {
  const HEADERS: Record<string, string[]> = {
    name: ["Name", "Hostname", "Device", "Node"],
    type: ["Type", "Kind"],
    role: ["Role"],
    ip: ["IP", "LAN IP", "IP Address"],
    mac: ["MAC", "MAC Address"],
    location: ["Location", "Rm"],
    host: ["Host", "Hypervisor"],
    notes: ["Notes", "Description"],
    owner: ["Owner"],
  };
  const TYPES = ["compute", "storage", "gateway", "dev", "media", ""];
  const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);

  const table = fc
    .record({
      columns: fc.shuffledSubarray(Object.keys(HEADERS).filter((c) => c !== "name"), { minLength: 0 }),
      namePosition: fc.nat(),
      spelling: fc.nat(),
      rows: fc.array(fc.record({ type: fc.constantFrom(...TYPES), role: word, note: fc.constantFrom("", "a note", "x`y`", "see [link](http://example.org)") }), { maxLength: 5 }),
      leading: fc.boolean(),
      trailing: fc.boolean(),
      pad: fc.boolean(),
    })
    .map((t) => {
      const columns = [...t.columns];
      columns.splice(t.namePosition % (columns.length + 1), 0, "name");
      // GFM needs a pipe on each line of a one-column table.
      return { ...t, columns, leading: t.leading || columns.length === 1 };
    });

  const document = fc.record({
    tables: fc.array(table, { minLength: 1, maxLength: 3 }),
    eol: fc.constantFrom("\n", "\r\n"),
    finalNewline: fc.boolean(),
    before: fc.constantFrom("", "# Devices\n\n", "# Devices\n\nProse with | a pipe.\n\n"),
    between: fc.constantFrom("\n", "\n## More\n\n", "\nSome text.\n\n"),
    bom: fc.boolean(),
  });

  function render(doc: fc.RecordValue<{ tables: unknown; eol: unknown; finalNewline: unknown; before: unknown; between: unknown; bom: unknown }>): string {
    const d = doc as unknown as { tables: { columns: string[]; spelling: number; rows: { type: string; role: string; note: string }[]; leading: boolean; trailing: boolean; pad: boolean }[]; eol: string; finalNewline: boolean; before: string; between: string; bom: boolean };
    let serial = 0;
    const parts = d.tables.map((t) => {
      const header = t.columns.map((c) => HEADERS[c]![t.spelling % HEADERS[c]!.length]!);
      const body = t.rows.map((r) => t.columns.map((c) => (c === "name" ? `dev${serial++}` : c === "type" ? r.type : c === "role" ? r.role : c === "notes" ? r.note : "")));
      const widths = header.map((h, i) => Math.max(3, h.length, ...body.map((row) => row[i]!.length)));
      const line = (cells: string[]) => {
        const inner = cells.map((c, i) => (t.pad ? c.padEnd(widths[i]!) : c)).join(" | ");
        return `${t.leading ? "| " : ""}${inner}${t.trailing ? " |" : ""}`;
      };
      const delimiter = `${t.leading ? "|" : ""}${header.map((_, i) => "-".repeat(t.pad ? widths[i]! + 2 : 3)).join("|")}${t.trailing ? "|" : ""}`;
      return [line(header), delimiter, ...body.map(line)].join("\n");
    });
    const text = `${d.before}${parts.join(`\n${d.between}`)}${d.finalNewline ? "\n" : ""}`.replace(/\n/g, d.eol);
    return `${d.bom ? "\uFEFF" : ""}${text}`;
  }

  it("deleting the inserted line gives back the original file; the node reads back with its values", () => {
    const root = handSite("");
    const file = path.join(root, "docs/devices.md");
    fc.assert(
      // A role such as `x` or `na` would read back as absent (SPEC §4): give it a leading r.
      fc.property(document, fc.constantFrom(...TYPES.filter(Boolean)), word.map((w) => `r${w}`), (doc, type, role) => {
        const original = render(doc);
        writeFileSync(file, original);
        const before = loadSite(root).devices.map((d) => ({ ...d.record, source: undefined }));
        const result = addNode(root, { name: "newnode", type, role, notes: "n|1" });
        const written = readFileSync(file, "utf8");
        expect(written).toBe(result.devices.after);
        expect(withoutLine(written, result.devices.line)).toBe(original);
        const inserted = written.split(/(?<=\n)/)[result.devices.line - 1]!;
        if (original.includes("\r\n")) expect(inserted.replace(/\r\n$/, "")).not.toMatch(/[\r\n]/);
        const after = loadSite(root).devices;
        const added = after.find((d) => d.record.name === "newnode")!;
        expect(added.record.source.line).toBe(result.devices.line);
        expect(added.row.cells.length).toBe(added.table.table.header.cells.length);
        const columns = added.table.columns;
        expect(added.record.type).toBe(columns.includes("type") ? type : null);
        expect(added.record.role).toBe(columns.includes("role") ? role : null);
        expect(added.record.notes).toBe(columns.includes("notes") ? "n|1" : "");
        expect(after.filter((d) => d !== added).map((d) => ({ ...d.record, source: undefined }))).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });
});
