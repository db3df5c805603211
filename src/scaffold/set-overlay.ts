import { FatalError } from "../diagnostics.js";
import { parseIp } from "../inventory/cells.js";
import { buildRecords, loadSite, parseSourceFile, type SourceFile } from "../inventory/site.js";
import type { Cell } from "../markdown/types.js";
import { isActive, nameKey } from "../rules/report.js";
import { overlayClash, type FileEdit } from "./add-node.js";
import { unifiedDiff } from "./diff.js";
import type { OverlayOwners } from "./federation-overlays.js";
import { cellText, insertRow } from "./table-rows.js";
import { applyChanges } from "./write.js";

export interface SetOverlayOptions {
  name: string;
  overlay: string;
  dryRun?: boolean;
  otherOverlays?: OverlayOwners;
}

export interface SetOverlayResult {
  root: string;
  node: string;
  overlay: string;
  /** The address the node had before, if any. */
  previous: string | null;
  edits: FileEdit[];
  diff: string;
  dryRun: boolean;
}

/** The text with one cell's content replaced, its pipes and (when the value fits) its width kept. */
function replaceCell(text: string, cell: Cell, value: string): { text: string; line: number } {
  const { start, end } = cell.span;
  const slice = text.slice(start.offset, end.offset);
  const lead = slice.startsWith("|") ? 1 : 0;
  const trail = slice.length > lead && slice.endsWith("|") && !slice.endsWith("\\|") ? 1 : 0;
  const inner = slice.slice(lead, slice.length - trail);
  const content = ` ${cellText(value)} `;
  const padded = content.length < inner.length ? content.padEnd(inner.length) : content;
  return { text: text.slice(0, start.offset + lead) + padded + text.slice(end.offset - trail), line: start.line };
}

function fileEdit(file: SourceFile, after: string, line: number): FileEdit {
  const bom = file.bom ? "\uFEFF" : "";
  return { rel: file.rel, before: bom + file.text, after: bom + after, line };
}

/**
 * `netstack set-overlay`: records a device's overlay address where the site keeps it: the
 * Overlay cell of its row in the device table (when that table has the column) and its row of
 * docs/network.md's overlay table (updated, or added). The address must be free in the site and,
 * when the federation is known, in every other site.
 */
export function setOverlay(siteDir: string, options: SetOverlayOptions): SetOverlayResult {
  const site = loadSite(siteDir);
  const overlay = parseIp(options.overlay.trim());
  if (overlay === null) throw new FatalError(`set-overlay: --overlay "${options.overlay}" is not an IP address`);
  const device = site.devices.filter(isActive).find((d) => d.record.name !== null && nameKey(d.record.name) === nameKey(options.name));
  if (!device) throw new FatalError(`set-overlay: no device named "${options.name}" in this site; add it with netstack add-node first`);
  const node = device.record.name!;
  const clash = overlayClash(site, overlay, node, options.otherOverlays);
  if (clash) throw new FatalError(`set-overlay: ${clash}`);
  const memberEntry = site.overlay.filter(isActive).find((o) => o.record.node !== null && nameKey(o.record.node) === nameKey(node));
  const previous = memberEntry?.record.overlay ?? device.record.overlay ?? null;

  const edits: FileEdit[] = [];
  // A device site-config.yml describes has no table row to edit: only the overlay table is written.
  const deviceColumn = device.table ? device.table.columns.indexOf("overlay") : -1;
  if (deviceColumn >= 0 && device.record.overlay !== overlay) {
    const replaced = replaceCell(device.file.text, device.row.cells[deviceColumn]!, overlay);
    edits.push(fileEdit(device.file, replaced.text, replaced.line));
  }
  if (memberEntry) {
    if (!memberEntry.table) throw new FatalError(`set-overlay: the overlay member ${node} is described in ${memberEntry.file.rel}; edit it there by hand`);
    const column = memberEntry.table.columns.indexOf("overlay");
    if (memberEntry.record.overlay !== overlay) {
      const base = edits.find((e) => e.rel === memberEntry.file.rel);
      if (base) throw new FatalError(`set-overlay: ${memberEntry.file.rel} holds both the device row and the overlay row; edit it by hand`);
      const replaced = replaceCell(memberEntry.file.text, memberEntry.row.cells[column]!, overlay);
      edits.push(fileEdit(memberEntry.file, replaced.text, replaced.line));
    }
  } else {
    const network = site.files.find((f) => f.rel === "docs/network.md");
    const table = network?.tables.find((t) => t.kind === "overlay");
    if (!network || !table) throw new FatalError("set-overlay: docs/network.md has no Overlay table (| Node | Overlay IP | LAN IP | Type |) to record the address in");
    if (edits.some((e) => e.rel === network.rel)) throw new FatalError(`set-overlay: ${network.rel} holds both the device row and the overlay table; edit it by hand`);
    const values: Record<string, string> = { node, overlay };
    if (device.record.ip) values.ip = device.record.ip;
    if (device.record.type) values.type = device.record.type;
    const inserted = insertRow(network.text, table, table.table.rows[table.table.rows.length - 1] ?? null, values);
    const reread = buildRecords([parseSourceFile(site.root, network.abs, inserted.text, site.config)]);
    if (!reread.overlay.some((o) => o.row.span.start.line === inserted.line && o.record.node === node)) {
      throw new FatalError(`${network.rel}:${inserted.line}: the new row would not read back as part of the table; add it by hand`);
    }
    edits.push(fileEdit(network, inserted.text, inserted.line));
  }
  const result: SetOverlayResult = {
    root: site.root,
    node,
    overlay,
    previous,
    edits,
    diff: edits.map((e) => unifiedDiff(e.rel, e.before, e.after)).join(""),
    dryRun: Boolean(options.dryRun),
  };
  if (!options.dryRun && edits.length > 0) applyChanges(site.root, edits.map((e) => ({ rel: e.rel, content: e.after })));
  return result;
}
