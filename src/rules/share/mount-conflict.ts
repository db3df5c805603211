import type { Rule } from "../types.js";
import { atColumn, isActive, nameKey, parseMachineRef } from "../report.js";
import { mountKey } from "./mount.js";

/**
 * Two active shares use the same drive letter or mount point on one target. Judged per site: the same
 * share written in both sites' tables (once from each end) is one share, not a conflict.
 */
export const mountConflict: Rule = {
  id: "share/mount-conflict",
  severity: "error",
  summary: "Two shares use the same drive letter / mount on one target",
  scope: "site",
  check({ site }) {
    const first = new Map<string, { line: number; source: string | null }>();
    return site.shares.filter(isActive).flatMap((entry) => {
      const { targetHost, mount, sourceHost, source } = entry.record;
      if (targetHost === null || mount === null) return [];
      const target = parseMachineRef(targetHost);
      const key = `${target.site ?? site.config.code}:${nameKey(target.host)}\0${mountKey(mount)}`;
      const seen = first.get(key);
      if (!seen) {
        first.set(key, { line: source.line, source: sourceHost });
        return [];
      }
      return [atColumn(this, entry, "mount", `Mount ${mount} on ${targetHost} is already used by the share from ${seen.source ?? "another source"} on line ${seen.line}`)];
    });
  },
};
