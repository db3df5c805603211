import { inventoryJson, inventoryYaml } from "../inventory.js";
import type { Inventory } from "../../inventory/schema.js";
import { ansibleJson } from "./ansible.js";
import { ansibleYaml } from "./ansible-yaml.js";
import { netboxCsv } from "./netbox.js";

export { ansibleJson, ansibleModel, groupName, type AnsibleModel } from "./ansible.js";
export { ansibleYaml } from "./ansible-yaml.js";
export { netboxCsv, NETBOX_COLUMNS, NETBOX_DEFAULTS, STATUS as NETBOX_STATUS } from "./netbox.js";
export { inventoryCsv, CSV_KINDS, CSV_KIND_NAMES, type CsvKind } from "./csv.js";
export { siteConfigYml, siteConfigYmls } from "./site-config.js";

/** The single-document exporters by `--format` name (csv writes one document per kind: see csv.ts). */
export const EXPORTERS = {
  json: inventoryJson,
  yaml: inventoryYaml,
  ansible: ansibleJson,
  "ansible-yaml": ansibleYaml,
  netbox: netboxCsv,
} satisfies Record<string, (inventory: Inventory) => string>;

/** csv and site-config may write one document per kind or per site (see the inventory command). */
export type ExportFormat = keyof typeof EXPORTERS | "csv" | "site-config";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["json", "yaml", "csv", "ansible", "ansible-yaml", "netbox", "site-config"];
