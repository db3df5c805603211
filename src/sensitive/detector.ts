import { charClasses, hasPasswordSymbol, notASecret, shapeScore } from "./shape.js";
import { findKnownTokens } from "./tokens.js";
import {
  ACCOUNTS,
  CREDENTIAL_WORDS,
  KEY_QUALIFIERS,
  NOT_SECRET_ANYWHERE,
  NOT_SECRET_KEY_PARTS,
  SECRET_KEY_PARTS,
  SECRET_KEYS_RUN_TOGETHER,
} from "./vocabulary.js";
import { collapseSpaces } from "../text/spaces.js";

/**
 * The one secret detector. It works like a small classifier: every place that could hold a
 * secret (a cell of a password column, the value of a key/value row, what follows a label in
 * prose, an assignment in a script or config file, the second half of a `user / pass` pair, a
 * password in a URL, a token of a known format, a password-shaped word standing alone) is a
 * candidate; the context gives it a weight, the value's shape adds a score (character classes,
 * password symbols, length, randomness), known non-secrets veto it; a candidate at or above
 * THRESHOLD is a secret. Measured on the labelled corpus in fixtures/secret-corpus (README).
 */

export const THRESHOLD = 1;

export interface SecretFinding {
  /** Offsets of the secret in the text scanned. */
  start: number;
  end: number;
  secret: string;
  /** What was found, for a message: `A password written out`. */
  what: string;
  score: number;
}

export interface Candidate {
  start: number;
  value: string;
  /** What the context says, before the value's shape is looked at. */
  weight: number;
  /** The context names a secret: plain words, digits and hex ids count as values. */
  strong: boolean;
  what: string;
  /** Prose where the value reads as the first word of a sentence (`token: expires soon`). */
  sentence?: boolean;
  /** A word judged by its shape alone: any finding with a context wins over it. */
  bare?: boolean;
}

/** Scores a candidate; the finding when it reaches the threshold. */
function judge(candidate: Candidate): SecretFinding | null {
  const value = candidate.value;
  if (notASecret(value, candidate) !== null) return null;
  // `password updated successfully`: a value of several words is judged by its first as well.
  const first = /^\S+(?=\s)/.exec(value);
  if (first && notASecret(first[0], candidate) !== null) return null;
  let score = candidate.weight + shapeScore(value, candidate);
  if (candidate.sentence) score -= 0.6;
  if (score < THRESHOLD) return null;
  // A bare word ranks below every finding with a context that overlaps it.
  const rank = candidate.bare ? score - 10 : score;
  return { start: candidate.start, end: candidate.start + value.length, secret: value, what: candidate.what, score: Math.round(rank * 100) / 100 };
}

// ---------------------------------------------------------------------------------------------
// Keys and headers

/** `DB_PASSWORD` → db, password; `PasswordAuthentication` → password, authentication. */
function keyParts(key: string): string[] {
  return key
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const MULTI_WORD_SECRETS = /mot de passe|mots de passe|pre ?shared key|api key|api token|access key|secret key|private key|wpa2? key|wi ?fi key|wlan key|network key|snmp community|community string|pin code|license key|encryption key|master key|(?:wlan|wifi|wpa2?|netzwerk) ?schl(?:ü|ue)ssel|netzwerkschl(?:ü|ue)ssel|cl[ée] (?:wifi|wpa|wlan)|recovery codes?|backup codes?/;

export type KeyClass = "secret" | "pin" | null;

/** Whether a key, label or header names a secret, and which kind (a PIN is digits only). */
export function secretKeyClass(key: string): KeyClass {
  const parts = keyParts(key);
  if (parts.length === 0 || parts.length > 6) return null;
  if (parts.some((p) => NOT_SECRET_ANYWHERE.has(p))) return null;
  let at = -1;
  let pin = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (SECRET_KEY_PARTS.has(p) || SECRET_KEYS_RUN_TOGETHER.test(p) || (p === "key" && i > 0 && KEY_QUALIFIERS.has(parts[i - 1]!)) || ((p === "keys" || p === "key") && i > 0 && parts[i - 1] === "api")) {
      at = i;
      pin = p === "pin" || p === "puk";
    } else if ((p === "passe" && parts[i - 1] === "de") || (p === "key" && i > 1 && parts[i - 1] === "shared")) {
      at = i;
      pin = false;
    }
  }
  if (at < 0) {
    if (!MULTI_WORD_SECRETS.test(parts.join(" "))) return null;
    at = parts.length - 1;
  }
  for (let i = at + 1; i < parts.length; i++) if (NOT_SECRET_KEY_PARTS.has(parts[i]!) || parts[i] === "fail") return null;
  return pin ? "pin" : "secret";
}

export type HeaderClass = "secret" | "pin" | "credential" | "key" | null;

const USER_WORDS = new Set(["user", "username", "usr", "benutzer", "benutzername", "usuario", "utilisateur", "login", "account", "name"]);
const CREDENTIAL_SET = new Set<string>(CREDENTIAL_WORDS);

