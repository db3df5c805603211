import { existsSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync, appendFileSync, cpSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { describe, expect, it } from "vitest";
import { upgradeSite } from "../../src/scaffold/upgrade.js";
import { sha256 } from "../../src/scaffold/state.js";
import { cli, commitAll, copyTemplates, git, listTree, makeSite, read, tempDir } from "./helpers.js";

function edit(root: string, rel: string, change: (text: string) => string): void {
  const file = path.join(root, rel);
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

/** A site made from `templates` and committed to git. */
async function committedSite(templates?: string): Promise<string> {
  const root = await makeSite(tempDir(), templates ? { templates } : {});
  commitAll(root, "create");
  return root;
}

/** Templates 1.1.0: a changed managed script, a changed managed block, a merged file changed at
 * its end, a file dropped and one added. */
function newerTemplates(): string {
  const dir = copyTemplates();
  edit(dir, "template.yaml", (t) =>
    t.replace("version: 1.0.0", "version: 1.1.0").replace("  ops/backup/README.md: merged\n", "").replace("  ops/monitor/check-services.sh: managed\n", "$&  ops/monitor/README.md: managed\n"),
  );
  rmSync(path.join(dir, "ops/backup/README.md.hbs"));
  writeFileSync(path.join(dir, "ops/monitor/README.md.hbs"), "# Monitoring of {{code}}\n\nRun the three scripts from cron.\n");
  edit(dir, "ops/monitor/check-backup-state.sh.hbs", (t) => t.replace("set -euo pipefail\n", "set -euo pipefail\n# template 1.1.0\n"));
  edit(dir, "docs/devices.md.hbs", (t) => t.replace("One row per device of site", "Every device of site"));
  edit(dir, "README.md.hbs", (t) => `${t}\n## Support\n\nAsk the federation's operators.\n`);
  return dir;
}

describe("upgrade with no template change", () => {
  it("changes nothing: every file unchanged or skipped, git diff empty", async () => {
    const root = await committedSite();
    const run = await cli(["upgrade", root], { cwd: root });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `${root}: upgraded from template 1.0.0 to 1.0.0`,
        "  unchanged  docs/log/",
        "  unchanged  site.yaml",
        "  unchanged  README.md",
        "  unchanged  docs/index.md",
        "  unchanged  docs/devices.md",
        "  unchanged  docs/services.md",
        "  unchanged  docs/network.md",
        "  unchanged  ops/backup/README.md",
        "  unchanged  ops/monitor/check-services.sh",
        "  unchanged  ops/monitor/check-connectivity.sh",
        "  unchanged  ops/monitor/check-backup-state.sh",
        "  unchanged  ops/monitor/collect.sh",
        "  skip       ops/sensitive/README.md  (never touched by upgrade)",
        "  skip       ops/sensitive/hosts.yaml  (never touched by upgrade)",
        "  skip       ops/sensitive/overlay.yaml  (never touched by upgrade)",
        "  unchanged  .mkdocs/mkdocs.yml",
        "  unchanged  .gitignore",
        "  unchanged  .github/workflows/docs.yml",
        "  unchanged  .pre-commit-config.yaml",
        "16 unchanged, 3 skip",
        "",
      ].join("\n"),
    );
    expect(git(root, "status", "--porcelain", "--untracked-files=all")).toBe("");
  });

  it("operator edits to the tables survive untouched", async () => {
    const root = await committedSite();
    await cli(["add-node", root, "--name", "nas1", "--type", "storage", "--ip", "192.168.9.20"], { cwd: root });
    edit(root, "docs/devices.md", (t) => t.replace("## Devices\n", "## Devices\n\nOur machines.\n"));
    commitAll(root, "edits");
    expect((await cli(["upgrade", root], { cwd: root })).code).toBe(0);
    expect(git(root, "status", "--porcelain", "--untracked-files=all")).toBe("");
  });
});

