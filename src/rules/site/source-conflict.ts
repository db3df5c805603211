import type { Diagnostic } from "../../diagnostics.js";
import type { RecordKind } from "../../inventory/kinds.js";
import type { Entry } from "../../inventory/site.js";
import { atCell, atColumn } from "../report.js";
import type { Rule } from "../types.js";

/** The fields compared when two descriptions of one record meet, with how each is named and compared. */
const FIELDS: Partial<Record<RecordKind, readonly { field: string; label: string; fold?: (value: string) => string; show?: (value: string) => string }[]>> = {
  device: [
    { field: "ip", label: "IP" },
    { field: "mac", label: "MAC" },
    { field: "type", label: "type" },
    { field: "role", label: "role", fold: (v) => v.toLowerCase() },
    { field: "host", label: "host", fold: (v) => v.toLowerCase() },
  ],
  service: [
    { field: "port", label: "port" },
    { field: "type", label: "type" },
    { field: "url", label: "URL", fold: (v) => v.replace(/\/+$/, ""), show: withoutUserinfo },
  ],
  overlay: [
    { field: "overlay", label: "overlay address" },
    { field: "ip", label: "IP" },
  ],
};

/** A URL as a message shows it: `http://admin:pw@host/` → `http://…@host/` (a password is never printed). */
function withoutUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, "$1…@");
}

const NOUN: Partial<Record<RecordKind, string>> = { device: "Device", service: "Service", overlay: "Overlay member" };

function nameOf(entry: Entry): string {
  const record = entry.record as { name?: string | null; node?: string | null; host?: string | null };
  const name = record.name ?? record.node ?? "?";
  return entry.kind === "service" && record.host ? `${name} on ${record.host}` : name;
}

/** `site-config.yml:42` or `docs/devices.md:7`: where the other value is written. */
function where(entry: Entry, field: string): string {
  const cell = entry.cells[field];
  return `${entry.record.source.file}:${cell ? cell.line : entry.record.source.line}`;
}

/**
 * site-config.yml and the tables describe one device, service or overlay member (same name; a
 * service by name and host), or two parts of site-config.yml do (`devices[]` and
 * `network.netstack_assignments`), and say different things: a finding at both places, each
 * naming the other. The inventory keeps the table's value (the tables are the source of truth;
 * devices[] over an assignment), so one of the two is wrong until one is fixed. Where one says
 * nothing the other fills in, silently. Also: site-config.yml's `site.code` or `network.subnet`
 * against the site's own (site.yaml, or its federation.yaml entry).
 */
export const sourceConflict: Rule = {
  id: "site/source-conflict",
  severity: "error",
  summary: "site-config.yml and the tables say different things about one device, service or overlay member",
  scope: "site",
  check({ site, federation }) {
    const yml = site.siteConfigYml;
    if (!yml) return [];
    const out: Diagnostic[] = [];
    for (const { primary, secondary } of yml.pairs) {
      for (const { field, label, fold = (v: string) => v, show = (v: string) => v } of FIELDS[primary.kind] ?? []) {
        const a = (primary.record as Record<string, unknown>)[field];
        const b = (secondary.record as Record<string, unknown>)[field];
        if (a === null || b === null || a === "" || b === "" || fold(String(a)) === fold(String(b))) continue;
        const noun = `${NOUN[primary.kind]} ${nameOf(primary)}`;
        const [shownA, shownB] = [show(String(a)), show(String(b))];
        out.push(atColumn(this, primary, field, `${noun}: ${label} ${shownA} here, ${shownB} in ${where(secondary, field)}`));
        out.push(atColumn(this, secondary, field, `${noun}: ${label} ${shownB} here, ${shownA} in ${where(primary, field)}`));
      }
    }
    const own = site.configFile ? "site.yaml" : "the site's entry in federation.yaml";
    const code = yml.site.code;
    // Without site.yaml or a federation, the site's code is only its directory's name: nothing to hold against.
    if (code && (site.configFile || federation) && code.text !== site.config.code) out.push(atCell(this, yml.file, code, `Site code "${code.text}" here, but the site is "${site.config.code}" (${own})`));
    const subnet = yml.network.subnet;
    if (subnet && site.config.subnet && subnet.text.toLowerCase() !== site.config.subnet.toLowerCase()) {
      out.push(atCell(this, yml.file, subnet, `Subnet ${subnet.text} here, ${site.config.subnet} in site.yaml`));
    }
    return out;
  },
};
