import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_MAX_AGE, DEFAULT_WARN_AGE, durationMs, federationConfigSchema } from "../config/federation.js";
import { loadYamlConfig } from "../config/yaml-config.js";
import type { SiteModel } from "../inventory/site.js";
import { isActiveStatus } from "../inventory/row-shapes.js";
import { VERSION } from "../version.js";
import type { SiteAnswers } from "./answers.js";

/** A service `check-services.sh` checks: names only; addresses are looked up at run time. */
export interface MonitoredService {
  name: string;
  host: string;
  port: number;
  /** The environment variable that may hold the host's address. */
  envVar: string;
}

/** Everything a site render depends on besides the templates themselves. */
export interface RenderInputs {
  answers: SiteAnswers;
  /** Creation-time only (see SiteAnswers). */
  gateway: string | null;
  services: MonitoredService[];
  /** Codes of the other sites of the federation. */
  peers: string[];
  /** check-backup-state.sh's defaults: late after warnAgeHours, stale after maxAgeHours. */
  warnAgeHours: number;
  maxAgeHours: number;
  templateVersion: string;
  netstackVersion?: string;
}

/** Whole hours of a duration, at least one (the shell script counts hours). */
function hoursOf(duration: string): number {
  return Math.max(1, Math.ceil(durationMs(duration) / 3_600_000));
}

export const DEFAULT_WARN_AGE_HOURS = hoursOf(DEFAULT_WARN_AGE);
export const DEFAULT_MAX_AGE_HOURS = hoursOf(DEFAULT_MAX_AGE);

/** `NETSTACK_HOST_NAS_1` for host `nas-1`: upper case, anything else as `_`. */
export function hostEnvVar(host: string): string {
  return `NETSTACK_HOST_${host.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** The device name of the gateway row create-site writes. */
export function gatewayName(code: string): string {
  return `${code}-gw`;
}

/** The object the Handlebars templates see; every key is always present (strict mode). */
export function renderContext(inputs: RenderInputs): Record<string, unknown> {
  const { answers } = inputs;
  return {
    code: answers.code,
    name: answers.name,
    role: answers.role,
    subnet: answers.subnet,
    visibility: answers.visibility,
    federation: answers.federation ?? "",
    public: answers.visibility === "public",
    gateway: inputs.gateway ?? "",
    gatewayName: gatewayName(answers.code),
    services: inputs.services,
    peers: inputs.peers,
    warnAgeHours: Math.min(inputs.warnAgeHours, inputs.maxAgeHours),
    maxAgeHours: inputs.maxAgeHours,
    templateVersion: inputs.templateVersion,
    netstackVersion: inputs.netstackVersion ?? VERSION,
  };
}

const SCHEME_PORTS: Record<string, number> = { "http:": 80, "https:": 443, "ssh:": 22, "ftp:": 21, "smb:": 445 };

/** The port a URL points at: its explicit port, else its scheme's. */
function urlPort(url: string | null): number | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.port ? Number(parsed.port) : (SCHEME_PORTS[parsed.protocol] ?? null);
  } catch {
    return null;
  }
}

/** Active services that name a host and a port (or a URL that implies one), in table order. */
export function monitoredServices(site: SiteModel): MonitoredService[] {
  const out: MonitoredService[] = [];
  for (const { record } of site.services) {
    if (!isActiveStatus(record.status) || !record.name || !record.host) continue;
    const port = record.port ?? urlPort(record.url);
    if (port === null) continue;
    out.push({ name: record.name, host: record.host, port, envVar: hostEnvVar(record.host) });
  }
  return out;
}

export interface FederationFacts {
  /** Codes of every site in the file, in order. */
  codes: string[];
  warnAgeHours: number;
  maxAgeHours: number;
}

/** What a site's scripts need from federation.yaml; null when the file is gone or unusable. */
export function readFederationFacts(file: string): FederationFacts | null {
  if (!existsSync(file)) return null;
  const loaded = loadYamlConfig(file, federationConfigSchema);
  const data = (loaded.data ?? {}) as { sites?: unknown; backup?: { warnAge?: unknown; maxAge?: unknown } };
  const codes = Array.isArray(data.sites)
    ? data.sites.flatMap((s) => (s && typeof s === "object" && typeof (s as { code?: unknown }).code === "string" ? [(s as { code: string }).code] : []))
    : [];
  const hours = (value: unknown, fallback: number) => (typeof value === "string" && /^\d+(s|m|h|d|w)$/.test(value) ? hoursOf(value) : fallback);
  const maxAgeHours = hours(data.backup?.maxAge, DEFAULT_MAX_AGE_HOURS);
  return { codes, warnAgeHours: Math.min(hours(data.backup?.warnAge, DEFAULT_WARN_AGE_HOURS), maxAgeHours), maxAgeHours };
}

/** The federation file a site's answers point at, resolved from the site directory. */
export function federationFileOf(siteRoot: string, answers: SiteAnswers): string | null {
  return answers.federation ? path.resolve(siteRoot, answers.federation) : null;
}