describe("upgrade refuses a dirty tree", () => {
  it("uncommitted changes: exit 2 unless --allow-dirty; --dry-run is allowed", async () => {
    const root = await committedSite();
    edit(root, "README.md", (t) => `${t}\nlocal note\n`);
    const run = await cli(["upgrade", root], { cwd: root });
    expect(run).toEqual({ code: 2, stdout: "", stderr: `netstack: ${root}: has uncommitted changes; commit or stash them first (or pass --allow-dirty)\n` });
    expect((await cli(["upgrade", root, "--dry-run"], { cwd: root })).code).toBe(0);
    expect((await cli(["upgrade", root, "--allow-dirty"], { cwd: root })).code).toBe(0);
    expect(read(root, "README.md").endsWith("\nlocal note\n")).toBe(true);
  });

  it("an untracked file counts as dirty; a directory outside git is refused too", async () => {
    const root = await committedSite();
    writeFileSync(path.join(root, "docs/new.md"), "# New\n");
    expect((await cli(["upgrade", root], { cwd: root })).code).toBe(2);

    const loose = await makeSite(tempDir());
    const run = await cli(["upgrade", loose], { cwd: loose });
    expect(run.stderr).toBe(`netstack: ${loose}: is not in a git work tree, so the upgrade could not be undone; commit the site first (or pass --allow-dirty)\n`);
    expect(run.code).toBe(2);
  });

  it("a directory not made by create-site is refused with one line", async () => {
    const dir = tempDir();
    const run = await cli(["upgrade", dir, "--allow-dirty"], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: "", stderr: `netstack: ${path.join(dir, ".netstack/state.json")}: not found; upgrade needs a site made by netstack create-site\n` });
  });
});

