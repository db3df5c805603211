import { analyseDrift } from "./analysis.js";
import { hostText, places } from "./describe.js";
import { atPoint } from "../report.js";
import type { Rule } from "../types.js";

/**
 * Something answered on the site's LAN that no table lists: reported once per machine (its
 * sightings grouped by MAC, else IP), at the first place it was seen, with the vendor of its MAC
 * and any name a source gave. `netstack drift --propose` prints the add-node command for it.
 */
export const undocumented: Rule = {
  id: "drift/undocumented",
  severity: "warn",
  summary: "A device on the network is in no table",
  scope: "drift",
  check({ site, drift }) {
    if (!drift) return [];
    return analyseDrift(site, drift).undocumented.map((host) => {
      const first = host.sightings[0]!;
      return atPoint(this, first.file, first.line, first.column, `${hostText(host)} is on the network but in no table; seen in ${places(host.sightings)}`);
    });
  },
};
