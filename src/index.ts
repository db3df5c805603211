/** netstack's public library API; the CLI is a thin shell over it. */
export type { Diagnostic, Edit, Fix, Severity } from "./diagnostics.js";
export { FatalError } from "./diagnostics.js";
export { parseMarkdown } from "./markdown/index.js";
export type { Cell, MarkdownDoc, Row, Table } from "./markdown/types.js";
export { siteConfigSchema, type SiteConfig } from "./config/site.js";
export { federationConfigSchema, type FederationConfig } from "./config/federation.js";
export { findSiteRoot, loadSite, type SiteModel, type Entry, type SourceFile } from "./inventory/site.js";
export type { Device, Service, OverlayMember, Share, Backup, SiteInventory, Inventory } from "./inventory/schema.js";
export { loadFederation, loadTarget, loadLoneSite, type Federation, type Progress, type LoadFederationOptions } from "./federation/load.js";
export { check, type CheckOptions, type CheckResult } from "./check.js";
export { drift, type DriftOptions, type DriftResult } from "./drift.js";
export { parseObservation, readObservationFile, type ReadObservationOptions } from "./observe/read.js";
export { readHistory, recordSightings, OBSERVED_DIR } from "./observe/history.js";
export { macVendor } from "./observe/oui.js";
export type { Observation, ObservationFormat, ObservationProblem, Sighting, OverlaySighting } from "./observe/types.js";
export { readDriftState, type DriftState } from "./status/drift-state.js";
export { toInventory, siteInventory, inventoryJson, inventoryYaml } from "./emit/inventory.js";
export {
  ansibleJson,
  ansibleYaml,
  ansibleModel,
  netboxCsv,
  inventoryCsv,
  EXPORTERS,
  EXPORT_FORMATS,
  CSV_KIND_NAMES,
  NETBOX_COLUMNS,
  NETBOX_DEFAULTS,
  siteConfigYml,
  siteConfigYmls,
  type ExportFormat,
  type CsvKind,
} from "./emit/exports/index.js";
export { jsonSchemas } from "./emit/exports/json-schemas.js";
export { createSite, addNode, addNodeProcedure, upgradeSite, loadTemplateSet, adopt } from "./scaffold/index.js";
export type { CreateSiteOptions, CreateSiteResult, AddNodeOptions, AddNodeResult, UpgradeOptions, UpgradeResult, SiteAnswers, AdoptOptions, AdoptResult } from "./scaffold/index.js";
export { tableReports, formatTableReports, type TableReport } from "./inventory/tables-report.js";
export {
  formatAge,
  statusLine,
  parseBackupState,
  readBackupState,
  judgeBackup,
  backupSummary,
  type BackupState,
  type BackupStateForm,
  type BackupLevel,
  type BackupVerdict,
  type FreshnessLimits,
} from "./status/format.js";
export { resolveFreshness, type Freshness } from "./status/freshness.js";
export { siteBackupStatus, FAILING_HEALTH, type SiteBackupStatus, type BackupHealth } from "./status/site-status.js";
export { readSiteConfigYml, SITE_CONFIG_YML, type SiteConfigYmlSource } from "./inventory/site-config-yml.js";
export { siteConfigYmlSchema, type SiteConfigYml } from "./config/site-config-yml.js";
export { buildSite, buildDocs, updateSiteNav, runMkdocs, type BuildSiteOptions, type BuildSiteResult, type DocsInput, type DocsOptions } from "./emit/mkdocs/index.js";
export { writeTree, type OutputTree } from "./emit/output.js";
export { findSecrets, tableSecrets, classifyHeader, THRESHOLD as SECRET_THRESHOLD, type SecretFinding } from "./sensitive/detector.js";
export { mask, maskSecret, redactUrlCredentials } from "./sensitive/mask.js";
export { maskInventorySecrets, dropSecretColumns } from "./emit/secrets.js";
