import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { redactText, REDACTED } from "../../src/emit/redact.js";
import { buildSite } from "../../src/emit/mkdocs/index.js";
import { findAddresses } from "../../src/rules/sensitive/addresses.js";
import { cleanTempDirs, tempDir, writeFiles } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

/** Every way the issue found an address slipping through public redaction, and what each must not leave behind. */
const FORMS: [string, string][] = [
  ["ip_10.0.0.38", "10.0.0.38"],
  ["host10.0.0.39", "10.0.0.39"],
  ["010.000.000.034", "010.000.000.034"],
  ["10\\.0\\.0\\.17", "0\\.0\\.17"],
  ["10&#46;0&#46;0&#46;18", "0&#46;18"],
  ["::ffff:10.0.0.20", "10.0.0.20"],
  ["00113299aa21", "00113299aa21"],
  ["0:11:32:99:aa:25", "99:aa:25"],
  ["zt_8056c2e21c000024", "8056c2e21c000024"],
];

describe("address forms in public redaction", () => {
  it.each(FORMS)("%s is redacted", (form, rest) => {
    const text = `reach it at ${form} today`;
    const out = redactText(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(rest);
  });

  it("the lint rule sees the same forms, except twelve bare hex digits (a container id looks the same)", () => {
    const found = FORMS.map(([form]) => findAddresses(`at ${form} now`).length);
    expect(found).toEqual([1, 1, 1, 1, 1, 1, 0, 1, 1]);
  });

  it("leaves versions, times, hashes and ids that are not addresses", () => {
    const text = "v1.2.3, 1.2.3.4.5, 06:30:00, 3b9d0c52e87f4a16b0d2c9e4a7f18c35, 1234567890123456, build 6.8.12-4-pve";
    expect(redactText(text)).toBe(text);
  });
});

function readAll(dir: string): { file: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const abs = path.join(dir, name);
    return statSync(abs).isDirectory() ? readAll(abs) : [{ file: abs, text: readFileSync(abs, "utf8") }];
  });
}

describe("a public build is redacted by construction", () => {
  const work = tempDir();
  const prose = FORMS.map(([form]) => `- ${form}`).join("\n");
  writeFiles(work, {
    "federation.yaml": "name: lab-10.0.0.44\nsites:\n  - code: ts\n    name: Site at 10.0.0.45\n    path: ts\n",
    "ts/site.yaml": "code: ts\nname: Site at 10.0.0.45\n",
    "ts/docs/devices.md": [
      "# Devices",
      "",
      prose,
      "",
      "| name | ip | notes | login | mgmt |",
      "|---|---|---|---|---|",
      `| nas | 192.168.5.10 | at ip_10.0.0.38, mac 00113299aa21 | admin / Hunter2Pass | host10.0.0.39 |`,
      "",
    ].join("\n"),
    "ts/docs/services.md": "# Services\n\n| service | host | url |\n|---|---|---|\n| ui | nas | http://10&#46;0&#46;0&#46;18/ |\n",
    "ts/docs/network.md": "# Network\n\n| key | value |\n|---|---|\n| gateway | ::ffff:10.0.0.20 |\n| Admin password | Ridge7Falcon |\n| zerotier | zt_8056c2e21c000024 |\n",
    "ts/docs/10.0.0.41.md": "# Host\n\nroot:Quartz!Otter88\n",
    "ts/ops/backup/.backup-state": '{ "last_run": "2026-05-17T02:00:00Z", "status": "success", "items_backed_up": 4, "target": "10.0.0.42:/volume1/backup" }\n',
    "ts/ops/monitor/10.0.0.43.log": "ok\n",
  });

  it("holds no address form, no dropped column and no key/value secret in pages, inventory.json/yaml, titles or nav", async () => {
    const out = path.join(work, "out");
    await buildSite(path.join(work, "federation.yaml"), { out, cwd: work, nowMs: Date.parse("2026-05-17T06:00:00Z"), theme: "mkdocs", buildCache: false });
    const files = readAll(out);
    expect(files.map((f) => path.relative(out, f.file))).toEqual(expect.arrayContaining(["mkdocs.yml", "docs/inventory.json", "docs/inventory.yaml", "docs/sites/ts/devices.md", "docs/index.md"]));
    const needles = [...FORMS.map(([, rest]) => rest), "10.0.0.41", "10.0.0.42", "10.0.0.43", "10.0.0.44", "10.0.0.45", "192.168.5.10", "Hunter2Pass", "Ridge7Falcon", "Quartz!Otter88"];
    const leaks = files.flatMap((f) => needles.filter((n) => f.text.includes(n)).map((n) => `${path.relative(out, f.file)}: ${n}`));
    expect(leaks).toEqual([]);
    const devices = readFileSync(path.join(out, "docs/sites/ts/devices.md"), "utf8");
    // The unrecognized login column is dropped whole; the unknown mgmt column is kept, redacted.
    expect(devices).not.toMatch(/\| Login \||\| login \|/);
    expect(devices).toContain("| mgmt |");
    expect(readFileSync(path.join(out, "mkdocs.yml"), "utf8")).toContain(`site_name: "lab-${REDACTED}"`);
  });
});
