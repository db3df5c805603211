import type { Rule } from "../types.js";
import { atPoint } from "../report.js";

/**
 * Two entries of federation.yaml share a site code. The finding is about federation.yaml, not a site,
 * so it is reported once: from the run of the first site that loaded.
 */
export const duplicateSite: Rule = {
  id: "federation/duplicate-site",
  severity: "error",
  summary: "Two sites share a code",
  scope: "federation",
  check({ site, entries, federationFile }) {
    if (!entries || !federationFile || entries.find((e) => e.site)?.site !== site) return [];
    const first = new Map<string, number>();
    return entries.flatMap((entry) => {
      const line = first.get(entry.code);
      if (line === undefined) {
        first.set(entry.code, entry.line);
        return [];
      }
      return [atPoint(this, federationFile, entry.line, entry.column, `Site code "${entry.code}" is already used by the site on line ${line}`)];
    });
  },
};
