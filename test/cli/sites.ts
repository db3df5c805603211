import { makeSite } from "../foundation/helpers.js";
import { SITE } from "../sensitive/helpers.js";

/**
 * A tiny site that is clean under every lint rule. Its tables hold addresses, which a private
 * site may; the per-file sensitive/exposed-address reminder is turned off so the CLI tests see
 * only the findings they plant. The tables are the sensitive tests' site.
 */
export const CLEAN: Record<string, string> = {
  ...SITE,
  "site.yaml": "code: ts\nname: Test Site\nsubnet: 192.168.5.0/24\nrules:\n  sensitive/exposed-address: off\n",
};

/** The clean site with an error in devices.md (duplicate IP, line 6) and a warning (unknown type, line 5). */
export const BROKEN: Record<string, string> = {
  ...CLEAN,
  "docs/devices.md": [
    "# Devices",
    "",
    "| name | type | ip | mac |",
    "|------|------|----|-----|",
    "| tsgw | beacon | 192.168.5.1 | aa:bb:cc:00:00:01 |",
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
