/** netstack's public library API; the CLI is a thin shell over it. */
export type { Diagnostic, Edit, Fix, Severity } from "./diagnostics.js";
export { FatalError } from "./diagnostics.js";
export { parseMarkdown } from "./markdown/index.js";
export type { Cell, MarkdownDoc, Row, Table } from "./markdown/types.js";
export { siteConfigSchema, type SiteConfig } from "./config/site.js";
export { federationConfigSchema, type FederationConfig } from "./config/federation.js";
export { findSiteRoot, loadSite, type SiteModel, type Entry, type SourceFile } from "./inventory/site.js";
export type { Device, Service, OverlayMember, Share, Backup, SiteInventory, Inventory } from "./inventory/schema.js";
