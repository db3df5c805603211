import { analyseDrift, DEFAULT_MAX_UNSEEN, seenAt } from "./analysis.js";
import { day, deviceLabel, span } from "./describe.js";
import { atRow } from "../report.js";
import type { Rule } from "../types.js";

/**
 * An active device was in none of the observations for longer than `drift.maxUnseen` of site.yaml
 * (14d when unset). Absence is measured within the observations, the ones given and the ones
 * recorded by `drift --record`, of the kind that could see it (LAN sources for an IP or MAC,
 * ZeroTier sources for an overlay address): one snapshot never makes a device missing, and a
 * month without observations does not either.
 */
export const notSeen: Rule = {
  id: "drift/not-seen",
  severity: "warn",
  summary: "An active device is absent from every observation for longer than drift.maxUnseen",
  scope: "drift",
  check({ site, drift }) {
    if (!drift) return [];
    const maxUnseen = site.config.drift?.maxUnseen ?? DEFAULT_MAX_UNSEEN;
    return analyseDrift(site, drift).notSeen.map(({ entry, lastSeen, since, latest }) => {
      const when = lastSeen
        ? `was last seen ${span(latest - since)} before the latest observation (${day(lastSeen.time)}, ${seenAt(lastSeen)})`
        : `is in none of ${span(latest - since)} of observations (${day(since)} to ${day(latest)})`;
      return atRow(this, entry, `${deviceLabel(entry)} ${when}; drift.maxUnseen is ${maxUnseen}`);
    });
  },
};
