import { headerKey } from "../../inventory/kinds.js";

/** A credential found in a text, by offsets into it. `secret` is what must never be printed. */
export interface CredentialMatch {
  /** `userinfo` pinpoints the password of a URL, which secretlint reports as the whole URL. */
  kind: "userinfo" | "pair" | "labelled";
  what: string;
  start: number;
  end: number;
  secret: string;
}

/** Header words that make a column a password column: `pw`, `admin password`, `API key`, `wifi key`. */
const SECRET_WORDS = ["pw", "pwd", "pass", "password", "passwd", "passphrase", "secret", "token", "api key", "key", "psk"];
/** The last word of the header (`root pw`, `WiFi key`, `API-Key`), or the whole header run together (`API_KEY`). */
const SECRET_HEADER = new RegExp(`(^|\\W)(${SECRET_WORDS.map((w) => w.replace(" ", "\\W?")).join("|")})s?$`, "i");
const SECRET_KEYS = new Set(SECRET_WORDS.map(headerKey));

/**
 * A header naming a password column. A bare `Key` is the key column of a key/value table, not
 * a secret, when the table also has a `Value` column.
 */
export function isSecretHeader(header: string, siblings: readonly string[]): boolean {
  const text = header.trim();
  if (!SECRET_HEADER.test(text) && !SECRET_KEYS.has(headerKey(text))) return false;
  if (headerKey(text) === "key" && siblings.some((h) => headerKey(h) === "value")) return false;
  return true;
}

/**
 * Cell values that point at where a secret lives instead of holding it: the pattern, not the
 * instance (`see ops/sensitive/`, `in vault`, `$NAS_PW`, `‹redacted›`, `***`, `<password>`).
 */
const REFERENCE =
  /(^(see|in|from|ask|stored|set|default|same|per)\b)|ops\/sensitive|vault|keepass|bitwarden|1password|lastpass|\bpass(word)? manager|\bsops\b|\.env\b|^\$\{?[A-Z_][A-Z0-9_]*\}?$|redacted|^[*•●x#]{3,}$|^<[^<>]+>$|^\(.*\)$|^(yes|no|none|set|unset|true|false|on|off|required|n\/a)$/i;

export function isSecretReference(value: string): boolean {
  return REFERENCE.test(value.trim());
}

/** Account names that make `name-Secret` or `name/Secret` a credential pair. */
const ACCOUNTS = "admin|administrator|root|user|pi|ubnt|guest|operator|sa|support|svc|ftp|sysadmin|postgres|mysql|login";

/** Character classes in a candidate password: lower, upper, digit, symbol. */
function classes(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
}

/** `admin-Password1#`, `root/Hunter2!`: a well-known account, then a password-shaped word. */
const ACCOUNT_PAIR = new RegExp(`(?<![\\w/.-])(${ACCOUNTS})([-/])([^\\s|/\`'"<>()\\[\\]]{6,64})`, "gi");
/**
 * `jdoe-Summer2024!`: any lowercase login, a dash, a password using all four character classes
 * and no dot (which would make it a version or a file name: `x86_64-Linux2.6+`).
 */
const ANY_PAIR = /(?<![\w/.-])([a-z][a-z0-9._]{1,31})(-)([^\s|/`'"<>()[\]]{8,64})/g;
/** `user:pass@host`, in URLs and prose: unambiguous whatever the password looks like. */
const USERINFO = /(?<![\w.%+-])([a-z0-9._%+-]{1,64}):([^\s:@/|`'"<>]{1,128})@(?=[a-z0-9[])/gi;

/** `password: Hunter2!`, `**pw**: …`, `token=…`: a labelled value, unless it points elsewhere. */
const LABELLED = /(?<![\w-])(pw|pwd|pass|password|passwd|passphrase|secret|token|psk|api[ _-]?key)[*_]*\s*[:=]\s*[*_`]*([^\s|`'"<>*]{4,128})/gi;

/** Strips what ends a sentence or closes a parenthesis around the pair (`(root/Hunter2!).`), but keeps `!` and `#`. */
function trimTail(value: string): string {
  let out = value.replace(/[.,;:]+$/, "");
  while (/[)\]]$/.test(out) && !/[([]/.test(out)) out = out.slice(0, -1).replace(/[.,;:]+$/, "");
  return out;
}

/** Credentials written into text: `user-Secret` and `user/pass` pairs, and `user:pass@host`. */
export function findCredentials(text: string): CredentialMatch[] {
  const out: CredentialMatch[] = [];
  const seen = new Set<number>();
  const push = (kind: CredentialMatch["kind"], what: string, start: number, secret: string) => {
    if (seen.has(start) || isSecretReference(secret)) return;
    seen.add(start);
    out.push({ kind, what, start, end: start + secret.length, secret });
  };
  // `user:pass@host` needs an `@`; the regex would try every word of a text without one.
  for (const m of text.includes("@") ? text.matchAll(USERINFO) : []) {
    if (m[1]!.toLowerCase() === "mailto") continue;
    push("userinfo", "password in a user:password@host address", m.index! + m[1]!.length + 1, m[2]!);
  }
  for (const m of text.matchAll(ACCOUNT_PAIR)) {
    const secret = trimTail(m[3]!);
    if (secret.length >= 6 && classes(secret) >= 3) push("pair", `password paired with the "${m[1]}" account`, m.index! + m[1]!.length + 1, secret);
  }
  for (const m of text.matchAll(ANY_PAIR)) {
    const secret = trimTail(m[3]!);
    if (classes(secret) === 4 && !secret.includes(".")) push("pair", `password paired with the "${m[1]}" account`, m.index! + m[1]!.length + 1, secret);
  }
  for (const m of text.matchAll(LABELLED)) {
    const secret = trimTail(m[2]!);
    if (classes(secret) >= 2) push("labelled", `${m[1]!.toLowerCase()} written out`, m.index! + m[0].length - m[2]!.length, secret);
  }
  return out.sort((a, b) => a.start - b.start);
}
