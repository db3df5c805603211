import ipaddr from "ipaddr.js";
import { z } from "zod";

export const SITE_CODE = /^[a-z][a-z0-9-]{1,15}$/;

export const severitySetting = z.enum(["off", "warn", "error"]);
export const ruleSettings = z.record(z.string(), severitySetting).describe("Per-rule severity overrides: off, warn or error");

export const cidr = z.string().refine((value) => {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}, "must be a CIDR such as 192.168.9.0/24");

/** A duration such as `24h`, `90m`, `2d`, `1w`. */
export const duration = z.string().regex(/^\d+(s|m|h|d|w)$/, "must be a duration such as 24h, 90m or 2d");

export function durationMs(value: string): number {
  const m = /^(\d+)(s|m|h|d|w)$/.exec(value);
  if (!m) throw new Error(`invalid duration: ${value}`);
  const unit = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 }[m[2] as "s" | "m" | "h" | "d" | "w"];
  return Number(m[1]) * unit;
}

/** `netstack drift`: how long an active device may go unseen, and how long observations are kept. */
export const driftSchema = z
  .strictObject({
    maxUnseen: duration.default("14d").describe("drift/not-seen: an active device absent from every observation for longer than this"),
    retention: duration.default("90d").describe("drift --record: observation files in ops/sensitive/observed/ older than this are removed"),
  })
  .describe("Settings of netstack drift");

const columnAliases = z.record(z.string(), z.array(z.string())).describe("Extra header names per canonical column");

export const aliasesSchema = z.strictObject({
  device: columnAliases.optional(),
  service: columnAliases.optional(),
  overlay: columnAliases.optional(),
  share: columnAliases.optional(),
  backup: columnAliases.optional(),
  link: columnAliases.optional(),
});

/** What `sources.kinds` may set a table to: a record kind, the subnet key/value table, or `none` (not inventory). */
export const TABLE_KIND_SETTINGS = ["device", "service", "overlay", "share", "backup", "link", "subnet", "none"] as const;
export type TableKindSetting = (typeof TABLE_KIND_SETTINGS)[number];

export const sourcesSchema = z
  .strictObject({
    include: z.array(z.string().min(1)).optional().describe("Markdown files whose tables are read (paths or globs, relative to the site root); default every Markdown file"),
    exclude: z.array(z.string().min(1)).optional().describe("Files left out (paths or globs); ops/sensitive/ and docs/log/ are always left out"),
    kinds: z
      .record(z.string(), z.enum(TABLE_KIND_SETTINGS))
      .optional()
      .describe('Kind of the tables of a file ("docs/README.md") or of one section ("docs/README.md#Local Network"), where classification cannot tell; "none" ignores them'),
  })
  .describe("Where the site's tables are: files to read and kinds to force");

export const siteConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    code: z.string().regex(SITE_CODE, "must match ^[a-z][a-z0-9-]{1,15}$"),
    name: z.string().min(1),
    role: z.string().optional(),
    subnet: cidr.optional(),
    visibility: z.enum(["private", "public"]).default("private"),
    aliases: aliasesSchema.optional(),
    sources: sourcesSchema.optional(),
    rules: ruleSettings.optional(),
    drift: driftSchema.optional(),
    template: z
      .strictObject({
        version: z.string(),
        answers: z.record(z.string(), z.unknown()).default({}),
      })
      .optional(),
  })
  .describe("netstack site.yaml");

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type ColumnAliases = z.infer<typeof aliasesSchema>;
export type SourcesConfig = z.infer<typeof sourcesSchema>;
