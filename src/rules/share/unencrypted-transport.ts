import type { Rule } from "../types.js";
import { atColumn, isActive } from "../report.js";

/** Words that name an encrypted transport, with their common short forms. */
const ENCRYPTED = new Set(["overlay", "ssh", "sftp", "scp", "wireguard", "wg", "tailscale", "zerotier", "zt", "vpn", "openvpn", "ipsec"]);

/**
 * A share's transport is not the overlay or another encrypted transport. Any word of the cell may name
 * it (`smb over zerotier`, `rsync+ssh`), as may the federation's overlay name. An empty transport says nothing.
 */
export const unencryptedTransport: Rule = {
  id: "share/unencrypted-transport",
  severity: "error",
  summary: "A share's transport is not the overlay or another encrypted transport",
  scope: "site",
  check({ site, federation }) {
    const allowed = new Set(ENCRYPTED);
    // The overlay's own name counts ("federation"); its kind only when it names a real overlay, not "other".
    for (const word of [federation?.overlay?.kind, federation?.overlay?.name]) if (word && word !== "other") allowed.add(word.toLowerCase());
    return site.shares.flatMap((entry) => {
      const transport = entry.record.transport;
      if (transport === null || !isActive(entry)) return [];
      const words = transport.toLowerCase().split(/[^a-z0-9-]+/);
      if (words.some((w) => allowed.has(w)) || allowed.has(transport.toLowerCase())) return [];
      return [atColumn(this, entry, "transport", `Transport "${transport}" is not encrypted; use the overlay or ssh, wireguard, tailscale, zerotier, vpn`)];
    });
  },
};
