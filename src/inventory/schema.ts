import { z } from "zod";

/** Where a record was written: file relative to the site root, 1-based line and column of its row. */
export const sourceSchema = z.object({ file: z.string(), line: z.number().int(), column: z.number().int() });

const text = z.string().nullable();
const extra = z.record(z.string(), z.string());

export const deviceSchema = z.object({
  name: text,
  /** The name before a rename (`~~old~~ new`); the key is left out when there was none. */
  formerly: z.string().optional(),
  type: text,
  role: text,
  ip: text,
  mac: text,
  overlay: text,
  port: text,
  location: text,
  host: text,
  status: z.string(),
  group: text,
  notes: z.string(),
  link: text,
  extra,
  source: sourceSchema,
});

export const serviceSchema = z.object({
  name: text,
  host: text,
  port: z.number().int().nullable(),
  url: text,
  type: text,
  exposure: text,
  status: z.string(),
  group: text,
  notes: z.string(),
  extra,
  source: sourceSchema,
});

export const overlayMemberSchema = z.object({
  node: text,
  overlay: text,
  ip: text,
  type: text,
  status: z.string(),
  group: text,
  extra,
  source: sourceSchema,
});

/** A share mapping: `sourceHost` exports, `targetHost` mounts it (`source` is the record's position, as for every kind). */
export const shareSchema = z.object({
  sourceHost: text,
  targetHost: text,
  mount: text,
  purpose: text,
  transport: text,
  status: z.string(),
  group: text,
  extra,
  source: sourceSchema,
});

export const backupSchema = z.object({
  from: text,
  to: text,
  mode: text,
  tier: text,
  via: text,
  schedule: text,
  status: z.string(),
  group: text,
  extra,
  source: sourceSchema,
});

/** A cable run (`switch 1 to 2`, ports `sw1p4-sw2p5`): both ends and their ports. */
export const linkSchema = z.object({
  name: text,
  from: text,
  to: text,
  fromPort: text,
  toPort: text,
  location: text,
  status: z.string(),
  group: text,
  notes: z.string(),
  extra,
  source: sourceSchema,
});

export const networkSchema = z.object({
  subnet: text,
  gateway: text,
  dns: text,
  extra,
});

export const siteInventorySchema = z.object({
  code: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  subnet: z.string().nullable(),
  visibility: z.enum(["private", "public"]),
  network: networkSchema,
  devices: z.array(deviceSchema),
  services: z.array(serviceSchema),
  overlay: z.array(overlayMemberSchema),
  shares: z.array(shareSchema),
  backups: z.array(backupSchema),
  /** Cable runs; the key is left out when a site has none, so sites without them read as before. */
  links: z.array(linkSchema).optional(),
});

export const inventorySchema = z.object({
  federation: z.object({ name: z.string(), generatedFrom: z.string() }),
  sites: z.array(siteInventorySchema),
});

export type Source = z.infer<typeof sourceSchema>;
export type Device = z.infer<typeof deviceSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type OverlayMember = z.infer<typeof overlayMemberSchema>;
export type Share = z.infer<typeof shareSchema>;
export type Backup = z.infer<typeof backupSchema>;
export type Link = z.infer<typeof linkSchema>;
export type NetworkInfo = z.infer<typeof networkSchema>;
export type SiteInventory = z.infer<typeof siteInventorySchema>;
export type Inventory = z.infer<typeof inventorySchema>;
