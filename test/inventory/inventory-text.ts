import type { SiteModel } from "../../src/inventory/site.js";

/** Columns padded to their widest cell: a table a reviewer reads in a diff. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const v = (value: string | number | null | undefined) => (value === null || value === undefined || value === "" ? "-" : String(value));

/**
 * A site's inventory as plain text: one aligned table per record kind, a row per record with
 * where it was written. What the snapshots of real-shaped sites pin (test/inventory/*.expected.txt).
 */
export function inventoryText(site: SiteModel): string {
  const parts: string[] = [];
  parts.push(`devices (${site.devices.length}, ${site.devices.filter((e) => e.record.status === "active").length} active)`);
  parts.push(
    table(
      ["where", "name", "formerly", "status", "role", "type", "ip", "mac", "overlay", "group"],
      site.devices.map(({ record: d }) => [`${d.source.file}:${d.source.line}`, v(d.name), v(d.formerly), d.status, v(d.role), v(d.type), v(d.ip), v(d.mac), v(d.overlay), v(d.group)]),
    ),
  );
  parts.push("", `links (${site.links.length})`);
  parts.push(
    table(
      ["where", "name", "from", "to", "from port", "to port", "location"],
      site.links.map(({ record: l }) => [`${l.source.file}:${l.source.line}`, v(l.name), v(l.from), v(l.to), v(l.fromPort), v(l.toPort), v(l.location)]),
    ),
  );
  parts.push("", `services (${site.services.length})`);
  parts.push(
    table(
      ["where", "name", "status", "host", "port", "exposure", "url"],
      site.services.map(({ record: s }) => [`${s.source.file}:${s.source.line}`, v(s.name), s.status, v(s.host), v(s.port), v(s.exposure), v(s.url)]),
    ),
  );
  const members = [
    ...site.overlay.map(({ record: o }) => [`${o.source.file}:${o.source.line}`, v(o.node), v(o.overlay), "overlay table"]),
    ...site.devices.filter((e) => e.record.overlay !== null).map(({ record: d }) => [`${d.source.file}:${d.source.line}`, v(d.name), v(d.overlay), "device row"]),
  ];
  parts.push("", `overlay members (${members.length})`);
  parts.push(table(["where", "node", "overlay", "from"], members));
  return `${parts.join("\n")}\n`;
}
