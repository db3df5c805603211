import path from "node:path";
import type { FederationConfig } from "../../config/federation.js";
import type { Diagnostic } from "../../diagnostics.js";
import type { RecordKind } from "../../inventory/kinds.js";
import type { Entry, SiteModel } from "../../inventory/site.js";
import type { Inventory, SiteInventory } from "../../inventory/schema.js";
import type { Profile } from "../../rules/types.js";
import { resolveFreshness, type Freshness } from "../../status/freshness.js";
import { siteBackupStatus, type SiteBackupStatus } from "../../status/site-status.js";
import { readDriftFindings, readDriftState, type DriftFinding, type DriftState } from "../../status/drift-state.js";
import { siteInventory } from "../inventory.js";
import { masker, redactDeep, redactor } from "../redact.js";
import { dropSecretColumns, maskSecretColumns } from "../secrets.js";
import { readSensitive, withSensitive } from "../sensitive.js";

/** What the docs are built from: the loaded sites and what `check` found. */
export interface DocsInput {
  /** The federation's name, or the site's code in per-site mode. */
  name: string;
  /** `federation.yaml` or `site.yaml`, as the inventory's `generatedFrom`. */
  generatedFrom: string;
  /** Paths in the pages are shown relative to this directory (the federation file's, or the site's). */
  baseDir: string;
  sites: SiteModel[];
  federation: FederationConfig | null;
  diagnostics: Diagnostic[];
}

/** `DocsInput` with each site reduced to what its pages need (`siteSource`): no table cells. */
export interface SourcedInput extends Omit<DocsInput, "sites"> {
  sites: SiteSource[];
}

export type Theme = "material" | "mkdocs";

export interface DocsOptions {
  profile: Profile;
  /** Epoch ms for the status timestamp and backup ages (`--now`, SOURCE_DATE_EPOCH). */
  nowMs: number;
  theme: Theme;
  /** `federation`: index, backup, inventory and sites/<code>/; `site`: one site's pages at the top. */
  layout: "federation" | "site";
}

/** A table of a site file as its page shows it. */
export interface TableSource {
  /** Offsets of the table in the file's text. */
  start: number;
  end: number;
  kind: RecordKind | "subnet" | null;
  /** Record tables: the source lines of the records it holds, in order. */
  recordLines: number[];
  /** Other tables (subnet key/values, unrecognized): header and cell texts. */
  header: string[];
  rows: string[][];
}

/** One of a site's table files (devices.md, services.md, network.md), without its cells. */
export interface TableFileSource {
  rel: string;
  text: string;
  hasTitle: boolean;
  tables: TableSource[];
}

/**
 * What the pages need of a loaded site. A large federation's parsed cells are most of its memory;
 * once the rules have run they are dropped, and pages are made from this.
 */
export interface SiteSource {
  root: string;
  inventory: SiteInventory;
  files: TableFileSource[];
}

const TABLE_FILES = new Set(["docs/devices.md", "docs/services.md", "docs/network.md"]);

export function siteSource(model: SiteModel): SiteSource {
  const entries = [...model.devices, ...model.services, ...model.overlay, ...model.shares, ...model.backups] as Entry[];
  const linesByTable = new Map<unknown, number[]>();
  for (const e of entries) {
    const lines = linesByTable.get(e.table) ?? [];
    lines.push(e.record.source.line);
    linesByTable.set(e.table, lines);
  }
  const files = model.files
    .filter((f) => TABLE_FILES.has(f.rel))
    .map((f) => ({
      rel: f.rel,
      text: f.text,
      hasTitle: f.doc.headings.some((h) => h.depth === 1),
      tables: f.tables.map((c): TableSource => {
        const modeled = c.kind !== null && c.kind !== "subnet";
        return {
          start: c.table.span.start.offset,
          end: c.table.span.end.offset,
          kind: c.kind,
          recordLines: modeled ? (linesByTable.get(c) ?? []) : [],
          header: modeled ? [] : c.table.header.cells.map((cell) => cell.text),
          rows: modeled ? [] : c.table.rows.map((r) => r.cells.map((cell) => cell.text)),
        };
      }),
    }));
  return { root: model.root, inventory: siteInventory(model), files };
}

export function sourced(input: DocsInput): SourcedInput {
  return { ...input, sites: input.sites.map(siteSource) };
}

/** Counts the index pages show: enough to render them again without the records (build cache). */
export interface SiteDigest {
  subnet: string | null;
  active: { devices: number; services: number; overlay: number; shares: number; backups: number };
  /** Active devices by node type (`untyped` for none), in first-seen order. */
  deviceTypes: [string, number][];
  /** Active services by exposure, as `exposure count` pairs. */
  serviceExposures: [string, number][];
}

/** A site as the pages that change with every build (index, status) need it. */
export interface SiteSummary {
  code: string;
  name: string;
  role: string | null;
  root: string;
  /** Where its pages live in docs/: `sites/<code>/`, or `` in per-site mode. */
  dir: string;
  digest: SiteDigest;
}

export interface PreparedSite extends SiteSummary {
  source: SiteSource;
  /** The site's inventory with the profile applied (public: redacted; private: ops/sensitive merged). */
  inventory: SiteInventory;
  backup: SiteBackupStatus;
  diagnostics: Diagnostic[];
  drift: DriftState | null;
  driftFindings: DriftFinding[];
}

