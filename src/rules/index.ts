import type { Rule } from "./types.js";
import { missingColumn } from "./table/missing-column.js";
import { raggedRow } from "./table/ragged-row.js";
import { placeholder } from "./table/placeholder.js";
import { unrecognized } from "./table/unrecognized.js";
import { namelessRow } from "./table/nameless-row.js";
import { missingFile } from "./site/missing-file.js";
import { structure } from "./site/structure.js";
import { sourceConflict } from "./site/source-conflict.js";
import { duplicateName } from "./device/duplicate-name.js";
import { duplicateIp } from "./device/duplicate-ip.js";
import { duplicateMac } from "./device/duplicate-mac.js";
import { invalidIp } from "./device/invalid-ip.js";
import { invalidMac } from "./device/invalid-mac.js";
import { ipOutsideSubnet } from "./device/ip-outside-subnet.js";
import { unknownType } from "./device/unknown-type.js";
import { unknownHost } from "./device/unknown-host.js";
import { duplicateVmId } from "./device/duplicate-vm-id.js";
import { serviceUnknownHost } from "./service/unknown-host.js";
import { invalidPort } from "./service/invalid-port.js";
import { secret } from "./sensitive/secret.js";
import { exposedAddress } from "./sensitive/exposed-address.js";
import { gitignore } from "./sensitive/gitignore.js";
import { tracked } from "./sensitive/tracked.js";
import { visibility } from "./sensitive/visibility.js";
import { shareUnknownMachine } from "./share/unknown-machine.js";
import { unencryptedTransport } from "./share/unencrypted-transport.js";
import { mountConflict } from "./share/mount-conflict.js";
import { invalidMount } from "./share/invalid-mount.js";
import { backupUnknownSite } from "./backup/unknown-site.js";
import { noShare } from "./backup/no-share.js";
import { triangleGap } from "./backup/triangle-gap.js";
import { singlePointOfFailure } from "./backup/single-point-of-failure.js";
import { tierCoverage } from "./backup/tier-coverage.js";
import { duplicateSite } from "./federation/duplicate-site.js";
import { unknownSite } from "./federation/unknown-site.js";
import { invalidNetworkId } from "./federation/invalid-network-id.js";
import { invalidRole } from "./federation/invalid-role.js";
import { staleBackup } from "./status/stale-backup.js";
import { lateBackup } from "./status/late-backup.js";
import { undocumented } from "./drift/undocumented.js";
import { addressMismatch } from "./drift/address-mismatch.js";
import { retiredSeen } from "./drift/retired-seen.js";
import { notSeen } from "./drift/not-seen.js";
import { overlayUnknown } from "./drift/overlay-unknown.js";

/** Every rule, in the order of docs/rules.md. Adding a rule is adding its file and one line here. */
export const RULES: readonly Rule[] = [
  missingColumn,
  raggedRow,
  placeholder,
  unrecognized,
  namelessRow,
  missingFile,
  structure,
  sourceConflict,
  duplicateName,
  duplicateIp,
  duplicateMac,
  invalidIp,
  invalidMac,
  ipOutsideSubnet,
  unknownType,
  unknownHost,
  duplicateVmId,
  serviceUnknownHost,
  invalidPort,
  shareUnknownMachine,
  unencryptedTransport,
  mountConflict,
  invalidMount,
  backupUnknownSite,
  noShare,
  triangleGap,
  singlePointOfFailure,
  tierCoverage,
  secret,
  exposedAddress,
  gitignore,
  tracked,
  visibility,
  duplicateSite,
  unknownSite,
  invalidNetworkId,
  invalidRole,
  staleBackup,
  lateBackup,
  undocumented,
  addressMismatch,
  retiredSeen,
  notSeen,
  overlayUnknown,
];

/** The rules `netstack drift` runs: observations against the tables. */
export const DRIFT_RULES: readonly Rule[] = RULES.filter((r) => r.scope === "drift");

/**
 * Rules whose findings depend on more than a site's files: the clock and the backup job's state
 * (status/stale-backup), git's index (sensitive/tracked). The build cache never keeps their findings.
 */
export const VOLATILE_RULES: readonly Rule[] = [tracked, staleBackup, lateBackup];

/** Rule IDs reported by the engine itself rather than a rule file. */
export const ENGINE_RULE_IDS = ["federation/schema", "federation/site-unavailable", "site/unreadable-file", "drift/unreadable-observation"] as const;
