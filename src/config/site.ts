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
});

export const siteConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    code: z.string().regex(SITE_CODE, "must match ^[a-z][a-z0-9-]{1,15}$"),
    name: z.string().min(1),
    role: z.string().optional(),
    subnet: cidr.optional(),
    visibility: z.enum(["private", "public"]).default("private"),
    aliases: aliasesSchema.optional(),
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
