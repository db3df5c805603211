import { analyseDrift, type SeenHost, type SeenMember } from "./analysis.js";
import { deviceLabel, hostText, memberText, places, shown } from "./describe.js";
import { atRow } from "../report.js";
import type { Rule } from "../types.js";

const isMember = (seen: SeenHost | SeenMember): seen is SeenMember => "addresses" in seen;

/**
 * A device the tables call retired or offline (struck through, or a status of retired, offline,
 * removed, decommissioned or dead) answered: by its MAC, by its IP when no other MAC is written
 * for it, or on the overlay. Reported at its row.
 */
export const retiredSeen: Rule = {
  id: "drift/retired-seen",
  severity: "warn",
  summary: "A retired or offline device answers",
  scope: "drift",
  check({ site, drift }) {
    if (!drift) return [];
    return analyseDrift(site, drift).gone.map(({ entry, seen }) => {
      const what = seen.map((s) => (isMember(s) ? `on the overlay as ${memberText(s)}` : `at ${hostText(s)}`)).join("; ");
      return atRow(this, entry, `${deviceLabel(entry)} is ${shown(entry.record.status)} but answers ${what}; seen in ${places(seen.flatMap((s) => s.sightings))}`);
    });
  },
};
