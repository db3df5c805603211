import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanTempDirs } from "../foundation/helpers.js";
import { lintLines, site } from "./helpers.js";

afterAll(cleanTempDirs);

describe("linting a staged file: only that file is reported, judged with the whole site", () => {
  const files = {
    "site.yaml": "code: ts\nname: Test Site\nsubnet: 192.168.5.0/24\nrules:\n  sensitive/exposed-address: off\n",
    // devices.md has its own error (an IP outside the subnet) that a services.md commit must not show.
    "docs/devices.md": "# Devices\n\n| name | type | ip |\n|---|---|---|\n| tsgw | gateway | 192.168.5.1 |\n| tsnas | storage | 10.9.9.9 |\n",
    "docs/services.md": "# Services\n\n| service | host | port | pw |\n|---|---|---|---|\n| smb | tsnas | 445 | - |\n| web | ghost | 80 | Hunter2! |\n",
  };

  it("services.md alone: its host references are resolved against devices.md, devices.md's own error is not shown", async () => {
    const root = site(files);
    expect(await lintLines(root, [path.join(root, "docs/services.md")])).toEqual([
      'docs/services.md:6:9 error service/unknown-host Host "ghost" names no device of this site',
      'docs/services.md:6:22 error sensitive/secret Column "pw" holds a secret (Hu…!); keep it in ops/sensitive/ and write where it lives, not what it is',
    ]);
  });

  it("devices.md alone reports its subnet error (the subnet comes from site.yaml), nothing of services.md", async () => {
    const root = site(files);
    const lines = await lintLines(root, [path.join(root, "docs/devices.md")]);
    expect(lines.every((l) => l.startsWith("docs/devices.md:"))).toBe(true);
    expect(lines.map((l) => l.split(" ")[2])).toContain("device/ip-outside-subnet");
  });

  it("the whole site reports both files", async () => {
    const root = site(files);
    const reportedFiles = new Set((await lintLines(root)).map((l) => l.split(":")[0]));
    expect([...reportedFiles].sort()).toEqual(["docs/devices.md", "docs/services.md"]);
  });
});
