import type { Rule } from "./types.js";
import { missingColumn } from "./table/missing-column.js";
import { raggedRow } from "./table/ragged-row.js";
import { placeholder } from "./table/placeholder.js";
import { unrecognized } from "./table/unrecognized.js";
import { missingFile } from "./site/missing-file.js";
import { structure } from "./site/structure.js";
import { duplicateName } from "./device/duplicate-name.js";
import { duplicateIp } from "./device/duplicate-ip.js";
import { duplicateMac } from "./device/duplicate-mac.js";
import { invalidIp } from "./device/invalid-ip.js";
import { invalidMac } from "./device/invalid-mac.js";
import { ipOutsideSubnet } from "./device/ip-outside-subnet.js";
import { unknownType } from "./device/unknown-type.js";
import { unknownHost } from "./device/unknown-host.js";
import { serviceUnknownHost } from "./service/unknown-host.js";
import { invalidPort } from "./service/invalid-port.js";

/** Every rule, in the order of SPEC §6. Adding a rule is adding its file and one line here. */
export const RULES: readonly Rule[] = [
  missingColumn,
  raggedRow,
  placeholder,
  unrecognized,
  missingFile,
  structure,
  duplicateName,
  duplicateIp,
  duplicateMac,
  invalidIp,
  invalidMac,
  ipOutsideSubnet,
  unknownType,
  unknownHost,
  serviceUnknownHost,
  invalidPort,
];

/** Rule IDs reported by the engine itself rather than a rule file. */
export const ENGINE_RULE_IDS = ["federation/schema"] as const;
