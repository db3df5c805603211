import { analyseDrift } from "./analysis.js";
import { memberText, places } from "./describe.js";
import { atPoint } from "../report.js";
import type { Rule } from "../types.js";

/**
 * A ZeroTier member (from a controller's member list, `listpeers` or `listnetworks`) whose overlay
 * addresses and node address no table lists: no device's overlay column, no Overlay table row,
 * no cell holding its 10-digit node address. Reported once per member, where it was first seen.
 */
export const overlayUnknown: Rule = {
  id: "drift/overlay-unknown",
  severity: "warn",
  summary: "An overlay member is in no table",
  scope: "drift",
  check({ site, drift }) {
    if (!drift) return [];
    return analyseDrift(site, drift).unknownMembers.map((member) => {
      const first = member.sightings[0]!;
      return atPoint(this, first.file, first.line, first.column, `Overlay member ${memberText(member)} is in no table; seen in ${places(member.sightings)}`);
    });
  },
};
