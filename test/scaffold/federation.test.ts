import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { binPath, cleanTempDirs, netstack, tempDir } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

const SPEC = "git+https://git.example.org/you/netstack.git#v9.9.9";
const env = { NETSTACK_INSTALL_SPEC: SPEC, XDG_CACHE_HOME: undefined };

function ok(args: string[], cwd: string) {
  const result = netstack(args, { cwd, env });
  expect(result.code, `${args.join(" ")}\n${result.stdout}${result.stderr}`).toBe(0);
  return result;
}

/** A federation of three sites made with init and create-site, each backing up to both others. */
function threeSites(): string {
  const root = tempDir();
  ok(["init", "fed"], root);
  const fed = path.join(root, "fed");
  const sites: [string, string, string][] = [
    ["cf", "Cedar Falls", "192.168.9.0/24"],
    ["sl", "O'Fallon", "192.168.6.0/24"],
    ["wf", "Winfield", "192.168.7.0/24"],
  ];
  for (const [code, name, subnet] of sites) ok(["create-site", code, "--federation", "federation.yaml", "--name", name, "--role", "primary", "--subnet", subnet, "--yes"], fed);
  for (const [code] of sites) {
    const rows = sites.filter(([peer]) => peer !== code).flatMap(([peer]) => [`| ${code} | ${peer} | push | critical |  | daily |`, `| ${code} | ${peer} | pull | critical |  | daily |`]);
    writeFileSync(path.join(fed, code, "docs/network.md"), `${readFileSync(path.join(fed, code, "docs/network.md"), "utf8")}${rows.join("\n")}\n`);
  }
  return fed;
}

