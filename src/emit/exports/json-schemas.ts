import { z } from "zod";
import { federationConfigSchema, federationSiteSchema } from "../../config/federation.js";
import { siteConfigSchema } from "../../config/site.js";
import { siteConfigYmlSchema } from "../../config/site-config-yml.js";
import { inventorySchema } from "../../inventory/schema.js";

/**
 * The JSON Schemas in `schemas/`, generated from the zod schemas (the single source of truth) with
 * zod's `z.toJSONSchema`. Config schemas describe what a person writes (`io: "input"`: keys with defaults
 * are optional); the inventory schema what netstack writes. Draft-07, which editors' YAML support reads.
 */
export function jsonSchemas(): Record<string, string> {
  const generate = (schema: z.ZodType, io: "input" | "output", title: string) => {
    const json = z.toJSONSchema(schema, {
      io,
      target: "draft-7",
      unrepresentable: "any",
      // A refinement is code, not JSON Schema; the one a site entry has (exactly one of path or repo) is restated.
      override: (ctx) => {
        if (ctx.zodSchema === federationSiteSchema) ctx.jsonSchema.oneOf = [{ required: ["path"] }, { required: ["repo"] }];
      },
    });
    return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
  };
  return {
    "federation.schema.json": generate(federationConfigSchema, "input", "netstack federation.yaml"),
    "site.schema.json": generate(siteConfigSchema, "input", "netstack site.yaml"),
    "site-config.schema.json": generate(siteConfigYmlSchema(), "input", "site-config.yml (the federation pattern's site config, as netstack reads it)"),
    "inventory.schema.json": generate(inventorySchema, "output", "netstack inventory (netstack inventory --format json)"),
  };
}
