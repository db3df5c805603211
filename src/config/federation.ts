import { z } from "zod";
import { cidr, duration, durationMs, ruleSettings, SITE_CODE } from "./site.js";

export { duration, durationMs } from "./site.js";

function isDuration(value: unknown): value is string {
  return typeof value === "string" && /^\d+(s|m|h|d|w)$/.test(value);
}

/** Backup freshness: late (a warning) past warnAge, stale (`status` exits 1) past maxAge. */
export const DEFAULT_WARN_AGE = "24h";
export const DEFAULT_MAX_AGE = "48h";

export const federationSiteSchema = z
  .strictObject({
    code: z.string().regex(SITE_CODE, "must match ^[a-z][a-z0-9-]{1,15}$"),
    name: z.string().min(1),
    role: z.string().optional(),
    path: z.string().optional().describe("Site directory, relative to federation.yaml"),
    repo: z.string().optional().describe("Git URL of the site repo, cloned into the cache"),
    ref: z.string().optional().describe("Branch or tag to check out for a repo site"),
  })
  .refine((site) => (site.path === undefined) !== (site.repo === undefined), {
    message: "a site needs exactly one of path or repo",
  });

export const federationConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1),
    netstack: z
      .string()
      .optional()
      .describe("How CI and site hooks install netstack: an npm install spec, e.g. a git URL with a release tag (git+https://…/netstack.git#v0.2.0)"),
    overlay: z
      .strictObject({
        kind: z.enum(["zerotier", "wireguard", "tailscale", "other"]),
        name: z.string().optional(),
        cidr: cidr.optional().describe("The overlay's address range; overlay IPs must sit inside it"),
      })
      .optional(),
    sites: z.array(federationSiteSchema),
    backup: z
      .strictObject({
        minOffsite: z.number().int().min(0).default(2),
        tiers: z.record(z.string(), z.number().int().min(0)).default({}),
        warnAge: duration.optional().describe(`A .backup-state older than this is late: a warning (default ${DEFAULT_WARN_AGE}, or maxAge when that is shorter)`),
        maxAge: duration.default(DEFAULT_MAX_AGE).describe("A .backup-state older than this is stale: `netstack status` exits 1"),
      })
      .refine((backup) => !isDuration(backup.warnAge) || !isDuration(backup.maxAge) || durationMs(backup.warnAge) <= durationMs(backup.maxAge), {
        message: "warnAge must not be longer than maxAge",
        path: ["warnAge"],
      })
      .default({ minOffsite: 2, tiers: {}, maxAge: DEFAULT_MAX_AGE }),
    rules: ruleSettings.optional(),
  })
  .describe("netstack federation.yaml");

export type FederationConfig = z.infer<typeof federationConfigSchema>;
export type FederationSite = z.infer<typeof federationSiteSchema>;
