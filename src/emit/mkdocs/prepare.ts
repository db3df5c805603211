import path from "node:path";
import type { FederationConfig } from "../../config/federation.js";
import { durationMs } from "../../config/federation.js";
import type { Diagnostic } from "../../diagnostics.js";
import type { SiteModel } from "../../inventory/site.js";
import type { Inventory, SiteInventory } from "../../inventory/schema.js";
import type { Profile } from "../../rules/types.js";
import { siteBackupStatus, type SiteBackupStatus } from "../../status/site-status.js";
import { toInventory } from "../inventory.js";
import { isSecretHeader } from "../../rules/sensitive/credentials.js";
import { redactDeep, redactor } from "../redact.js";
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

export type Theme = "material" | "mkdocs";

export interface DocsOptions {
  profile: Profile;
  /** Epoch ms for the status timestamp and backup ages (`--now`, SOURCE_DATE_EPOCH). */
  nowMs: number;
  theme: Theme;
  /** `federation`: index, backup, inventory and sites/<code>/; `site`: one site's pages at the top. */
  layout: "federation" | "site";
}

export interface PreparedSite {
  model: SiteModel;
  /** The site's inventory with the profile applied (public: redacted; private: ops/sensitive merged). */
  inventory: SiteInventory;
  code: string;
  name: string;
  role: string | null;
  backup: SiteBackupStatus;
  diagnostics: Diagnostic[];
  /** Where its pages live in docs/: `sites/<code>/`, or `` in per-site mode. */
  dir: string;
}

export interface Prepared {
  input: DocsInput;
  options: DocsOptions;
  inventory: Inventory;
  sites: PreparedSite[];
  /** Diagnostics about no site (federation.yaml itself, unavailable sites). */
  federationDiagnostics: Diagnostic[];
  maxAge: string;
  minOffsite: number;
  tiers: Record<string, number>;
  /** Text as shown: redacted in the public profile. */
  text: (value: string) => string;
  /** A diagnostic's file, relative to the base dir. */
  where: (d: Diagnostic) => string;
}

const DEFAULT_MAX_AGE = "24h";

/** Applies the profile and reads backup state once, for every page to use. */
export function prepare(input: DocsInput, options: DocsOptions): Prepared {
  const publicProfile = options.profile === "public";
  // One cache for the inventory and the pages: they show the same texts.
  const text = publicProfile ? redactor() : (value: string) => value;
  const raw = toInventory(input.sites, { name: input.name, generatedFrom: input.generatedFrom });
  const byCode = new Map(input.sites.map((s) => [s.config.code, s]));
  const profiled: Inventory = publicProfile
    ? redactDeep(withoutSecretColumns(raw), text)
    : { ...raw, sites: raw.sites.map((s) => withSensitive(s, readSensitive(byCode.get(s.code)!.root))) };
  const maxAge = input.federation?.backup.maxAge ?? DEFAULT_MAX_AGE;
  const owned = new Set<Diagnostic>();
  const sites = profiled.sites.map((inventory): PreparedSite => {
    const model = byCode.get(inventory.code)!;
    const prefix = model.root + path.sep;
    const diagnostics = input.diagnostics.filter((d) => d.file.startsWith(prefix));
    for (const d of diagnostics) owned.add(d);
    return {
      model,
      inventory,
      code: inventory.code,
      name: inventory.name,
      role: inventory.role,
      backup: siteBackupStatus({ code: inventory.code, name: inventory.name, root: model.root }, options.nowMs, durationMs(maxAge)),
      diagnostics,
      dir: options.layout === "federation" ? `sites/${inventory.code}/` : "",
    };
  });
  return {
    input,
    options,
    inventory: profiled,
    sites,
    federationDiagnostics: input.diagnostics.filter((d) => !owned.has(d)),
    maxAge,
    minOffsite: input.federation?.backup.minOffsite ?? 2,
    tiers: input.federation?.backup.tiers ?? {},
    text,
    where: (d) => `${path.relative(input.baseDir, d.file).split(path.sep).join("/")}:${d.line}:${d.column}`,
  };
}

/** Unknown columns named like passwords (`pw`, `API key`) are left out of public output whole. */
function withoutSecretColumns(inventory: Inventory): Inventory {
  const strip = <T extends { extra: Record<string, string> }>(records: T[]): T[] =>
    records.map((r) => {
      const keys = Object.keys(r.extra);
      return { ...r, extra: Object.fromEntries(Object.entries(r.extra).filter(([k]) => !isSecretHeader(k, keys))) };
    });
  return {
    ...inventory,
    sites: inventory.sites.map((s) => ({
      ...s,
      devices: strip(s.devices),
      services: strip(s.services),
      overlay: strip(s.overlay),
      shares: strip(s.shares),
      backups: strip(s.backups),
    })),
  };
}
