import type { Rule } from "../types.js";
import { atColumn } from "../report.js";
import { isValidMount } from "./mount.js";
import { quote } from "../sensitive/mask.js";

/** A share's mount is neither a drive letter (`X:`) nor an absolute path. */
export const invalidMount: Rule = {
  id: "share/invalid-mount",
  severity: "error",
  summary: "A share's mount is neither X: nor an absolute path",
  scope: "site",
  check({ site }) {
    return site.shares.flatMap((entry) => {
      const mount = entry.record.mount;
      if (mount === null || isValidMount(mount)) return [];
      return [atColumn(this, entry, "mount", `Mount ${quote(mount)} is neither a drive letter (X:) nor an absolute path`)];
    });
  },
};
