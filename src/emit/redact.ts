import { findAddresses } from "../rules/sensitive/addresses.js";
import { findCredentials } from "../rules/sensitive/credentials.js";

/** What a public page shows in place of an address or a credential. */
export const REDACTED = "‹redacted›";

/**
 * What each detector needs, so a text without it skips the detector (the answer is the same):
 * addresses need `.` (IPv4, dotted MACs), `:` (IPv6, MACs), `-` (MACs), `@` (e-mail) or 16 hex
 * digits in a row (network ids); credentials need `-` or `/` (`admin-…`, `root/…`), or `:` or
 * `=` with an `@` (`user:pass@host`) or a label (`pw: …`, `token=…`).
 */
const ADDRESS_MARK = /[.:\-@]/;
const NETWORK_ID_RUN = /[0-9a-f]{16}/i;
const PAIR_MARK = /[-/]/;
const LABEL_MARK = /[:=]/;
const LABEL_WORD = /pw|pass|secret|token|psk|api/i;

function mayHoldAddress(text: string): boolean {
  return ADDRESS_MARK.test(text) || (text.length >= 16 && NETWORK_ID_RUN.test(text));
}

function mayHoldCredential(text: string): boolean {
  return PAIR_MARK.test(text) || (LABEL_MARK.test(text) && (text.includes("@") || LABEL_WORD.test(text)));
}

/**
 * A text with every IP, MAC, overlay network id, e-mail address and written-out credential
 * replaced by ‹redacted›, found by the same detectors as the `sensitive/*` rules.
 */
export function redactText(text: string): string {
  const addresses = mayHoldAddress(text) ? findAddresses(text) : [];
  const credentials = mayHoldCredential(text) ? findCredentials(text) : [];
  if (addresses.length === 0 && credentials.length === 0) return text;
  const spans = [...addresses, ...credentials].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  for (const { start, end } of spans) {
    if (start < at) continue;
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/**
 * `redactText` with its answers kept per distinct text: an inventory repeats the same keys,
 * file names and words thousands of times. One per build, so nothing outlives it.
 */
export function redactor(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    if (!mayHoldAddress(text) && !mayHoldCredential(text)) return text;
    let out = seen.get(text);
    if (out === undefined) {
      out = redactText(text);
      seen.set(text, out);
    }
    return out;
  };
}

/** Applies `redactText` (or the given `redactor()`) to every string of a JSON-like value, keys included. */
export function redactDeep<T>(value: T, redact: (text: string) => string = redactor()): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact)) as T;
  if (value && typeof value === "object") {
    // A plain loop: Object.entries + fromEntries allocate two arrays per record of a large inventory.
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(source)) {
      const key = redact(k);
      const item = redactDeep(source[k], redact);
      if (key === "__proto__") Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
      else out[key] = item;
    }
    return out as T;
  }
  return value;
}