function cleanHeader(header: string): string {
  return collapseSpaces(header.replace(/[*_`~]/g, " "));
}

/**
 * What a column header says its cells hold: `secret` (`pw`, `Admin password`, `Kennwort`,
 * `SNMP community`), `pin`, `credential` (`login`, `creds`, `user/pass`: a user, maybe with a
 * password), `key` (a bare `Key` column: key names or keys), or nothing.
 */
export function classifyHeader(header: string, siblings: readonly string[] = []): HeaderClass {
  return classifyHeaderIn(header, hasValueColumn(siblings));
}

function hasValueColumn(headers: readonly string[]): boolean {
  for (const h of headers) if (/^\s*values?\s*$/i.test(h)) return true;
  return false;
}

function classifyHeaderIn(header: string, keyValue: boolean): HeaderClass {
  const key = `${keyValue ? "1" : "0"}${header}`;
  let known = HEADER_CLASSES.get(key);
  if (known === undefined) {
    known = classifyHeaderText(header, keyValue);
    if (HEADER_CLASSES.size > 10_000) HEADER_CLASSES.clear();
    HEADER_CLASSES.set(key, known);
  }
  return known;
}

/** Headers repeat in every table of every site: each is classified once. */
const HEADER_CLASSES = new Map<string, HeaderClass>();

function classifyHeaderText(header: string, keyValue: boolean): HeaderClass {
  const text = cleanHeader(header);
  if (!text || text.length > 60) return null;
  const lower = text.toLowerCase();
  const parts = keyParts(text);
  if (parts.length === 1 && (parts[0] === "key" || parts[0] === "keys")) {
    return keyValue ? null : "key";
  }
  if (parts.some((p) => CREDENTIAL_SET.has(p)) && !parts.some((p) => p === "password" || p === "pw" || p === "pass" || p === "passwort" || p === "pwd")) return "credential";
  const kind = secretKeyClass(text);
  if (kind) return kind === "secret" && parts.some((p) => USER_WORDS.has(p)) ? "credential" : kind;
  if (CREDENTIAL_SET.has(lower) || parts.some((p) => CREDENTIAL_SET.has(p)) || /^(user|username|login)\s*[/:&+]\s*(pass|pw|pwd|password)/.test(lower)) return "credential";
  return null;
}

/** Headers of the key column of a key/value table. */
const KEY_HEADER = /^(key|keys|setting|settings|field|item|name|property|parameter|param|option|attribute|variable|what|entry|eintrag|einstellung|clé|cle|campo|parámetro|paramètre)$/i;
const VALUE_HEADER = /^(value|values|wert|valeur|valor|setting|data|content|inhalt)$/i;

/** A table whose rows are `key | value`: two columns, or a key column beside a value column. */
export function isKeyValueTable(headers: readonly string[]): boolean {
  if (headers.length < 2) return false;
  return headers.length === 2 || KEY_HEADER.test(cleanHeader(headers[0]!)) || VALUE_HEADER.test(cleanHeader(headers[1]!));
}

// ---------------------------------------------------------------------------------------------
// Values

/** Characters that end an unquoted value in prose or a table row. */
const VALUE_RUN = /^[^\s|<>`'"[\]]+/;
/** Characters that end an unquoted value in an assignment without spaces (`PASS=x ./run`, `?token=x&y=1`). */
const TIGHT_RUN = /^[^\s|<>`'",;&)]+/;

/** Strips what closes a sentence, a parenthesis or emphasis around a value (`(root/Hunter2!).`), keeping `!`, `?` and `#`. */
function trimValue(value: string): string {
  let out = value.replace(/^[*_~]+/, "").replace(/[*_~]+$/, "");
  out = out.replace(/[.,;:]+$/, "");
  while (/[)\]}]$/.test(out) && !/[([{]/.test(out)) out = out.slice(0, -1).replace(/[.,;:]+$/, "");
  if (/^[([{]/.test(out) && !/[)\]}]/.test(out)) out = out.slice(1);
  return out;
}

interface ParsedValue {
  start: number;
  value: string;
  quoted: boolean;
}

/** The value at `at` in `line`: a quoted string, or a run of non-space characters. */
function valueAt(line: string, at: number, tight: boolean, restOfLine: boolean): ParsedValue | null {
  const rest = line.slice(at);
  const quoted = /^(["'`])([^"'`\n]{1,200}?)\1/.exec(rest);
  if (quoted) return { start: at + 1, value: quoted[2]!, quoted: true };
  const lead = /^[*_~]*/.exec(rest)![0].length;
  if (restOfLine) {
    // A config file's `key: value with spaces`, up to a trailing comment.
    const body = rest.slice(lead).replace(/\s+#.*$/, "").replace(/\s+$/, "");
    if (!body || /\s/.test(body) === false) return body ? { start: at + lead, value: trimValue(body), quoted: false } : null;
    return { start: at + lead, value: body, quoted: false };
  }
  const run = (tight ? TIGHT_RUN : VALUE_RUN).exec(rest.slice(lead));
  if (!run) return null;
  const value = trimValue(run[0]);
  const offset = run[0].indexOf(value);
  return value ? { start: at + lead + Math.max(offset, 0), value, quoted: false } : null;
}

// ---------------------------------------------------------------------------------------------
// Candidates in a line of text

const LABEL =
  /pass(?:word|wd|wort|phrase|code)?|pwd?|pword|kennwort|contrase[ñn]a|clave|mot de passe|mdp|senha|wachtwoord|parola|l[öo]senord|salasana|has[łl]o|heslo|jelsz[óo]|пароль|密码|パスワード|secret|token|api[ _-]?keys?|(?:wifi|wi-fi|wlan|wpa2?|network|pre-?shared|access|private|license|encryption|master|auth|client)[ _-]?keys?|schl(?:ü|ue)ssel|masterauth|recovery[ _-]?codes?|backup[ _-]?codes?|psk|community|\bpin\b|\bpuk\b|credentials?|creds|\bkeys?\b/giu;
/** Characters of a key around a label: `DB_PASSWORD`, `--password`, `$pw`, `spring.datasource.password`. */
const KEY_CHAR = /[\p{L}\p{N}_.$-]/u;
/** Words after a label that make it the name of something else: `password policy`, `token expiry`. */
const CONTINUES = /^[*_`'"\]]*\s+([\p{L}]+)/u;
const SEPARATOR = /^[*_`'"\]]*[ \t]*(?::=|=>|=|:|：)[ \t]*[*_]*[ \t]*/;
const ARROW = /^[*_`'"\]]*[ \t]*(?:->|→|[-–—](?=[ \t]))[ \t]*/;
const VERB = /^[*_`'"\]]*[ \t]+(?:is|are|was|to|ist|lautet|es|est|é|是|now)[ \t]+/i;
const SPACE = /^[*_`'"\]]*[ \t]+/;
/** `password for the chassis: …`, `the root password of kh1 is …`: a separator a few words on. */
const FAR = /^[ \t]+(?:for|of|on|to|auf|für|de|du|pour|para|del|van|voor)[ \t][^.:|=!?]{1,40}?[ \t](?::|=|is|ist|es|est|lautet)[ \t]+|^[ \t]+(?:for|of|on|to|auf|für|de|du|pour|para|del|van|voor)[ \t][^.:|=!?]{1,40}?:[ \t]*/i;

/** A colon a few words after the label, ending a clause (`… is on the back sticker: `). */
const FAR_COLON = /^[^.:|=!?]{1,50}?:[ \t]+/;

export interface LineContext {
  /** Inside a code block, or a script/config file. */
  code: boolean;
  /** A configuration file (YAML, .env, .conf, JSON): `key: value` runs to the end of the line. */
  config?: boolean;
}

function labelCandidates(line: string, offset: number, ctx: LineContext, out: Candidate[]): void {
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(line); m; m = LABEL.exec(line)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start > 0 && KEY_CHAR.test(line[start - 1]!)) start--;
    while (end < line.length && KEY_CHAR.test(line[end]!)) end++;
    let key = line.slice(start, end).replace(/[.-]+$/, "");
    end = start + key.length;
    LABEL.lastIndex = Math.max(LABEL.lastIndex, end);
    const flag = /^(?:--?|\/)[\p{L}]/u.test(key);
    key = key.replace(/^[-$/@.]+/, "");
    if (!key) continue;
    if (secretKeyClass(key) === null) {
      // A bare `key` names too much to be a label, but a random value after it is a key (`rclone … key K001x…`).
      if (/^keys?$/i.test(key)) {
        const sep = SEPARATOR.exec(line.slice(end)) ?? SPACE.exec(line.slice(end));
        if (sep) push(out, line, offset, end + sep[0].length, { weight: sep[0].trim() ? 0.5 : 0.3, strong: false, what: `secret written out after "${key}"`, tight: true });
      }
      continue;
    }
    // `${DB_PASSWORD}`, `%DB_PASSWORD%`, `{{ db_password }}`: a reference to the secret, not the secret.
    if (start > 0 && /[{%]/.test(line[start - 1]!)) continue;
    // A label quoted in a value elsewhere (`"password"` in an error message) still counts, but not one inside a URL path or file name.
    if (start > 0 && /[/\\]/.test(line[start - 1]!) && !/[?&;]/.test(line.slice(0, start))) continue;
    const after = line.slice(end);
    const next = CONTINUES.exec(after);
    if (next && (NOT_SECRET_KEY_PARTS.has(next[1]!.toLowerCase()) || /^(fail|change|changes|requirements|rules|box|screen|prompt|less|protected|sharing|through)$/i.test(next[1]!))) continue;
    const what = /token|key|secret|psk|community/i.test(key) ? `secret written out after "${labelName(key)}"` : "password written out";
    const directive = ctx.code && line.slice(0, start).trim() === "";
    let sep: RegExpExecArray | null;
    if ((sep = SEPARATOR.exec(after))) {
      const at = end + sep[0].length;
      const tight = !/\s/.test(sep[0]) || /=/.test(sep[0]) && !/:/.test(sep[0]);
      // YAML's `key: value with spaces` (a key starting its line, in a config file).
      const restOfLine = ctx.config === true && /:\s/.test(sep[0] + " ") && !/=/.test(sep[0]) && !flag && /^\s*(?:-\s+)?["']?$/.test(line.slice(0, start));
      push(out, line, offset, at, { weight: 1, strong: true, what, tight, restOfLine, prose: !ctx.code });
    } else if (flag && (sep = SPACE.exec(after))) {
      push(out, line, offset, end + sep[0].length, { weight: 1, strong: true, what, tight: true });
    } else if ((sep = ARROW.exec(after))) {
      push(out, line, offset, end + sep[0].length, { weight: 0.7, strong: true, what, prose: !ctx.code });
    } else if ((sep = VERB.exec(after))) {
      push(out, line, offset, end + sep[0].length, { weight: 0.7, strong: true, what, prose: !ctx.code });
      // `the password is on the back sticker: Hx7qLm2P`: the value may follow a colon further on.
      const far = FAR_COLON.exec(after);
      if (far) push(out, line, offset, end + far[0].length, { weight: 0.6, strong: true, what, prose: !ctx.code });
    } else if ((sep = FAR.exec(after))) {
      push(out, line, offset, end + sep[0].length, { weight: 0.6, strong: true, what, prose: !ctx.code });
    } else if ((sep = SPACE.exec(after))) {
      const at = end + sep[0].length;
      const quoted = /^["'`]/.test(line.slice(at));
      push(out, line, offset, at, { weight: quoted || directive ? 0.9 : 0.5, strong: quoted || directive, what, prose: !ctx.code && !quoted });
    }
  }
}

function labelName(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}

interface PushOptions {
  weight: number;
  strong: boolean;
  what: string;
  tight?: boolean;
  restOfLine?: boolean;
  /** Prose: a plain word followed by more words is a sentence, not a value. */
  prose?: boolean;
}

function push(out: Candidate[], line: string, offset: number, at: number, o: PushOptions): void {
  const parsed = valueAt(line, at, o.tight ?? false, o.restOfLine ?? false);
  if (!parsed) return;
  const tail = line.slice(parsed.start + parsed.value.length);
  const sentence = o.prose === true && !parsed.quoted && /^\p{L}+$/u.test(parsed.value) && /^[ \t]+[\p{L}]/u.test(tail);
  out.push({ start: offset + parsed.start, value: parsed.value, weight: o.weight, strong: o.strong, what: o.what, sentence });
}

const ACCOUNT_ALTERNATION = [...ACCOUNTS].sort((a, b) => b.length - a.length).join("|");
/** `admin / Pass123`, `root:Hunter2!`, `pi/raspberry`, `admin - Fjord#Lantern7`, `root-Pebble%Crane5`. */
const ACCOUNT_PAIR = new RegExp(`(?<![\\p{L}\\p{N}_.@/\\\\$-])(${ACCOUNT_ALTERNATION})(\\s*/\\s*|[ \\t]+[-–—][ \\t]+|:|%|-|[ \\t]*,[ \\t]*|[ \\t]+(?:(?:pass(?:word)?|pw|pwd)[ \\t:]+)?)(?=[^\\s|])`, "giu");
const ACCOUNT_MARK = new RegExp(`(?<![\\p{L}\\p{N}])(?:${ACCOUNT_ALTERNATION})(?![\\p{L}\\p{N}])`, "iu");
/**
 * ACCOUNT_MARK for an ASCII text, where it means the same (the account names are ASCII): about
 * four times faster, as V8 searches a Unicode case-insensitive pattern a character at a time.
 */
const ACCOUNT_MARK_ASCII = new RegExp(`(?<![A-Za-z0-9])(?:${ACCOUNT_ALTERNATION})(?![A-Za-z0-9])`, "i");

/** Whether `text` names a well-known account as a word. Exported for its differential test. */
export function namesAccount(text: string): boolean {
  return NON_ASCII.test(text) ? ACCOUNT_MARK.test(text) : ACCOUNT_MARK_ASCII.test(text);
}
/** A word before the pair that says it is a login: `login admin / …`, `user root pw …`, `creds: …`. */
const LOGIN_WORD = /(?:login|logon|user(?:name)?|credentials?|creds|account|benutzer|usuario|utilisateur|anmeldung|acceso)(?:\s+(?:is|as|with|for\s+\S+))?[*_]*\s*[:=]?\s*[*_`]*$/i;

const PAIR_WEIGHT: Record<string, number> = { "/": 0.5, "-": 0.4, ":": 0.5, "%": 0.8, ",": 0.3, " ": 0.3, "–": 0.5 };

function pairCandidates(line: string, offset: number, out: Candidate[]): void {
  ACCOUNT_PAIR.lastIndex = 0;
  for (let m = ACCOUNT_PAIR.exec(line); m; m = ACCOUNT_PAIR.exec(line)) {
    const sep = m[2]!;
    const kind = sep.includes("/") ? "/" : /[-–—]/.test(sep) ? (/\s/.test(sep) ? "–" : "-") : sep.includes(":") ? ":" : sep.includes("%") ? "%" : sep.includes(",") ? "," : " ";
    let weight = PAIR_WEIGHT[kind]!;
    if (/pass|pw/i.test(sep)) weight = 0.7;
    if (LOGIN_WORD.test(line.slice(0, m.index))) weight += 0.3;
    const at = m.index + m[0].length;
    const parsed = valueAt(line, at, false, false);
    if (!parsed) continue;
    // `root:x:0:0:root:/root:/bin/bash` (passwd) and `admin:admin@host` are not `account:password` in prose.
    if (kind === ":" && /^[^:]*:/.test(line.slice(parsed.start + parsed.value.length))) continue;
    // `postgres://…`: a URL scheme, not an account.
    if (kind === ":" && line.startsWith("//", at)) continue;
    out.push({ start: offset + parsed.start, value: parsed.value, weight, strong: kind === "%", what: `password paired with the "${m[1]}" account` });
  }
}

/** `user:pass@host`, in URLs and prose: unambiguous whatever the password looks like. */
const USERINFO = /(?<![\w.%+-])([a-z0-9._%+-]{0,64}):([^\s:@/|`'"<>]{1,128})@(?=[a-z0-9[])/gi;

function userinfoCandidates(line: string, offset: number, out: Candidate[]): void {
  USERINFO.lastIndex = 0;
  for (let m = USERINFO.exec(line); m; m = USERINFO.exec(line)) {
    if (m[1]!.toLowerCase() === "mailto") continue;
    const inUrl = line.slice(Math.max(0, m.index - 3), m.index) === "://";
    out.push({ start: offset + m.index + m[1]!.length + 1, value: m[2]!, weight: inUrl ? 1.2 : 0.8, strong: inUrl, what: "password in a user:password@host address" });
  }
}

/** URL query parameters that carry a credential and that no label catches: `?key=…`, `&sig=…`. */
const QUERY = /[?&;](key|sig|signature|auth|access_token|code)=([^&#\s)"'\]|>]+)/gi;

function queryCandidates(line: string, offset: number, out: Candidate[]): void {
  QUERY.lastIndex = 0;
  for (let m = QUERY.exec(line); m; m = QUERY.exec(line)) {
    out.push({ start: offset + m.index + m[0].length - m[2]!.length, value: m[2]!, weight: 0.8, strong: true, what: `secret in a URL parameter "${m[1]}"` });
  }
}

/** Command lines that take a password as an argument. */
const COMMANDS: { re: RegExp; weight: number; strong: boolean }[] = [
  // mysql -pSecret (no space: with one, -p prompts)
  { re: /\b(?:mysql|mariadb|mysqldump|mysqladmin)\b[^\n|]*?\s-p([^\s'"]+)/g, weight: 1, strong: true },
  { re: /\bsshpass\s+-p\s*(\S+)/g, weight: 1, strong: true },
  // smbclient -U user%pass, curl -u user:pass, --user user:pass
  // (the user is a name: `date -u +%Y%m%d` is a date format, not `+` with a password)
  { re: /(?:^|\s)(?:-U|--user(?:name)?[= ]|-u)\s*["']?[\p{L}\p{N}_][^\s%:'"]*[%:]([^\s'"]+)/gu, weight: 1, strong: false },
  // net use Z: \\srv\share /user:admin Pass123
  { re: /\/user:\S+\s+([^\s/*]\S*)/gi, weight: 0.9, strong: false },
  // ConvertTo-SecureString "Hunter2!" -AsPlainText, ConvertTo-SecureString -String 'x' -AsPlainText -Force
  { re: /ConvertTo-SecureString\s+(?:-String\s+)?(?:-AsPlainText\s+)?(?:-Force\s+)?["']([^"'\n]+)["']/gi, weight: 1, strong: true },
  { re: /-AsPlainText\s+(?:-Force\s+)?["']([^"'\n]+)["']/gi, weight: 1, strong: true },
  // echo 'pw' | sudo -S, echo "user:pw" | chpasswd
  { re: /\becho\s+["']?([^\s|'"]+)["']?\s*\|\s*sudo\s+-S/g, weight: 1, strong: false },
  { re: /\becho\s+["']?[\w.-]+:([^\s|'"]+)["']?\s*\|\s*(?:sudo\s+)?chpasswd/g, weight: 1, strong: true },
  { re: /\bhtpasswd\s+-\w*b\w*\s+\S+\s+\S+\s+(\S+)/g, weight: 1, strong: true },
  // Authorization: Bearer …, Basic …
  { re: /\b(?:Bearer|Basic)\s+([A-Za-z0-9._~+/=-]{12,})/g, weight: 0.8, strong: true },
];
const COMMAND_MARK = /mysql|mariadb|sshpass|-U|-u\s|--user|\/user:|SecureString|AsPlainText|sudo\s+-S|chpasswd|htpasswd|Bearer|Basic/i;

function commandCandidates(line: string, offset: number, out: Candidate[]): void {
  for (const { re, weight, strong } of COMMANDS) {
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const value = trimValue(m[1]!.replace(/^(["'])(.*)\1$/, "$2"));
      const start = m.index + m[0].lastIndexOf(m[1]!) + m[1]!.indexOf(value);
      out.push({ start: offset + start, value, weight, strong, what: "password on a command line" });
    }
  }
}

/** What separates words: space, table pipe, brackets, quotes, `,;`. */
const SEPARATORS = String.raw`\s|()[\]<>"'\`,;{}`;
const WORD_SEPARATOR = new RegExp(`[${SEPARATORS}]`);
/** ASCII characters that separate words (WORD_SEPARATOR's, for a test without a regex). */
const ASCII_SEPARATOR = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_SEPARATOR[c] = WORD_SEPARATOR.test(String.fromCharCode(c)) ? 1 : 0;

function separatesWords(line: string, at: number): boolean {
  const c = line.charCodeAt(at);
  return c < 128 ? ASCII_SEPARATOR[c] === 1 : WORD_SEPARATOR.test(line[at]!);
}

/** A password symbol (shape.ts's PASSWORD_SYMBOL), searched for through a line. */
const SYMBOL_IN_LINE = /[!#$%^&*?~+=@]/g;

/** The word before `at` (past the separators between), or "": read backwards, so a long line costs its words once. */
function wordBefore(line: string, at: number): string {
  let end = at;
  while (end > 0 && separatesWords(line, end - 1)) end--;
  let start = end;
  while (start > 0 && !separatesWords(line, start - 1)) start--;
  return line.slice(start, end);
}
const USERISH = /^[a-z][a-z0-9._-]{1,31}$/;

/**
 * A word that looks like a password on its own, with no label: letters, digits and a password
 * symbol (`Blu3Heron!42` after a user name in a service cell, `labadmin - Quartz!Otter88`).
 * Only words of 8 characters or more that hold a password symbol are read, found from their
 * symbols (a line of notes has many words and few symbols; trimming only takes characters away);
 * the word before one is looked up only when it is a candidate. Exported for its differential test.
 */
export function bareCandidates(line: string, offset: number, ctx: LineContext, out: Candidate[]): void {
  SYMBOL_IN_LINE.lastIndex = 0;
  for (let m = SYMBOL_IN_LINE.exec(line); m !== null; m = SYMBOL_IN_LINE.exec(line)) {
    // The word around the symbol; the search goes on after it (its other symbols are in it).
    let wordStart = m.index;
    while (wordStart > 0 && !separatesWords(line, wordStart - 1)) wordStart--;
    let wordEnd = m.index + 1;
    while (wordEnd < line.length && !separatesWords(line, wordEnd)) wordEnd++;
    SYMBOL_IN_LINE.lastIndex = wordEnd;
    if (wordEnd - wordStart < 8) continue;
    const raw = line.slice(wordStart, wordEnd);
    const word = trimValue(raw);
    if (word.length < 8 || word.length > 64 || !hasPasswordSymbol(word)) continue;
    if (/[/\\]|:\/\/|^[$%&#@]|=|&#?\w+;|^\*|@\d+(?:\.\d+)?\s?[GMk]?Hz/i.test(word)) continue;
    // In code, `10#$content`, `${x}`, `$(cmd)` are expansions, not passwords.
    if (ctx.code && /\$[\w{(#@?]|\(\(|\)\)/.test(word)) continue;
    const classes = charClasses(word);
    if (!classes.digit || !(classes.lower || classes.upper)) continue;
    const start = wordStart + raw.indexOf(word);
    const prev = trimValue(wordBefore(line, wordStart));
    out.push({ start: offset + start, value: word, weight: USERISH.test(prev) || prev === "-" ? 0.1 : 0, strong: false, what: "password-like value", bare: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Text

const LABEL_MARK = /pass|pw|pin|puk|secret|token|key|psk|masterauth|schl(?:ü|ue)ssel|codes?\b|kennwort|contrase|clave|mdp|senha|wachtwoord|parola|senord|salasana|has[łl]o|heslo|jelsz|пароль|密码|パスワード|communit|cred/i;
const SYMBOL_MARK = /[!#$%^&*?~+=@]/;
/** LABEL_MARK's ASCII words: a search without the Unicode flag is much faster. */
const LABEL_MARK_ASCII = /pass|pw|pin|puk|secret|token|key|psk|masterauth|schl|codes?\b|kennwort|contrase|clave|mdp|senha|wachtwoord|parola|senord|salasana|haslo|heslo|jelsz|communit|cred/i;
const DIGIT = /\d/;

const TOKEN_MARK = /AKIA|ASIA|gh[pousr]_|github_pat_|glpat|xox|sk-|npm_|hf_|AIza|SG\.|shp|dckr_|_live_|_test_|glc_|glsa_|hv[sbr]\.|tskey-|eyJ|PRIVATE KEY/;

/**
 * A cheap necessary condition for `findSecrets` finding anything in a short text (a cell, a
 * name, a message): a label word, a password symbol, a well-known account name, a command that
 * takes a password, or the mark of a known token format.
 */
export function mayHoldSecret(text: string): boolean {
  return text.length >= 4 && (SYMBOL_MARK.test(text) || LABEL_MARK.test(text) || namesAccount(text) || COMMAND_MARK.test(text) || TOKEN_MARK.test(text));
}

export interface ScanOptions {
  /** The whole text is code or configuration (a script, YAML, .env, .conf, JSON), not Markdown prose. */
  code?: boolean;
  /** A configuration file (YAML, .env, .conf, JSON, INI): `key: value` runs to the end of the line. */
  config?: boolean;
}

/**
 * Every secret in a text: labelled values, assignments, account pairs, URL credentials,
 * command-line passwords, known token formats and password-shaped words, none overlapping, in
 * text order. Markdown code blocks are read as code.
 */
export function findSecrets(text: string, options: ScanOptions = {}): SecretFinding[] {
  const found: SecretFinding[] = [];
  const starts = candidateLines(text);
  for (const token of findKnownTokens(text)) found.push({ start: token.start, end: token.end, secret: token.secret, what: `Known token format ${token.what}`, score: 2 });
  if (starts.length === 0) return found;
  const code = options.code === true ? null : fencedRanges(text);
  const candidates: Candidate[] = [];
  for (const offset of starts) {
    let nl = text.indexOf("\n", offset);
    if (nl < 0) nl = text.length;
    const line = text.charCodeAt(nl - 1) === 13 ? text.slice(offset, nl - 1) : text.slice(offset, nl);
    const inCode = code === null || code.some(([s, e]) => offset > s && offset < e);
    // A fence line itself holds nothing to find.
    if (code !== null && code.some(([s, e]) => offset === s || offset === e)) continue;
    scanLine(line, offset, { code: inCode, config: options.config === true }, candidates);
  }
  for (const c of candidates) {
    const finding = judge(c);
    if (finding) found.push(finding);
  }
  return resolveOverlaps(found);
}

/**
 * The words that make a line worth reading: labels, account names, commands. Each line is read
 * only when it holds one (or a password symbol): a regex per line costs more than one search.
 */
const TRIGGER_WORDS = [
  ...["pass", "pw", "pin", "puk", "secret", "token", "key", "psk", "schl", "code", "kennwort", "contrase", "clave", "mdp", "senha", "wachtwoord", "parola", "lösen", "losen", "salasana", "hasło", "haslo", "heslo", "jelsz", "пароль", "密码", "パスワード", "communit", "cred"],
  // Keys run together (`requirepass`, `rpcpassword`, `rootpw`).
  ...["requirepass", "masterauth", "rpcpass", "rootpw", "rootpass", "adminpass", "userpass", "dbpass", "smbpass", "pgpass", "vncpass", "wpapsk", "nopass"],
  ...ACCOUNTS,
  ...["mysql", "mariadb", "sshpass", "-u", "--user", "/user:", "convertto", "asplaintext", "sudo", "chpasswd", "htpasswd", "bearer", "basic"],
];
const escapeRegex = (w: string) => w.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
/** A word holding another trigger word (`requirepass`, `sysadmin`, `--user`) is found by that one. */
const TRIGGERS = [...new Set(TRIGGER_WORDS.map((w) => w.toLowerCase()))].filter((w, _, all) => !all.some((o) => o !== w && w.includes(o)));
/**
 * The searches that find the lines worth reading, over the lower-cased text: ASCII words, other
 * words, password symbols (`~` is left out: it strikes through). Kept apart on purpose: V8 skips
 * ahead through a text for a small set of ASCII words, but not once a non-ASCII word or a
 * character class joins the alternation (measured: 20 + 2 + 7 µs apart, 80 µs together).
 */
const ASCII_TRIGGERS = TRIGGERS.filter((w) => /^[\x20-\x7e]+$/.test(w));
const LINE_TRIGGERS = [
  new RegExp(ASCII_TRIGGERS.map(escapeRegex).join("|"), "g"),
  new RegExp(TRIGGERS.filter((w) => !ASCII_TRIGGERS.includes(w)).map(escapeRegex).join("|"), "g"),
  /[!#$%^&*?+@=]/g,
];

/** The lines that could hold a candidate: a superset of what the per-line patterns need. */
function candidateLines(text: string): number[] {
  // Lower case once and plain searches over it: a case-insensitive search is several times slower.
  const lower = text.toLowerCase();
  if (lower.length !== text.length) {
    // Lower-casing changed the length (a rare letter): every line is read.
    const all: number[] = [];
    for (let at = 0; at <= text.length; at = text.indexOf("\n", at) + 1 || text.length + 1) all.push(at);
    return all;
  }
  const starts: number[] = [];
  for (let r = 0; r < LINE_TRIGGERS.length; r++) {
    const re = LINE_TRIGGERS[r]!;
    // Non-ASCII words need a non-ASCII character.
    if (r === 1 && !NON_ASCII.test(text)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const lineStart = lower.lastIndexOf("\n", m.index) + 1;
      // The `#` marks that open a Markdown heading are not password symbols.
      if (m[0] === "#" && /^[ #]*$/.test(lower.slice(lineStart, m.index))) continue;
      starts.push(lineStart);
      // On to the next line: one hit is enough to read a line.
      const nl = lower.indexOf("\n", m.index);
      if (nl < 0) break;
      re.lastIndex = nl + 1;
    }
  }
  if (starts.length < 2) return starts;
  starts.sort((a, b) => a - b);
  return starts.filter((v, i) => i === 0 || v !== starts[i - 1]);
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Offsets of the opening and closing fence lines of each fenced code block of a Markdown text. */
function fencedRanges(text: string): [number, number][] {
  if (!text.includes("```") && !text.includes("~~~")) return [];
  const out: [number, number][] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})/gm;
  let open: { at: number; marker: string } | null = null;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    if (open === null) open = { at: m.index, marker: m[1]! };
    else if (m[1]![0] === open.marker[0] && m[1]!.length >= open.marker.length) {
      out.push([open.at, m.index]);
      open = null;
    }
  }
  if (open) out.push([open.at, text.length + 1]);
  return out;
}

function scanLine(line: string, offset: number, ctx: LineContext, out: Candidate[]): void {
  if (line.length < 4) return;
  if (LABEL_MARK_ASCII.test(line) || (NON_ASCII.test(line) && LABEL_MARK.test(line))) labelCandidates(line, offset, ctx, out);
  if (line.includes("@")) userinfoCandidates(line, offset, out);
  if (line.includes("=") && /[?&;]/.test(line)) queryCandidates(line, offset, out);
  if (COMMAND_MARK.test(line)) commandCandidates(line, offset, out);
  if (namesAccount(line)) pairCandidates(line, offset, out);
  if (SYMBOL_MARK.test(line) && DIGIT.test(line)) bareCandidates(line, offset, ctx, out);
}

/** Keeps the strongest of overlapping findings (then the earliest), in text order. */
function resolveOverlaps(found: SecretFinding[]): SecretFinding[] {
  if (found.length < 2) return found;
  const ranked = [...found].sort((a, b) => b.score - a.score || a.start - b.start);
  const kept: SecretFinding[] = [];
  for (const f of ranked) if (!kept.some((k) => f.start < k.end && f.end > k.start)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Tables

/** A secret in a table cell: where in the cell's text, and why. */
export interface CellFinding extends SecretFinding {
  row: number;
  column: number;
}

/** The password inside a credential cell: `admin / Hunter2`, `ng admin - Fjord#Lantern7`, `wren Blu3Heron!42`. */
function credentialCell(text: string, what: string): Candidate[] {
  // The first separator: the password after it may hold `/`, `:` or `%` itself.
  const first = /(?:\s*\/\s*|\s+[-–—]\s+|:|%)(?=\S)/.exec(text);
  if (first) {
    const parsed = valueAt(text, first.index + first[0].length, false, false);
    if (parsed) return [{ start: parsed.start, value: parsed.value, weight: 0.9, strong: true, what }];
  }
  const words = text.trim().split(/\s+/);
  if (words.length === 2) {
    const value = trimValue(words[1]!);
    return [{ start: text.lastIndexOf(value), value, weight: 0.6, strong: false, what }];
  }
  if (words.length === 1) return [{ start: text.indexOf(words[0]!), value: trimValue(words[0]!), weight: 0.3, strong: false, what }];
  return [];
}

/** Candidates of one cell under a header of the given class (offsets into the cell's text). */
function cellCandidates(text: string, header: HeaderClass, what: string): Candidate[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const start = text.indexOf(trimmed);
  switch (header) {
    case "secret":
      return [{ start, value: trimmed, weight: 1, strong: true, what }];
    case "pin":
      return /^\d{4,12}$/.test(trimmed) ? [{ start, value: trimmed, weight: 1, strong: true, what }] : [];
    case "credential":
      return credentialCell(text, what);
    case "key":
      return [{ start, value: trimmed, weight: 0.4, strong: false, what }];
    default:
      return [];
  }
}

/**
 * Secrets in a table by its structure: every cell of a secret column (`pw`, `Kennwort`, `PIN`),
 * the password half of a login cell, and the value of a key/value row whose key names a secret
 * (`| Admin password | … |`). Text inside any cell is also scanned by `findSecrets` over the file.
 */
export function tableSecrets(headers: readonly string[], rows: readonly (readonly string[])[]): CellFinding[] {
  if (!tableMayHoldSecrets(headers)) return [];
  const keyValueColumn = hasValueColumn(headers);
  const classes = headers.map((h) => classifyHeaderIn(h, keyValueColumn));
  const keyValue = isKeyValueTable(headers);
  const out: CellFinding[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const rowKey = keyValue && row.length > 1 ? classifyHeader(row[0] ?? "") : null;
    for (let c = 0; c < row.length; c++) {
      const text = row[c] ?? "";
      let header = classes[c] ?? null;
      let what = `Column "${cleanHeader(headers[c] ?? "")}" holds a secret`;
      if (rowKey && rowKey !== "key" && c === 1) {
        header = rowKey;
        what = `Row "${cleanHeader(row[0]!)}" holds a secret`;
      }
      if (!header) continue;
      for (const candidate of cellCandidates(text, header, what)) {
        const finding = judge(candidate);
        if (finding) out.push({ ...finding, row: r, column: c });
      }
    }
  }
  return out;
}

/** Whether `tableSecrets` can find anything in a table with these headers: a secret-ish column, or key/value rows. */
export function tableMayHoldSecrets(headers: readonly string[]): boolean {
  if (isKeyValueTable(headers)) return true;
  const keyValue = hasValueColumn(headers);
  for (const h of headers) if (classifyHeaderIn(h, keyValue) !== null) return true;
  return false;
}

/** Whether a header names a column whose cells may hold secrets (any class), for public output and placeholders. */
export function isSecretColumn(header: string, siblings: readonly string[] = []): boolean {
  return classifyHeader(header, siblings) !== null;
}
