import ipaddr from "ipaddr.js";
import { SITE_CODE } from "../config/site.js";
import { FatalError } from "../diagnostics.js";
import { parseIp } from "../inventory/cells.js";

/**
 * The answers a site is created from. They are kept in `site.yaml` (`template.answers`) and
 * `.netstack/state.json`, so `upgrade` never asks again. The gateway is a creation-time input
 * only: it seeds the tables and `ops/sensitive/hosts.yaml`, and an address must not be kept in
 * committed files of a public site.
 */
export interface SiteAnswers {
  code: string;
  name: string;
  role: string;
  /** CIDR, normalized to its network address. */
  subnet: string;
  visibility: "private" | "public";
  /** federation.yaml, relative to the site directory, when the site was registered in one. */
  federation: string | null;
}

export interface CreateInputs extends Partial<Omit<SiteAnswers, "code">> {
  code: string;
  gateway?: string | null;
}

export type QuestionKey = "name" | "role" | "subnet" | "gateway" | "visibility";

export interface Question {
  key: QuestionKey;
  flag: string;
  prompt: string;
  /** Asked for, or given as a flag, when there is no default. */
  required: boolean;
  default?: string;
  /** Returns the normalized value, or throws FatalError with the reason. */
  validate(value: string, answers: Partial<Record<QuestionKey, string>>): string;
}

export const VISIBILITIES = ["private", "public"] as const;

export function validateCode(code: string): string {
  if (!SITE_CODE.test(code)) throw new FatalError(`site code "${code}" must match ^[a-z][a-z0-9-]{1,15}$ (lowercase letter, then 1-15 letters, digits or -)`);
  return code;
}

function singleLine(label: string) {
  return (value: string) => {
    const v = value.trim();
    if (v === "") throw new FatalError(`${label} must not be empty`);
    if (/[\r\n]/.test(v)) throw new FatalError(`${label} must be one line`);
    return v;
  };
}

/** A CIDR whose host bits are zero: `192.168.9.0/24`, not `192.168.9.1/24`. */
export function validateSubnet(value: string): string {
  const v = value.trim();
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(v);
  } catch {
    throw new FatalError(`--subnet "${v}" is not a CIDR such as 192.168.9.0/24`);
  }
  const [address, bits] = parsed;
  const network = address.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(v) : ipaddr.IPv6.networkAddressFromCIDR(v);
  const normalized = `${network.toString()}/${bits}`;
  if (network.toString() !== address.toString()) {
    throw new FatalError(`--subnet "${v}" has host bits set; did you mean ${normalized}?`);
  }
  return normalized;
}

/** An address inside `subnet` that is neither its network nor its broadcast address. */
export function validateHostAddress(value: string, subnet: string | null, flag: string): string {
  const ip = parseIp(value);
  if (!ip) throw new FatalError(`${flag} "${value.trim()}" is not an IP address`);
  if (subnet) {
    const range = ipaddr.parseCIDR(subnet);
    const address = ipaddr.parse(ip);
    if (address.kind() !== range[0].kind() || !address.match(range)) throw new FatalError(`${flag} ${ip} is outside the subnet ${subnet}`);
    if (address.kind() === "ipv4" && range[1] < 31) {
      const network = ipaddr.IPv4.networkAddressFromCIDR(subnet).toString();
      const broadcast = ipaddr.IPv4.broadcastAddressFromCIDR(subnet).toString();
      if (ip === network || ip === broadcast) throw new FatalError(`${flag} ${ip} is the ${ip === network ? "network" : "broadcast"} address of ${subnet}`);
    }
  }
  return ip;
}

export const QUESTIONS: readonly Question[] = [
  { key: "name", flag: "--name", prompt: "Site name (e.g. Cedar Falls)", required: true, validate: singleLine("--name") },
  { key: "role", flag: "--role", prompt: "Role in the federation (e.g. primary, backup, failover)", required: true, validate: singleLine("--role") },
  { key: "subnet", flag: "--subnet", prompt: "LAN subnet (CIDR, e.g. 192.168.9.0/24)", required: true, validate: validateSubnet },
  {
    key: "gateway",
    flag: "--gateway",
    prompt: "Gateway address (empty for none)",
    required: false,
    default: "",
    validate: (value, answers) => (value.trim() === "" ? "" : validateHostAddress(value, answers.subnet ?? null, "--gateway")),
  },
  {
    key: "visibility",
    flag: "--visibility",
    prompt: "Visibility of the repo (private or public)",
    required: false,
    default: "private",
    validate: (value) => {
      const v = value.trim();
      if (!(VISIBILITIES as readonly string[]).includes(v)) throw new FatalError(`--visibility must be one of private, public (got "${v}")`);
      return v;
    },
  },
];

/** Asks one question (saying what was wrong with the last reply, if anything); returns the raw reply. */
export type Ask = (question: Question, problem?: string) => Promise<string>;

export interface ResolvedAnswers {
  answers: Omit<SiteAnswers, "federation">;
  gateway: string | null;
}

/**
 * Fills the answers from the flags, asking for the rest when `ask` is given (interactive).
 * Without it, every missing required answer is listed in one error.
 */
export async function resolveAnswers(code: string, given: Partial<Record<QuestionKey, string>>, ask?: Ask): Promise<ResolvedAnswers> {
  validateCode(code);
  const values: Partial<Record<QuestionKey, string>> = {};
  const missing = QUESTIONS.filter((q) => q.required && given[q.key] === undefined);
  if (!ask && missing.length > 0) {
    throw new FatalError(
      `create-site: missing ${missing.map((q) => q.flag).join(", ")} (give ${missing.length === 1 ? "it" : "them"} as flags, or run in a terminal without --yes to be asked)`,
    );
  }
  for (const question of QUESTIONS) {
    const flagValue = given[question.key];
    if (flagValue !== undefined) {
      values[question.key] = question.validate(flagValue, values);
      continue;
    }
    if (!ask) {
      values[question.key] = question.validate(question.default ?? "", values);
      continue;
    }
    // Ask until the reply is valid; an empty reply takes the default.
    let problem: string | undefined;
    for (;;) {
      const reply = (await ask(question, problem)).trim();
      const value = reply === "" && question.default !== undefined ? question.default : reply;
      try {
        values[question.key] = question.validate(value, values);
        break;
      } catch (error) {
        if (!(error instanceof FatalError)) throw error;
        problem = error.message;
      }
    }
  }
  return {
    answers: {
      code,
      name: values.name!,
      role: values.role!,
      subnet: values.subnet!,
      visibility: values.visibility as SiteAnswers["visibility"],
    },
    gateway: values.gateway ? values.gateway : null,
  };
}
