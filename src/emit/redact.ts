import { findAddresses, isWholeAddress, mayHoldAddress } from "../rules/sensitive/addresses.js";
import { findSecrets, mayHoldSecret } from "../sensitive/detector.js";
import { mask } from "../sensitive/mask.js";

/** What a public page shows in place of an address or a credential. */
export const REDACTED = "‹redacted›";

/**
 * A text with every IP, MAC, overlay network id, e-mail address and secret (by the one detector)
 * replaced by ‹redacted›: what public output shows.
 */
export function redactText(text: string): string {
  // Replaced whole, whatever else the scans would find inside it.
  if (isWholeAddress(text) === true) return REDACTED;
  return redactByScan(text);
}

/** `redactText` by the address and secret scans alone: the reference its shortcut is tested against. */
export function redactByScan(text: string): string {
  const addresses = mayHoldAddress(text) ? findAddresses(text, { loose: true }) : [];
  const secrets = mayHoldSecret(text) ? findSecrets(text) : [];
  if (addresses.length === 0 && secrets.length === 0) return text;
  const spans = [...addresses, ...secrets].sort((a, b) => a.start - b.start || b.end - a.end);
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
 * Texts remembered at most, then forgotten all at once: the repeated ones (statuses, types, file
 * names) are back within a few records, while a map of every distinct text of a 100-site
 * inventory (a million names and notes) cost more to grow and search than the tests it saved
 * (redacting 100 sites × 1,000 rows: ~640 → ~500 ms).
 */
const REMEMBERED = 8192;

/**
 * Memoized per distinct text: an inventory repeats the same keys, file names and words thousands
 * of times, and the tests that let a text through unchanged cost more than the lookup. `skip`
 * answers first, and is not kept, for what is always distinct (whole IPs and MACs).
 */
function memoized(fn: (text: string) => string, worth: (text: string) => boolean, skip?: (text: string) => string | undefined): (text: string) => string {
  let seen = new Map<string, string>();
  return (text) => {
    let out = seen.get(text);
    if (out !== undefined) return out;
    out = skip?.(text);
    if (out !== undefined) return out;
    out = worth(text) ? fn(text) : text;
    if (seen.size >= REMEMBERED) seen = new Map();
    seen.set(text, out);
    return out;
  };
}

/** `redactText`, memoized: one per build, so nothing outlives it. */
export function redactor(): (text: string) => string {
  return memoized(
    redactByScan,
    (text) => mayHoldAddress(text) || mayHoldSecret(text),
    (text) => (isWholeAddress(text) === true ? REDACTED : undefined),
  );
}

/** `mask` (secrets masked, addresses kept), memoized: for exports and private pages. */
export function masker(): (text: string) => string {
  return memoized(mask, mayHoldSecret);
}

/** Applies `redactText` (or the given `redactor()`) to every string of a JSON-like value, keys included. */
export function redactDeep<T>(value: T, redact: (text: string) => string = redactor()): T {
  return redactWith(value, redact, new Map());
}

/** `redactDeep` with its keys' answers kept in `keys`: a large inventory has a million keys but a few dozen distinct ones. */
function redactWith<T>(value: T, redact: (text: string) => string, keys: Map<string, string>): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactWith(item, redact, keys)) as T;
  if (value && typeof value === "object") {
    // A plain loop: Object.entries + fromEntries allocate two arrays per record of a large inventory.
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(source)) {
      let key = keys.get(k);
      if (key === undefined) keys.set(k, (key = redact(k)));
      const item = redactWith(source[k], redact, keys);
      if (key === "__proto__") Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
      else out[key] = item;
    }
    return out as T;
  }
  return value;
}
