import { atCell } from "../report.js";
import type { Rule } from "../types.js";

const ROLE = /^(primary|bu-\d+)$/;

/**
 * site-config.yml's `federation.role` is neither `primary` nor `bu-N` (bu-0 the first backup
 * site, bu-1 the second, …): the pattern's backup and restore scripts choose what to do by it.
 */
export const invalidRole: Rule = {
  id: "federation/invalid-role",
  severity: "error",
  summary: "site-config.yml's federation.role is neither primary nor bu-N",
  scope: "site",
  check({ site }) {
    const yml = site.siteConfigYml;
    const role = yml?.federation.role;
    if (!yml || !role || ROLE.test(role.text.trim())) return [];
    const hint = /^(bu|backup)[-_ ]?(\d+)$/i.exec(role.text.trim());
    return [atCell(this, yml.file, role, `Federation role "${role.text}" is neither primary nor bu-N${hint ? `; did you mean "bu-${hint[2]}"?` : " (bu-0 for the first backup site, bu-1 for the second, …)"}`)];
  },
};
