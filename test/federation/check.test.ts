import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { RULES } from "../../src/rules/index.js";
import { cleanTempDirs, netstack, repoRoot } from "../foundation/helpers.js";
import { makeFederation, table } from "./helpers.js";

afterAll(cleanTempDirs);

const rules = (...ids: string[]) => RULES.filter((r) => ids.includes(r.id));
const render = (root: string) => (d: { file: string; line: number; column: number; ruleId: string; message: string }) =>
  `${path.relative(root, d.file).split(path.sep).join("/")}:${d.line}:${d.column} ${d.ruleId} ${d.message}`;

describe("netstack check", () => {
  it("passes the example federation (exit 0, no errors)", () => {
    const result = netstack(["check", "fixtures/federation/federation.yaml", "--format", "json"]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout).filter((d: { severity: string }) => d.severity === "error")).toEqual([]);
    expect(result.code).toBe(0);
  });

  it("runs on a lone site directory too", () => {
    const result = netstack(["check", "fixtures/federation/cf", "--format", "json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).filter((d: { severity: string }) => d.severity === "error")).toEqual([]);
  });

  it("rejects two targets and unknown flags with exit 2", () => {
    expect(netstack(["check", "a", "b"]).code).toBe(2);
    const bad = netstack(["check", "--nope"]);
    expect([bad.code, bad.stderr.split("\n").length]).toEqual([2, 2]);
  });

  it("resolves site:host across sites for services and shares (check only, not lint)", async () => {
    const { root, file } = makeFederation([
      { code: "cf", files: { "docs/devices.md": table(["name"], [["cfnas"]]), "docs/services.md": table(["service", "host"], [["dsm", "cfnas"], ["offsite", "sl:slnas"], ["gone", "sl:nope"]]) } },
      { code: "sl", files: { "docs/devices.md": table(["name"], [["slnas"]]), "docs/network.md": `## Share Mappings\n\n${table(["Source", "Target", "Mount", "Transport"], [["cf:cfnas", "slnas", "/mnt/cf", "ssh"], ["cf:nas9", "slnas", "/mnt/x", "ssh"]])}` } },
    ], { backup: { minOffsite: 0 } });
    const { diagnostics } = await check(file, { rules: rules("service/unknown-host", "share/unknown-machine") });
    expect(diagnostics.map(render(root))).toEqual([
      'cf/docs/services.md:5:10 service/unknown-host Host "sl:nope" names no device of site sl',
      'sl/docs/network.md:6:3 share/unknown-machine Source "cf:nas9" names no device of site cf',
    ]);
    const lint = netstack(["lint", path.join(root, "cf"), "--format", "json"]);
    expect(JSON.parse(lint.stdout).filter((d: { ruleId: string }) => d.ruleId === "service/unknown-host")).toEqual([]);
  });

  it("keeps overlay IPs unique across the federation and inside overlay.cidr; LAN IPs only per site", async () => {
    const overlay = (rows: string[][]) => `## Overlay\n\n${table(["Node", "Overlay IP", "LAN IP"], rows)}`;
    const { root, file } = makeFederation(
      [
        {
          code: "cf",
          files: {
            "docs/devices.md": table(["name", "ip", "overlay"], [["cfnas", "192.168.1.10", "10.147.17.11"], ["cfhv", "192.168.1.11", "-"]]),
            "docs/network.md": overlay([["cfnas", "10.147.17.11", "192.168.1.10"], ["cfhv", "10.147.18.12", "192.168.1.11"]]),
          },
        },
        {
          code: "sl",
          files: {
            "docs/devices.md": table(["name", "ip"], [["slnas", "192.168.1.10"]]),
            "docs/network.md": overlay([["slnas", "10.147.17.11", "192.168.1.10"], ["~~slold~~", "10.147.17.11", "-"]]),
          },
        },
      ],
      { overlay: { kind: "zerotier", cidr: "10.147.17.0/24" }, backup: { minOffsite: 0 } },
    );
    const { diagnostics } = await check(file, { rules: rules("device/duplicate-ip", "device/ip-outside-subnet") });
    expect(diagnostics.map(render(root))).toEqual([
      "cf/docs/network.md:6:10 device/ip-outside-subnet Overlay IP 10.147.18.12 is outside the overlay's CIDR 10.147.17.0/24",
      "sl/docs/network.md:5:11 device/duplicate-ip Overlay IP 10.147.17.11 is already used by cf:cfnas (cf/docs/devices.md:3)",
    ]);
  });

  it("reports findings about federation.yaml once however many sites run", async () => {
    const { root, file } = makeFederation([{ code: "cf" }, { code: "sl" }, { code: "cf" }], { backup: { minOffsite: 0 } });
    const { diagnostics } = await check(file);
    expect(diagnostics.filter((d) => d.file === file).map(render(root))).toEqual([
      'federation.yaml:9:5 federation/duplicate-site Site code "cf" is already used by the site on line 3',
    ]);
  });

  it("points a site's backup gaps at its federation.yaml entry when it has no Backup Replication table", async () => {
    const { root, file } = makeFederation([{ code: "ab" }, { code: "cd" }]);
    const { diagnostics } = await check(file, { rules: rules("backup/triangle-gap", "backup/single-point-of-failure") });
    expect(diagnostics.map(render(root))).toEqual([
      "federation.yaml:3:5 backup/single-point-of-failure ab's backups reach no other site; minOffsite is 2",
      "federation.yaml:3:5 backup/triangle-gap ab cannot pull backups from cd",
      "federation.yaml:3:5 backup/triangle-gap ab cannot push backups to cd",
      "federation.yaml:6:5 backup/single-point-of-failure cd's backups reach no other site; minOffsite is 2",
      "federation.yaml:6:5 backup/triangle-gap cd cannot pull backups from ab",
      "federation.yaml:6:5 backup/triangle-gap cd cannot push backups to ab",
    ]);
  });
});

/** The reference the property test holds the rules to: the coverage of graph.ts, computed the plain way. */
function expectedGaps(codes: string[], rows: { from: string; to: string; mode: "push" | "pull" }[], minOffsite: number): string[] {
  const out: string[] = [];
  for (const code of codes) {
    const others = codes.filter((c) => c !== code);
    const pushes = new Set(rows.filter((r) => r.mode === "push" && r.from === code).map((r) => r.to));
    const pulls = new Set(rows.filter((r) => r.mode === "pull" && r.to === code).map((r) => r.from));
    const reach = new Set(rows.filter((r) => r.from === code).map((r) => r.to));
    if (minOffsite > 0 && minOffsite >= others.length) {
      for (const other of others) {
        if (!pushes.has(other)) out.push(`backup/triangle-gap ${code} cannot push backups to ${other}`);
        if (!pulls.has(other)) out.push(`backup/triangle-gap ${code} cannot pull backups from ${other}`);
      }
    } else if (minOffsite > 0) {
      if (pushes.size < minOffsite) out.push(`backup/triangle-gap ${code} push-short`);
      if (pulls.size < minOffsite) out.push(`backup/triangle-gap ${code} pull-short`);
    }
    if (reach.size < minOffsite) out.push(`backup/single-point-of-failure ${code}`);
  }
  return out.sort();
}

describe("backup coverage is a graph check, general in N", () => {
  it("matches the reference for any federation size, flow set, minOffsite and table placement", async () => {
    const scenario = fc
      .integer({ min: 2, max: 6 })
      .chain((n) => {
        const codes = Array.from({ length: n }, (_, i) => `s${i + 1}`);
        const pairs = codes.flatMap((a) => codes.filter((b) => b !== a).flatMap((b) => [{ from: a, to: b, mode: "push" as const }, { from: a, to: b, mode: "pull" as const }]));
        return fc.record({
          codes: fc.constant(codes),
          // Each possible row is present or not, and written in some site's table.
          rows: fc.tuple(...pairs.map((row) => fc.option(fc.integer({ min: 0, max: n - 1 }).map((at) => ({ ...row, at })), { freq: 3 }))),
          minOffsite: fc.integer({ min: 0, max: n }),
        });
      });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ codes, rows, minOffsite }) => {
        const present = rows.filter((r) => r !== null);
        const { root, file } = makeFederation(
          codes.map((code, i) => ({
            code,
            files: { "docs/network.md": `## Backup Replication\n\n${table(["From", "To", "Mode"], present.filter((r) => r.at === i).map((r) => [r.from, r.to, r.mode]))}` },
          })),
          { backup: { minOffsite } },
        );
        const { diagnostics } = await check(file, { rules: rules("backup/triangle-gap", "backup/single-point-of-failure") });
        const got = diagnostics
          .map((d) => {
            const code = d.message.split(/[ ']/)[0]!;
            if (d.ruleId === "backup/single-point-of-failure") return `${d.ruleId} ${code}`;
            if (/ pushes backups to .* must push/.test(d.message)) return `${d.ruleId} ${code} push-short`;
            if (/ pulls backups from .* must pull/.test(d.message)) return `${d.ruleId} ${code} pull-short`;
            return `${d.ruleId} ${d.message}`;
          })
          .sort();
        expect(got).toEqual(expectedGaps(codes, present, minOffsite));
        // Every finding points at the site's own table (each site has one).
        for (const d of diagnostics) expect(path.relative(root, d.file)).toBe(path.join(d.message.split(/[ ']/)[0]!, "docs/network.md"));
      }),
      { numRuns: 30 },
    );
  });

  it("with 3 sites every ordered pair needs a push and a pull", async () => {
    const codes = ["ab", "cd", "ef"];
    const all = codes.flatMap((a) => codes.filter((b) => b !== a).flatMap((b) => [[a, b, "push"], [b, a, "pull"]]));
    for (let drop = 0; drop < all.length; drop++) {
      const rows = all.filter((_, i) => i !== drop);
      const { file } = makeFederation(codes.map((code, i) => ({ code, files: i === 0 ? { "docs/network.md": `## Backup Replication\n\n${table(["From", "To", "Mode"], rows)}` } : {} })));
      const { diagnostics } = await check(file, { rules: rules("backup/triangle-gap") });
      const [from, to, mode] = all[drop]!;
      expect(diagnostics.map((d) => d.message)).toEqual([mode === "push" ? `${from} cannot push backups to ${to}` : `${to} cannot pull backups from ${from}`]);
    }
  });
});

describe("fixtures/broken for the share, backup and federation rules", () => {
  const broken = path.join(repoRoot, "fixtures/broken");
  const dirs = existsSync(broken) ? readdirSync(broken).filter((d) => /^(share|backup|federation)--/.test(d)) : [];
  it("are listed (may be none yet)", () => expect(Array.isArray(dirs)).toBe(true));
  for (const dir of dirs) {
    it(`${dir}: check reports exactly expected.json`, async () => {
      const root = path.join(broken, dir);
      const expected = JSON.parse(readFileSync(path.join(root, "expected.json"), "utf8")) as { file: string; line: number; ruleId: string }[];
      const { diagnostics } = await check(root, { offline: true });
      const got = diagnostics.filter((d) => d.severity === "error" || d.ruleId === dir.replace("--", "/")).map((d) => ({ file: path.relative(root, d.file).split(path.sep).join("/"), line: d.line, ruleId: d.ruleId }));
      expect(got).toEqual(expected);
    });
  }
});
