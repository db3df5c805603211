import type { Rule } from "../types.js";
import { atPoint, sitePath } from "../report.js";
import { SITE_FILES } from "../../inventory/site.js";

/** Every site documents its devices, services and network. */
export const missingFile: Rule = {
  id: "site/missing-file",
  severity: "error",
  summary: "docs/devices.md, docs/services.md or docs/network.md is missing",
  scope: "site",
  check({ site }) {
    const present = new Set(site.files.map((f) => f.rel));
    return SITE_FILES.filter((rel) => !present.has(rel)).map((rel) => atPoint(this, sitePath(site, rel), 1, 1, `Missing ${rel}`));
  },
};
