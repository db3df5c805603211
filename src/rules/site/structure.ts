import type { Rule } from "../types.js";
import { atPoint, sitePath } from "../report.js";
import { SITE_DIRS } from "../../inventory/site.js";

/** The directories of the site layout. */
export const structure: Rule = {
  id: "site/structure",
  severity: "warn",
  summary: "A directory of the site layout is missing",
  scope: "site",
  check({ site }) {
    const present = new Set(site.presentDirs);
    return SITE_DIRS.filter((rel) => !present.has(rel)).map((rel) => atPoint(this, sitePath(site, rel), 1, 1, `Missing directory ${rel}/ of the site layout`));
  },
};
