import type { Rule } from "../types.js";
import { atPoint, sitePath } from "../report.js";
import { SITE_FILES, UNREADABLE_FILE } from "../../inventory/site.js";

/** Every site documents its devices, services and network. */
export const missingFile: Rule = {
  id: "site/missing-file",
  severity: "error",
  summary: "docs/devices.md, docs/services.md or docs/network.md is missing",
  scope: "site",
  check({ site }) {
    // A file that is there but was refused (site/unreadable-file) is reported as that, not as missing.
    const present = new Set([...site.files.map((f) => f.abs), ...site.configDiagnostics.filter((d) => d.ruleId === UNREADABLE_FILE).map((d) => d.file)]);
    return SITE_FILES.filter((rel) => !present.has(sitePath(site, rel))).map((rel) => atPoint(this, sitePath(site, rel), 1, 1, `Missing ${rel}`));
  },
};