describe("upgrade to a newer template", () => {
  it("overwrites managed files, refreshes managed blocks, merges operator edits, adds and deletes files", async () => {
    const root = await committedSite();
    // Operator edits: prose at the top of the README, a device row and prose in a seed page.
    edit(root, "README.md", (t) => t.replace("## Layout\n", "Looked after by Sam.\n\n## Layout\n"));
    await cli(["add-node", root, "--name", "nas1", "--type", "storage", "--ip", "192.168.9.20"], { cwd: root });
    edit(root, "docs/devices.md", (t) => `${t}\nThe rack is in the basement.\n`);
    commitAll(root, "operator edits");
    const devicesBefore = read(root, "docs/devices.md");

    const templates = newerTemplates();
    const dry = upgradeSite(root, { templates, dryRun: true });
    const actions = Object.fromEntries(dry.files.map((f) => [f.path, f.action]));
    expect(actions).toEqual({
      "docs/log/": "unchanged",
      "site.yaml": "update",
      "README.md": "merge",
      "docs/index.md": "unchanged",
      "docs/devices.md": "update",
      "docs/services.md": "unchanged",
      "docs/network.md": "unchanged",
      "ops/monitor/check-services.sh": "unchanged",
      "ops/monitor/README.md": "create",
      "ops/monitor/check-connectivity.sh": "unchanged",
      "ops/monitor/check-backup-state.sh": "update",
      "ops/monitor/collect.sh": "unchanged",
      "ops/sensitive/README.md": "skip",
      "ops/sensitive/hosts.yaml": "skip",
      "ops/sensitive/overlay.yaml": "skip",
      ".mkdocs/mkdocs.yml": "unchanged",
      ".gitignore": "unchanged",
      ".github/workflows/docs.yml": "unchanged",
      ".pre-commit-config.yaml": "unchanged",
      "ops/backup/README.md": "delete",
    });
    expect(dry.files.find((f) => f.path === "docs/devices.md")?.reason).toBe("managed block devices-intro");
    expect(git(root, "status", "--porcelain", "--untracked-files=all")).toBe("");

    const result = upgradeSite(root, { templates });
    expect(result.files).toEqual(dry.files);
    expect(result.conflicts).toEqual([]);
    expect(git(root, "status", "--porcelain", "--untracked-files=all").split("\n").filter(Boolean).sort()).toEqual([
      " D .netstack/base/ops/backup/README.md",
      " D ops/backup/README.md",
      " M .netstack/base/README.md",
      " M .netstack/base/site.yaml",
      " M .netstack/state.json",
      " M README.md",
      " M docs/devices.md",
      " M ops/monitor/check-backup-state.sh",
      " M site.yaml",
      "?? ops/monitor/README.md",
    ]);

    const readme = read(root, "README.md");
    expect(readme).toContain("Looked after by Sam.\n\n## Layout\n");
    expect(readme.endsWith("\n## Support\n\nAsk the federation's operators.\n")).toBe(true);
    expect(readme).not.toMatch(/<<<<<<<|>>>>>>>/);
    expect(read(root, "docs/devices.md")).toBe(devicesBefore.replace("One row per device of site", "Every device of site"));
    expect(read(root, "ops/monitor/check-backup-state.sh")).toContain("set -euo pipefail\n# template 1.1.0\n");
    expect(read(root, "ops/monitor/README.md")).toBe("# Monitoring of cf\n\nRun the three scripts from cron.\n");
    expect(read(root, "site.yaml")).toContain('template:\n  version: "1.1.0"\n'.replace('"1.1.0"', "1.1.0"));
    const state = JSON.parse(read(root, ".netstack/state.json"));
    expect(state.version).toBe("1.1.0");
    expect(state.files["ops/backup/README.md"]).toBeUndefined();
    expect(state.files["ops/monitor/README.md"]).toEqual({ policy: "managed", sha256: sha256(read(root, "ops/monitor/README.md")) });
    expect(read(root, ".netstack/base/README.md")).not.toContain("Looked after by Sam.");
    expect(read(root, ".netstack/base/README.md")).toContain("## Support");

    // Idempotent: a second run finds nothing to do.
    commitAll(root, "upgrade");
    const again = upgradeSite(root, { templates });
    expect(again.files.filter((f) => !["unchanged", "skip"].includes(f.action))).toEqual([]);
    expect(git(root, "status", "--porcelain", "--untracked-files=all")).toBe("");
  });

  it("a conflict is written as standard markers, never as .rej files, and exits 1", async () => {
    const root = await committedSite();
    edit(root, "README.md", (t) => t.replace("## Everyday commands", "## Commands we use"));
    commitAll(root, "operator renames a heading");
    const templates = newerTemplates();
    edit(templates, "README.md.hbs", (t) => t.replace("## Everyday commands", "## Daily commands"));

    const result = upgradeSite(root, { templates });
    expect(result.conflicts).toEqual(["README.md"]);
    expect(result.files.find((f) => f.path === "README.md")).toEqual({ path: "README.md", policy: "merged", action: "conflict", reason: "1 conflict marked in the file" });
    const readme = read(root, "README.md");
    expect(readme).toContain("<<<<<<< README.md (yours)\n## Commands we use\n=======\n## Daily commands\n>>>>>>> README.md (template 1.1.0)\n");
    expect(readme.endsWith("\n## Support\n\nAsk the federation's operators.\n")).toBe(true);
    expect(fg.sync(["**/*.rej", "**/*.orig"], { cwd: root, dot: true })).toEqual([]);
  });

  it("netstack upgrade on a site an older template made: the conflict is listed, exit 1", async () => {
    const older = copyTemplates();
    edit(older, "template.yaml", (t) => t.replace("version: 1.0.0", "version: 0.9.0"));
    edit(older, "README.md.hbs", (t) => t.replace("## Everyday commands", "## Old commands"));
    const root = await committedSite(older);
    edit(root, "README.md", (t) => t.replace("## Old commands", "## Commands we use"));
    commitAll(root, "operator renames a heading");

    const dry = await cli(["upgrade", root, "--dry-run"], { cwd: root });
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(`${root}: would upgrade from template 0.9.0 to 1.0.0 (dry run, nothing written)\n`);
    expect(dry.stdout).toContain("  conflict   README.md  (1 conflict marked in the file)\n");
    expect(git(root, "status", "--porcelain")).toBe("");

    const run = await cli(["upgrade", root], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("  conflict   README.md  (1 conflict marked in the file)\n");
    expect(run.stdout).toContain("  update     site.yaml\n");
    expect(run.stdout.trim().split("\n").slice(-2)).toEqual(["14 unchanged, 1 update, 1 conflict, 3 skip", "Resolve the conflict markers (<<<<<<< … >>>>>>>) in: README.md"]);
    expect(read(root, "README.md")).toContain("<<<<<<< README.md (yours)\n## Commands we use\n=======\n## Everyday commands\n>>>>>>> README.md (template 1.0.0)\n");
  });

  it("managed files replace local edits (and say so); never-touch files are left alone", async () => {
    const root = await committedSite();
    edit(root, "ops/monitor/check-backup-state.sh", (t) => `${t}# my local hack\n`);
    writeFileSync(path.join(root, "ops/sensitive/README.md"), "mine\n");
    commitAll(root, "local edits");
    const templates = newerTemplates();
    edit(templates, "ops/sensitive/README.md.hbs", (t) => `${t}\nNew template text.\n`);
    const result = upgradeSite(root, { templates });
    expect(result.files.find((f) => f.path === "ops/monitor/check-backup-state.sh")).toEqual({
      path: "ops/monitor/check-backup-state.sh",
      policy: "managed",
      action: "update",
      reason: "replaces local edits",
    });
    expect(read(root, "ops/monitor/check-backup-state.sh")).not.toContain("# my local hack");
    expect(read(root, "ops/sensitive/README.md")).toBe("mine\n");
  });

  it("a managed block the operator removed is not re-added; a deleted merged file stays deleted, a deleted managed one returns", async () => {
    const root = await committedSite();
    edit(root, "docs/devices.md", (t) => t.replace(/<!-- netstack:begin devices-intro -->[^]*<!-- netstack:end devices-intro -->\n/, ""));
    rmSync(path.join(root, ".pre-commit-config.yaml"));
    rmSync(path.join(root, "ops/monitor/check-connectivity.sh"));
    commitAll(root, "removals");
    const result = upgradeSite(root, { templates: newerTemplates() });
    const byPath = Object.fromEntries(result.files.map((f) => [f.path, f]));
    expect(byPath["docs/devices.md"]).toEqual({ path: "docs/devices.md", policy: "seed", action: "unchanged", reason: "block devices-intro removed locally; not re-added" });
    expect(byPath[".pre-commit-config.yaml"]).toEqual({ path: ".pre-commit-config.yaml", policy: "merged", action: "skip", reason: "deleted locally; not recreated" });
    expect(byPath["ops/monitor/check-connectivity.sh"]?.action).toBe("create");
    expect(existsSync(path.join(root, ".pre-commit-config.yaml"))).toBe(false);
    expect(existsSync(path.join(root, "ops/monitor/check-connectivity.sh"))).toBe(true);
  });

  it("a file dropped by the template but edited locally is left in place", async () => {
    const root = await committedSite();
    edit(root, "ops/backup/README.md", (t) => `${t}\nOur backups run at 02:00.\n`);
    commitAll(root, "edit");
    const result = upgradeSite(root, { templates: newerTemplates() });
    expect(result.files.find((f) => f.path === "ops/backup/README.md")).toEqual({
      path: "ops/backup/README.md",
      policy: "merged",
      action: "skip",
      reason: "no longer in the template, edited locally; left in place",
    });
    expect(read(root, "ops/backup/README.md")).toContain("Our backups run at 02:00.");
  });

  it("an answer edited in site.yaml is re-applied to every file that uses it", async () => {
    const root = await committedSite();
    edit(root, "site.yaml", (t) => t.replace("    name: Cedar Falls\n", "    name: Cedar Falls North\n"));
    commitAll(root, "rename");
    const result = upgradeSite(root, {});
    expect(result.conflicts).toEqual([]);
    expect(read(root, "site.yaml")).toMatch(/^name: Cedar Falls North$/m);
    expect(read(root, "site.yaml")).toMatch(/^ {4}name: Cedar Falls North$/m);
    expect(read(root, "README.md").split("\n")[0]).toBe("# Cedar Falls North (`cf`)");
    expect(read(root, ".mkdocs/mkdocs.yml")).toContain("site_name: Cedar Falls North\n");
    expect(JSON.parse(read(root, ".netstack/state.json")).answers.name).toBe("Cedar Falls North");
  });

  it("--format json gives the classification as data", async () => {
    const root = await committedSite();
    const run = await cli(["upgrade", root, "--dry-run", "--format", "json"], { cwd: root });
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(data).toMatchObject({ site: root, from: "1.0.0", to: "1.0.0", dryRun: true, conflicts: [] });
    expect(data.files[1]).toEqual({ path: "site.yaml", policy: "merged", action: "unchanged" });
    expect(data.files.map((f: { action: string }) => f.action).filter((a: string) => a !== "unchanged" && a !== "skip")).toEqual([]);
    expect((await cli(["upgrade", root, "--format", "xml"], { cwd: root })).stderr).toBe('netstack: --format must be one of text, json (got "xml")\n');
  });

  it("refuses to write through a symlink that leads out of the site", async () => {
    const root = await committedSite();
    const outside = tempDir();
    cpSync(path.join(root, "ops/monitor"), outside, { recursive: true });
    rmSync(path.join(root, "ops/monitor"), { recursive: true });
    symlinkSync(outside, path.join(root, "ops/monitor"));
    commitAll(root, "symlink");
    const before = listTree(outside).map((f) => [f, readFileSync(path.join(outside, f), "utf8")]);
    expect(() => upgradeSite(root, { templates: newerTemplates() })).toThrow(/ops\/monitor\/.*: resolves outside .*; refusing to write there/);
    expect(listTree(outside).map((f) => [f, readFileSync(path.join(outside, f), "utf8")])).toEqual(before);
  });

  it("a tampered merge base is refused rather than trusted", async () => {
    const root = await committedSite();
    appendFileSync(path.join(root, ".netstack/base/README.md"), "tampered\n");
    commitAll(root, "tamper");
    const run = await cli(["upgrade", root], { cwd: root });
    expect(run.stderr).toBe(`netstack: ${path.join(root, ".netstack/base/README.md")}: does not match the hash in .netstack/state.json; restore it from git\n`);
    expect(run.code).toBe(2);
    renameSync(path.join(root, ".netstack/base/README.md"), path.join(root, ".netstack/base/README.old"));
  });
});
