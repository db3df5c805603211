import { atCell } from "../report.js";
import type { Rule } from "../types.js";

const NETWORK_ID = /^[0-9a-f]{16}$/i;

/**
 * A ZeroTier network id in site-config.yml (`zerotier.networks[].id`, a member's `networks`) is
 * not 16 hex digits: a truncated or mistyped id joins no network. The message never repeats the
 * id: a network id is kept out of logs and pages.
 */
export const invalidNetworkId: Rule = {
  id: "federation/invalid-network-id",
  severity: "error",
  summary: "A ZeroTier network id in site-config.yml is not 16 hex digits",
  scope: "site",
  check({ site }) {
    const yml = site.siteConfigYml;
    if (!yml) return [];
    return yml.networkIds.flatMap((cell) => {
      const id = cell.text.trim();
      if (NETWORK_ID.test(id)) return [];
      const length = Array.from(id).length;
      const why = /^[0-9a-f]*$/i.test(id) ? `${length} hex digits` : "characters that are not hex digits";
      return [atCell(this, yml.file, cell, `ZeroTier network id has ${why}; it must be 16 hex digits`)];
    });
  },
};
