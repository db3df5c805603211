import path from "node:path";
import { lint, type LintOptions } from "../../src/lint.js";
import { makeSite } from "../foundation/helpers.js";

export const STANDARD_GITIGNORE = "ops/sensitive/\nops/backup/logs/\nops/backup/.backup-state\ndocs/log/\n*.env\n*.env.*\n";

/** A small private site, clean of errors: its tables hold addresses, as a private site's may. */
export const SITE: Record<string, string> = {
  "site.yaml": "code: ts\nname: Test Site\nsubnet: 192.168.5.0/24\n",
  ".gitignore": STANDARD_GITIGNORE,
  "docs/devices.md": [
    "# Devices",
    "",
    "| name | type | ip | mac |",
    "|------|------|----|-----|",
    "| tsgw | gateway | 192.168.5.1 | aa:bb:cc:00:00:01 |",
    "| tsnas | storage | 192.168.5.10 | aa:bb:cc:00:00:02 |",
    "",
  ].join("\n"),
  "docs/services.md": ["# Services", "", "| service | host | port |", "|---------|------|------|", "| smb | tsnas | 445 |", ""].join("\n"),
  "docs/network.md": ["# Network", "", "## Subnet", "", "| key | value |", "|-----|-------|", "| subnet | 192.168.5.0/24 |", ""].join("\n"),
};

export function site(extra: Record<string, string> = {}): string {
  return makeSite({ ...SITE, ...extra });
}

/** Lints and renders each diagnostic as `file:line:column severity ruleId message`, paths relative to the site. */
export async function lintLines(root: string, paths: string[] = [root], options: LintOptions = {}): Promise<string[]> {
  const { diagnostics } = await lint(paths, { cwd: root, ...options });
  return diagnostics.map((d) => `${path.relative(root, d.file).split(path.sep).join("/")}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`);
}

/** Only the lines of the given rules. */
export function only(lines: string[], ...rules: string[]): string[] {
  return lines.filter((l) => rules.some((r) => l.split(" ")[2] === r));
}
