import { execFileSync } from "node:child_process";
import path from "node:path";
import { stringify } from "yaml";
import { tempDir, writeFiles } from "../foundation/helpers.js";

/** The standard .gitignore block of SPEC §2, so `sensitive/gitignore` stays quiet. */
export const GITIGNORE = "ops/sensitive/\nops/backup/logs/\nops/backup/.backup-state\ndocs/log/\n*.env\n*.env.*\n";

export interface SiteSpec {
  code: string;
  /** Files of the site, relative to its root (`docs/network.md`). */
  files?: Record<string, string>;
}

/** A federation in a temp dir: federation.yaml (sites by path) plus each site's files and site.yaml. */
export function makeFederation(sites: SiteSpec[], extra: Record<string, unknown> = {}): { root: string; file: string } {
  const root = tempDir("netstack-fed-");
  const config = { name: "fed", sites: sites.map((s) => ({ code: s.code, name: s.code.toUpperCase(), path: s.code })), ...extra };
  writeFiles(root, { "federation.yaml": stringify(config) });
  for (const site of sites) {
    writeFiles(path.join(root, site.code), {
      "site.yaml": `code: ${site.code}\nname: ${site.code.toUpperCase()}\n`,
      "docs/devices.md": "| name |\n|------|\n",
      "docs/services.md": "| service | host |\n|---------|------|\n",
      "docs/network.md": "# network\n",
      ".gitignore": GITIGNORE,
      ...site.files,
    });
  }
  return { root, file: path.join(root, "federation.yaml") };
}

/** A markdown table. */
export function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`), ""].join("\n");
}

/** Runs git with a fixed identity, so commits work on any machine. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main", ...args], { cwd, encoding: "utf8" });
}

/** A site as its own git repo (one commit), for `repo:` sites. */
export function makeSiteRepo(code: string, files: Record<string, string>): string {
  const dir = tempDir(`netstack-repo-${code}-`);
  writeFiles(dir, { "site.yaml": `code: ${code}\nname: ${code.toUpperCase()}\n`, "docs/devices.md": "| name |\n|------|\n", ".gitignore": GITIGNORE, ...files });
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "site");
  return dir;
}
