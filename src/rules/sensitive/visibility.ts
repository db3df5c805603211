import path from "node:path";
import type { Rule } from "../types.js";

/**
 * A site that site.yaml calls private (or leaves at the private default) but that something in
 * the repo publishes: a `CNAME`, a Pages workflow, a GitLab `pages` job. Such a site is judged
 * public (its addresses are errors, `lint` and `check` use the public profile); this warning
 * says why, so the declaration can be made true.
 */
export const visibility: Rule = {
  id: "sensitive/visibility",
  severity: "warn",
  summary: "A site declared private looks published (CNAME, Pages workflow): it is judged public",
  scope: "site",
  check({ site }) {
    if (site.config.visibility === "public" || !site.publication?.length) return [];
    const why = site.publication.map((s) => s.why).join("; ");
    const file = site.configFile ?? path.join(site.root, site.publication[0]!.file);
    const declared = site.configFile ? "site.yaml says private (the default when visibility is unset)" : "the site has no site.yaml, so it defaults to private";
    return [{ file, line: 1, column: 1, ruleId: this.id, severity: this.severity, message: `Judged public: ${why}; ${declared}. Set visibility: public in site.yaml, or stop publishing it` }];
  },
};
