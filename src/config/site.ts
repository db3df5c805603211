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