describe("netstack init", () => {
  it("writes a commented federation.yaml with the install spec, and the federation workflow; refuses to overwrite", () => {
    const root = tempDir();
    const run = ok(["init", "homelab"], root);
    expect(run.stdout).toBe(
      [
        "Started federation homelab in homelab/:",
        "  homelab/federation.yaml",
        "  homelab/.github/workflows/federation.yml",
        "Next:",
        "  cd homelab && netstack create-site <code> --federation federation.yaml --name <name> --role <role> --subnet <cidr> --yes",
        "  netstack federation add <site-dir | repo-url>   # a site that already exists",
        "",
      ].join("\n"),
    );
    const text = readFileSync(path.join(root, "homelab/federation.yaml"), "utf8");
    expect(parse(text)).toEqual({ name: "homelab", netstack: SPEC, overlay: { kind: "zerotier", name: "federation" }, backup: { minOffsite: 2, maxAge: "24h" }, sites: [] });
    expect(text.split("\n").filter((l) => l.startsWith("#")).length).toBeGreaterThan(10);
    expect(parse(readFileSync(path.join(root, "homelab/.github/workflows/federation.yml"), "utf8")).env.NETSTACK_PACKAGE).toBe(SPEC);
    const again = netstack(["init", "homelab"], { cwd: root, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe("netstack: homelab/federation.yaml: already exists; init writes only new files\n");
  });

  it("refuses the registry name as an install spec", () => {
    const run = netstack(["init", "x", "--install-spec", "netstack@0.2.0"], { cwd: tempDir(), env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("names the npm registry, where netstack is not published");
  });

  it("the federation workflow's run steps pass when run here in order (netstack on PATH instead of its install step)", () => {
    const fed = threeSites();
    const workflow = parse(readFileSync(path.join(fed, ".github/workflows/federation.yml"), "utf8")) as {
      env: Record<string, string>;
      jobs: { docs: { steps: { name?: string; run?: string; uses?: string; with?: { path?: string } }[] } };
    };
    const steps = workflow.jobs.docs.steps;
    expect(steps.map((s) => s.name ?? s.uses)).toEqual([
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "Install netstack and MkDocs",
      "Fetch the sites",
      "Check",
      "Inventory",
      "actions/upload-artifact@v4",
      "Build the docs",
      "actions/upload-pages-artifact@v3",
    ]);
    const bin = path.join(tempDir(), "bin");
    mkdirSync(bin);
    symlinkSync(binPath, path.join(bin, "netstack"));
    const stepEnv = { ...process.env, ...workflow.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: "1" };
    for (const step of steps.filter((s) => s.run && s.name !== "Install netstack and MkDocs")) {
      const result = spawnSync("bash", ["-eo", "pipefail", "-c", step.run!], { cwd: fed, env: stepEnv, encoding: "utf8" });
      expect(result.status, `${step.name}: ${result.stdout}${result.stderr}`).toBe(0);
    }
    // What the artifact and pages steps upload exists.
    expect(JSON.parse(readFileSync(path.join(fed, "build/inventory.json"), "utf8")).sites.map((s: { code: string }) => s.code)).toEqual(["cf", "sl", "wf"]);
    expect(existsSync(path.join(fed, steps.find((s) => s.uses?.startsWith("actions/upload-pages-artifact"))!.with!.path!, "index.html"))).toBe(true);
  });
});

describe("netstack federation add", () => {
  it("lists an existing site directory from its site.yaml, keeping the file's comments and layout", () => {
    const fed = threeSites();
    const extra = path.join(path.dirname(fed), "ef");
    ok(["create-site", "ef", "--dir", extra, "--name", "East Field", "--role", "backup", "--subnet", "192.168.8.0/24", "--yes"], fed);
    const before = readFileSync(path.join(fed, "federation.yaml"), "utf8");
    const run = ok(["federation", "add", "../ef"], fed);
    expect(run.stdout).toBe("Added ef (East Field) to federation.yaml (path: ../ef).\n");
    const after = readFileSync(path.join(fed, "federation.yaml"), "utf8");
    expect(after).toBe(`${before}  - code: ef\n    name: East Field\n    role: backup\n    path: ../ef\n`);
    const twice = netstack(["federation", "add", "../ef"], { cwd: fed, env });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('a site with code "ef" is already listed');
  });

  it("says what is wrong with a directory that is no site", () => {
    const fed = threeSites();
    mkdirSync(path.join(fed, "empty"));
    const run = netstack(["federation", "add", "empty"], { cwd: fed, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("netstack: federation add: empty has no site.yaml naming its code and name; give --code and --name\n");
  });

  it("federation fetch lists every site", () => {
    const fed = threeSites();
    expect(ok(["federation", "fetch"], fed).stdout).toBe("cf  path cf\nsl  path sl\nwf  path wf\n");
  });
});

describe("create-site --federation", () => {
  it("starts a federation.yaml that does not exist yet", () => {
    const root = tempDir();
    const run = ok(["create-site", "cf", "--federation", "federation.yaml", "--name", "Cedar Falls", "--role", "primary", "--subnet", "192.168.9.0/24", "--yes"], root);
    expect(run.stdout).toContain("Started federation.yaml with cf (path: cf).\n");
    const config = parse(readFileSync(path.join(root, "federation.yaml"), "utf8"));
    expect(config.sites).toEqual([{ code: "cf", name: "Cedar Falls", role: "primary", path: "cf" }]);
    expect(config.netstack).toBe(SPEC);
    // A valid federation.yaml: the inventory reads it and its one site.
    expect(JSON.parse(ok(["inventory", "federation.yaml", "--format", "json"], root).stdout).sites.map((s: { code: string }) => s.code)).toEqual(["cf"]);
  });

  it("writes tables that lint --fix leaves as they are", () => {
    const root = tempDir();
    ok(["create-site", "cf", "--name", "Cedar Falls", "--role", "primary", "--subnet", "192.168.9.0/24", "--gateway", "192.168.9.1", "--yes"], root);
    const files = ["docs/devices.md", "docs/services.md", "docs/network.md", ".gitignore"].map((f) => path.join(root, "cf", f));
    const before = files.map((f) => readFileSync(f, "utf8"));
    ok(["lint", "cf", "--fix"], root);
    expect(files.map((f) => readFileSync(f, "utf8"))).toEqual(before);
    expect(before[2]).toContain("| Node | Overlay IP | LAN IP | Type |\n| ---- | ---------- | ------ | ---- |\n");
    expect(before[0]).toContain("| cf-gw | gateway | ng   | 192.168.9.1 |");
  });
});

describe("overlay addresses across the federation", () => {
  it("add-node --overlay refuses an address another site uses; set-overlay records one in both tables", () => {
    const fed = threeSites();
    ok(["add-node", "cf", "--name", "cfnas", "--type", "storage", "--ip", "192.168.9.10", "--overlay", "10.147.17.10"], fed);
    const clash = netstack(["add-node", "sl", "--name", "slnas", "--type", "storage", "--overlay", "10.147.17.10"], { cwd: fed, env });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toBe("netstack: add-node: --overlay 10.147.17.10 is already used by site cf: cfnas (docs/devices.md:18)\n");

    ok(["add-node", "sl", "--name", "slnas", "--type", "storage", "--ip", "192.168.6.10"], fed);
    const refused = netstack(["set-overlay", "sl", "--name", "slnas", "--overlay", "10.147.17.10"], { cwd: fed, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("netstack: set-overlay: --overlay 10.147.17.10 is already used by site cf: cfnas (docs/devices.md:18)\n");
    const set = ok(["set-overlay", "sl", "--name", "slnas", "--overlay", "10.147.17.20"], fed);
    expect(set.stdout).toBe("Set the overlay address of slnas to 10.147.17.20 in docs/devices.md:18 and docs/network.md:31.\n");
    expect(readFileSync(path.join(fed, "sl/docs/devices.md"), "utf8")).toContain("| slnas | storage |      | 192.168.6.10 |     | 10.147.17.20 |");
    expect(readFileSync(path.join(fed, "sl/docs/network.md"), "utf8")).toContain("| slnas | 10.147.17.20 | 192.168.6.10 | storage |");
    const moved = ok(["set-overlay", "sl", "--name", "slnas", "--overlay", "10.147.17.21"], fed);
    expect(moved.stdout).toBe("Set the overlay address of slnas to 10.147.17.21 (was 10.147.17.20) in docs/devices.md:18 and docs/network.md:31.\n");
    expect(ok(["check", "federation.yaml"], fed).stdout).toContain("0 errors");
  });
});
