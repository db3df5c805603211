import { makeSite } from "../foundation/helpers.js";

/**
 * A tiny site that is clean under every lint rule. Its tables hold addresses, which a private
 * site may; the per-file sensitive/exposed-address reminder is turned off so the CLI tests see
 * only the findings they plant.
 */
export const CLEAN: Record<string, string> = {
  "site.yaml": "code: ts\nname: Test Site\nsubnet: 192.168.5.0/24\nrules:\n  sensitive/exposed-address: off\n",
  ".gitignore": "ops/sensitive/\nops/backup/logs/\nops/backup/.backup-state\ndocs/log/\n*.env\n*.env.*\n",
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

/** The clean site with an error in devices.md (duplicate IP, line 6) and a warning (unknown type, line 5). */
export const BROKEN: Record<string, string> = {
  ...CLEAN,
  "docs/devices.md": [
    "# Devices",
    "",
    "| name | type | ip | mac |",
    "|------|------|----|-----|",
    "| tsgw | router | 192.168.5.1 | aa:bb:cc:00:00:01 |",
    "| tsnas | storage | 192.168.5.1 | aa:bb:cc:00:00:02 |",
    "",
  ].join("\n"),
};

export function cleanSite(extra: Record<string, string> = {}): string {
  return makeSite({ ...CLEAN, ...extra });
}

export function brokenSite(extra: Record<string, string> = {}): string {
  return makeSite({ ...BROKEN, ...extra });
}
