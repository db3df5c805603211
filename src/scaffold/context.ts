import ipaddr from "ipaddr.js";
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_MAX_AGE, DEFAULT_WARN_AGE, durationMs, federationConfigSchema } from "../config/federation.js";
import { SITE_CODE } from "../config/site.js";
import { loadYamlConfig } from "../config/yaml-config.js";
import { FatalError } from "../diagnostics.js";
import type { SiteModel } from "../inventory/site.js";
import { isActiveStatus } from "../inventory/row-shapes.js";
import { VERSION } from "../version.js";
import { placeholderInstallSpec } from "./install-spec.js";
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
  /** How generated files install netstack (see install-spec.ts); the placeholder when absent. */
  installSpec?: string;
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

/** What an environment variable name of check-services.sh may be. */
const ENV_VAR = /^NETSTACK_HOST_[A-Z0-9_]+$/;
/** Control characters (newlines included): never in a name, role or path that a generated file carries. */
const CONTROL = /[\0-\x1f\x7f-\x9f]/;

/**
 * The templates print some values bare (the site code in shell comments, ports, variable names,
 * hours): each is checked against its own pattern here, wherever it came from (flags, site.yaml,
 * .netstack/state.json, the services table), so a value holding a newline or a quote can never
 * become a line of a generated script. The rest go through a quoting helper (shq, yaml, cell, md)
 * and must still be one line of text.
 */
export function checkRenderInputs(inputs: RenderInputs): void {
  const { answers } = inputs;
  const bad = (what: string, value: unknown) => {
    throw new FatalError(`${what} ${JSON.stringify(value)} is not valid for a generated file; fix it in site.yaml or .netstack/state.json`);
  };
  if (!SITE_CODE.test(answers.code)) bad("site code", answers.code);
  for (const peer of inputs.peers) if (!SITE_CODE.test(peer)) bad("federation site code", peer);
  for (const [what, value] of [["name", answers.name], ["role", answers.role], ["subnet", answers.subnet], ["federation", answers.federation ?? ""], ["gateway", inputs.gateway ?? ""]] as const) {
    if (CONTROL.test(value)) bad(what, value);
  }
  if (!Number.isInteger(inputs.maxAgeHours) || inputs.maxAgeHours < 1) bad("backup maxAge (hours)", inputs.maxAgeHours);
  for (const service of inputs.services) {
    if (!Number.isInteger(service.port) || service.port < 1 || service.port > 65535) bad(`port of service ${service.name}`, service.port);
    if (!ENV_VAR.test(service.envVar)) bad(`variable of host ${service.host}`, service.envVar);
    if (CONTROL.test(service.name) || CONTROL.test(service.host)) bad("service", `${service.name} ${service.host}`);
  }
}

/** The 10th address of an IPv4 subnet (`192.168.9.10`), for example rows; empty otherwise. */
function exampleHost(subnet: string): string {
  try {
    const [network, bits] = ipaddr.parseCIDR(subnet);
    if (network.kind() !== "ipv4" || bits > 28) return "";
    const octets = (network as ipaddr.IPv4).octets.slice();
    octets[3] = octets[3]! + 10;
    return octets.join(".");
  } catch {
    return "";
  }
}

/** The object the Handlebars templates see; every key is always present (strict mode). Inputs are checked first. */
export function renderContext(inputs: RenderInputs): Record<string, unknown> {
  checkRenderInputs(inputs);
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
    // For the commented example rows of the tables: another site, and an address of this one.
    examplePeer: inputs.peers[0] ?? "hq",
    exampleHost: exampleHost(answers.subnet),
    services: inputs.services,
    peers: inputs.peers,
    warnAgeHours: Math.min(inputs.warnAgeHours, inputs.maxAgeHours),
    maxAgeHours: inputs.maxAgeHours,
    templateVersion: inputs.templateVersion,
    installSpec: inputs.installSpec ?? placeholderInstallSpec(),
    netstackVersion: VERSION,
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
  /** `netstack:`, the install spec of the federation's tooling, when set. */
  installSpec: string | null;
}

/** What a site's scripts need from federation.yaml; null when the file is gone or unusable. */
export function readFederationFacts(file: string): FederationFacts | null {
  if (!existsSync(file)) return null;
  const loaded = loadYamlConfig(file, federationConfigSchema);
  const data = (loaded.data ?? {}) as { sites?: unknown; backup?: { warnAge?: unknown; maxAge?: unknown }; netstack?: unknown };
  const codes = Array.isArray(data.sites)
    ? data.sites.flatMap((s) => (s && typeof s === "object" && typeof (s as { code?: unknown }).code === "string" ? [(s as { code: string }).code] : []))
    : [];
  const hours = (value: unknown, fallback: number) => (typeof value === "string" && /^\d+(s|m|h|d|w)$/.test(value) ? hoursOf(value) : fallback);
  const maxAgeHours = hours(data.backup?.maxAge, DEFAULT_MAX_AGE_HOURS);
  return {
    codes,
    warnAgeHours: Math.min(hours(data.backup?.warnAge, DEFAULT_WARN_AGE_HOURS), maxAgeHours),
    maxAgeHours,
    installSpec: typeof data.netstack === "string" && data.netstack.trim() ? data.netstack.trim() : null,
  };
}

/** The federation file a site's answers point at, resolved from the site directory. */
export function federationFileOf(siteRoot: string, answers: SiteAnswers): string | null {
  return answers.federation ? path.resolve(siteRoot, answers.federation) : null;
}
