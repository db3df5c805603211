import { DEFAULT_PASSWORDS, NON_VALUES, REFERENCE, STOP_WORDS } from "./vocabulary.js";

/**
 * What a candidate value looks like, as features the detector scores: character classes,
 * password symbols, length, randomness; and the shapes that are never a secret (known
 * non-secrets): references, placeholders, masked values, code, paths, URLs, addresses,
 * versions, dates, ids, hashes, key names, public keys.
 */

/** Characters people put in passwords and rarely anywhere else in a word. */
const PASSWORD_SYMBOL = /[!#$%^&*?~+=@]/;

export interface ValueContext {
  /** A column, key or label says the value is a secret: plain words, digits and hex count. */
  strong: boolean;
}

/** Why a value is not a secret whatever its context, or null. */
export function notASecret(value: string, context: ValueContext): string | null {
  const v = value.trim();
  if (v.length < 3) return "too short";
  const lower = v.toLowerCase();
  if (NON_VALUES.has(lower)) return "says nothing";
  if (REFERENCE.test(v)) return "points at where the secret lives";
  if (MASKED.test(v)) return "already masked";
  if (PLACEHOLDER.test(v)) return "a placeholder";
  if (CODE.test(v)) return "code that reads the secret";
  if (PATH.test(v) || FILE_NAME.test(v)) return "a path";
  if (URL.test(v) || v.includes("://")) return "a URL";
  if (EMAIL_OR_TARGET.test(v)) return "an account or address";
  if (ADDRESS.test(v)) return "an address";
  if (HOSTNAME.test(v)) return "a host name";
  if (VERSION.test(v) || DATE_TIME.test(v) || MEASURE.test(v)) return "a version, date or size";
  if (UUID.test(v)) return "an id";
  if (HASH_PREFIX.test(v) || CRYPT_HASH.test(v)) return "a hash";
  if (KEY_NAME.test(v) || PUBLIC_KEY.test(v)) return "a key name or public key";
  if (KEYBOARD.test(v)) return "a key combination";
  if (KEY_PATH.test(v)) return "a key path";
  if (STRFTIME.test(v)) return "a date format";
  if (/^--?[A-Za-z][\w-]*$/.test(v) || v.startsWith("//")) return "a command-line option";
  if (STOP_WORDS.has(lower)) return "a word of a sentence";
  if (!context.strong) {
    if (/^\d+$/.test(v)) return "a number";
    if (HEX.test(v)) return "a hex id";
  }
  if (!context.strong && !/[\p{L}\p{N}]/u.test(v)) return "no letter or digit";
  return null;
}

const MASKED = /^[*•●·x#.?_-]{3,}$|x{3,}|X{3,}|\?{2,}|\*{3,}|•{2,}|●{2,}|…|\.\.\.|<hidden>|\[hidden\]/;
const PLACEHOLDER =
  /^<[^<>]*>$|^\[[^\]]*\]$|^\{[^}]*\}$|\{\{.*\}\}|\{%.*%\}|\$\{[^}]*\}?|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][\w]*%$|^@@?\w+@@?$|^__\w+__$|^(?:your|my|enter|insert|put|the|new|some)[-_ ]?(?:own[-_ ]?)?(?:password|passwd|pass|pw|secret|token|key|api[-_]?key|pin)\w*$|^(?:password|passwd|secret|token)\d?$|^ENC\[|^!vault|^vault:|^\{cipher\}|^[|>][-+]?\d?$|^(?:changethis|changeit|change[-_]?me[-_]?please|replace[-_]?me|example|sample|dummy|placeholder|redacted|secret[-_]?here|xxx+)$/i;
const CODE =
  /^\$\(|^`|^\$(?:env:|\{|[A-Za-z_])|\b[A-Za-z_][\w.]*\(|^(?:Get|Read|ConvertTo|ConvertFrom|New|Import|Export|Set)-[A-Z]|^(?:os\.environ|process\.env|ENV\[|getenv|env\.|secrets\.|vars\.|var\.|local\.|data\.|module\.)|^!(?:unsafe|Ref|Sub|GetAtt|secret|env|include)\b|^lookup\b|^\(|^@\{|^\[System\./i;
const PATH = /^(?:~|\.{1,2})?\/[\w.\-/@%+]*$|^[A-Za-z]:\\|^\\\\|^file:/i;
const FILE_NAME = /^[\w.\-/]+\.(?:txt|pem|key|crt|cer|csr|pub|ya?ml|json|env|kdbx|kdb|gpg|asc|age|conf|cfg|ini|md|sh|ps1|p12|pfx|jks|keystore|der|ppk|ovpn|toml|xml|secret|secrets|log)$/i;
const URL = /^[a-z][a-z0-9+.-]*:\/\/(?![^/\s]*:[^/\s]*@)|^www\./i;
/** `wren@host`, `ops@10.0.0.5:/srv`, `bob@example.org`: lowercase accounts at a host, not `P@ssw0rd` or `admin@123`. */
const EMAIL_OR_TARGET = /^[a-z0-9._+-]+@(?:[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*|\d{1,3}(?:\.\d{1,3}){3})(?::[\w/.~-]*)?$/;
const ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?(?::\d+)?|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:\/\d{1,3})?|(?:[0-9a-f]{1,2}[:-]){5}[0-9a-f]{1,2}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})$/i;
const HOSTNAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:[a-z]{2,24}|lan|local|home|internal|arpa)(?::\d+)?$/;
const VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+~._][\w.+~-]*)?$|^[A-Za-z][\w-]*[-_ ]v?\d+(?:\.\d+){1,3}[\w.-]*$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$|^\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]m)?$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/i;
const MEASURE = /^\d+(?:[.,]\d+)?\s?(?:[kmgtp]i?b|[kmgtp]|bps|[kmg]bit|hz|[kmg]hz|w|kw|v|ms|s|sec|min|h|hrs?|d|days?|x|%|rpm|tb|gb|mb)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^(?:0x)?[0-9a-f]{6,}$/i;
const HASH_PREFIX = /^(?:sha(?:1|224|256|384|512)|md5|blake2b?|sha3-\d+)[:-]/i;
const CRYPT_HASH = /^\$(?:1|2[abxy]?|5|6|y|gy|7|apr1|argon2(?:id|i|d)?|pbkdf2[-\w]*|scrypt|sha1|md5)\$|^\{(?:SSHA|SHA|CRYPT|SSHA256|SSHA512|MD5|SMD5|PBKDF2[-\w]*)\}/i;
const KEY_NAME = /^(?:id_(?:rsa|dsa|ecdsa|ed25519)[\w.-]*|[\w.-]+\.pub|authorized_keys|known_hosts|ssh_host_\w+)$/i;
const PUBLIC_KEY = /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-[\w-]+|sk-ssh-[\w@.-]+|sk-ecdsa-[\w@.-]+)(?:\s|$)|^AAAA(?:B3NzaC1|C3NzaC1|E2VjZHNh|C1lZDI1)/;
/** `+%Y%m%dT%H%M%SZ`, `%F_%T`: a date or printf format, two or more conversions. */
const STRFTIME = /^\+?[^%\s]{0,3}(?:%[-_0^#]?[A-Za-z][^%\s]{0,3}){2,}$/;
/** `devices[0].hostname`, `compute.vms[2].id`: a path into a config file, as schema messages name keys. */
const KEY_PATH = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\[\d+\](?:\[\d+\]|\.[A-Za-z_]\w*)*$/;
const KEYBOARD = /^(?:ctrl|control|alt|shift|win|cmd|command|super|meta|fn|option)\+/i;

export interface CharClasses {
  lower: boolean;
  upper: boolean;
  digit: boolean;
  symbol: boolean;
  count: number;
}

export function charClasses(value: string): CharClasses {
  let lower = false;
  let upper = false;
  let digit = false;
  let symbol = false;
  for (const ch of value) {
    if (ch >= "a" && ch <= "z") lower = true;
    else if (ch >= "A" && ch <= "Z") upper = true;
    else if (ch >= "0" && ch <= "9") digit = true;
    else if (/\p{Ll}/u.test(ch)) lower = true;
    else if (/\p{Lu}/u.test(ch)) upper = true;
    else if (/\p{L}/u.test(ch)) lower = true;
    else if (!/\s/.test(ch)) symbol = true;
  }
  return { lower, upper, digit, symbol, count: Number(lower) + Number(upper) + Number(digit) + Number(symbol) };
}

export function hasPasswordSymbol(value: string): boolean {
  return PASSWORD_SYMBOL.test(value);
}

/** Shannon entropy in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Words and digits joined by `-`, `_` or `.` only: product names, host names, key names (`x86-64-v2-AES`). */
const IDENTIFIER = /^[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)+$/u;

const CLASS_SCORE = [0, 0, 0.3, 0.6, 0.9];

/**
 * How much a value looks like a password or key, about 0 (a plain word) to 1.6 (a long random
 * mix of every class): the detector adds it to what the context says.
 */
export function shapeScore(value: string, context: ValueContext): number {
  const classes = charClasses(value);
  let score = CLASS_SCORE[classes.count]!;
  if (hasPasswordSymbol(value)) score += 0.2;
  if (value.length >= 8) score += 0.1;
  if (!context.strong && value.length <= 5) score -= 0.3;
  if (IDENTIFIER.test(value) && !hasPasswordSymbol(value)) score -= 0.4;
  if (value.length >= 16 && classes.count >= 3 && entropy(value) >= 3.5) score += 0.4;
  if (DEFAULT_PASSWORDS.has(value.toLowerCase())) score += 0.5;
  return score;
}
