import { findAddresses } from "../rules/sensitive/addresses.js";
import { findCredentials } from "../rules/sensitive/credentials.js";

/** What a public page shows in place of an address or a credential (SPEC §10). */
export const REDACTED = "‹redacted›";

/**
 * A text with every IP, MAC, overlay network id, e-mail address and written-out credential
 * replaced by ‹redacted›, found by the same detectors as the `sensitive/*` rules.
 */
export function redactText(text: string): string {
  const spans = [...findAddresses(text), ...findCredentials(text)].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  for (const { start, end } of spans) {
    if (start < at) continue;
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/** Applies `redactText` to every string of a JSON-like value, keys included. */
export function redactDeep<T>(value: T): T {
  if (typeof value === "string") return redactText(value) as T;
  if (Array.isArray(value)) return value.map(redactDeep) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k), redactDeep(v)])) as T;
  }
  return value;
}