/**
 * A summarized site with its backup state and drift state, read on this build, and its
 * diagnostics. The drift findings (they quote addresses) are read in the private profile only.
 */
export type CurrentSite = SiteSummary & { backup: SiteBackupStatus; diagnostics: Diagnostic[]; drift: DriftState | null; driftFindings: DriftFinding[] };

/** What the index and status pages are made from: summaries, fresh backup state and diagnostics. */
export interface Current<S extends CurrentSite = CurrentSite> {
  name: string;
  options: DocsOptions;
  sites: S[];
  diagnostics: Diagnostic[];
  /** The ages backups are judged by (federation.yaml's `backup:`, or the defaults). */
  freshness: Freshness;
  /** Text as shown: redacted in the public profile. */
  text: (value: string) => string;
  /** A diagnostic's file, relative to the base dir. */
  where: (d: Diagnostic) => string;
}

export interface Prepared extends Current<PreparedSite> {
  inventory: Inventory;
  minOffsite: number;
  tiers: Record<string, number>;
}

function countBy(values: (string | null)[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v ?? "untyped", (counts.get(v ?? "untyped") ?? 0) + 1);
  return [...counts];
}

export function siteDigest(inventory: SiteInventory): SiteDigest {
  const active = <T extends { status: string }>(list: T[]) => list.filter((r) => r.status !== "retired");
  return {
    subnet: inventory.subnet,
    active: {
      devices: active(inventory.devices).length,
      services: active(inventory.services).length,
      overlay: active(inventory.overlay).length,
      shares: active(inventory.shares).length,
      backups: active(inventory.backups).length,
    },
    deviceTypes: countBy(active(inventory.devices).map((d) => d.type)),
    serviceExposures: countBy(active(inventory.services).map((s) => s.exposure)),
  };
}

/** How the index and status pages state the ages backups are judged by. */
export function freshnessSentence(freshness: Freshness): string {
  return freshness.warnAgeMs < freshness.maxAgeMs
    ? `a backup older than ${freshness.warnAge} is late, older than ${freshness.maxAge} stale.`
    : `a backup older than ${freshness.maxAge} is stale.`;
}

/** The parts of `Current` that do not depend on the sites. */
export function currentBase(input: Pick<DocsInput, "name" | "baseDir" | "federation" | "diagnostics">, options: DocsOptions) {
  // Public: addresses and secrets redacted; private: secrets masked, addresses kept.
  const text = options.profile === "public" ? redactor() : masker();
  return {
    // The federation's name is in every page title: it goes through the same redaction.
    name: text(input.name),
    options,
    diagnostics: input.diagnostics,
    freshness: resolveFreshness(input.federation?.backup),
    text,
    // A file name may hold an address (`docs/hosts/10.0.0.5.md`).
    where: (d: Diagnostic) => text(`${path.relative(input.baseDir, d.file).split(path.sep).join("/")}:${d.line}:${d.column}`),
  };
}

/** Backup state (read now) and the diagnostics under the site's root, for a summarized site. */
export function currentSite<S extends SiteSummary>(summary: S, diagnostics: readonly Diagnostic[], options: DocsOptions, freshness: Freshness): S & CurrentSite {
  const prefix = summary.root + path.sep;
  return {
    ...summary,
    backup: siteBackupStatus({ code: summary.code, name: summary.name, root: summary.root }, options.nowMs, freshness),
    diagnostics: diagnostics.filter((d) => d.file.startsWith(prefix)),
    drift: readDriftState(summary.root),
    driftFindings: options.profile === "private" ? readDriftFindings(summary.root) : [],
  };
}

/** Applies the profile and reads backup state once, for every page to use. */
export function prepare(input: SourcedInput, options: DocsOptions): Prepared {
  const base = currentBase(input, options);
  const sources = [...input.sites].sort((a, b) => (a.inventory.code < b.inventory.code ? -1 : a.inventory.code > b.inventory.code ? 1 : 0));
  const raw: Inventory = { federation: { name: input.name, generatedFrom: input.generatedFrom }, sites: sources.map((s) => s.inventory) };
  // One cache for the inventory and the pages: they show the same texts.
  const profiled: Inventory =
    options.profile === "public"
      ? redactDeep(dropSecretColumns(raw), base.text)
      : redactDeep(maskSecretColumns({ ...raw, sites: raw.sites.map((s, i) => withSensitive(s, readSensitive(sources[i]!.root))) }), base.text);
  const sites = profiled.sites.map((inventory, i): PreparedSite => {
    const source = sources[i]!;
    const summary: SiteSummary = {
      code: inventory.code,
      name: inventory.name,
      role: inventory.role,
      root: source.root,
      dir: options.layout === "federation" ? `sites/${inventory.code}/` : "",
      digest: siteDigest(inventory),
    };
    return { ...currentSite(summary, input.diagnostics, options, base.freshness), source, inventory };
  });
  return {
    ...base,
    inventory: profiled,
    sites,
    minOffsite: input.federation?.backup.minOffsite ?? 2,
    tiers: input.federation?.backup.tiers ?? {},
  };
}
