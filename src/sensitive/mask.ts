import { findSecrets } from "./detector.js";

/**
 * The only form in which a secret is ever shown: first two characters, an ellipsis, the last
 * character (`Hunter2!` → `Hu…!`). Short values show nothing of themselves.
 */
export function maskSecret(secret: string): string {
  const chars = Array.from(secret);
  return chars.length < 6 ? "…" : `${chars.slice(0, 2).join("")}…${chars[chars.length - 1]}`;
}

/** `scheme://user:password@host` → `scheme://user:***@host`; also a bare `user:password@` before a host. */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+):([^\s@/]*)@/gi;

/** A URL (or a message quoting one) with the password of its userinfo replaced by `***`. */
export function redactUrlCredentials(text: string): string {
  if (!text.includes("@") || !text.includes("://")) return text;
  return text.replace(URL_USERINFO, (_, head: string) => `${head}:***@`);
}

/** What may hold a secret at all: anything at least a few characters long with a letter or digit. */
const WORTH_A_LOOK = /[\p{L}\p{N}]{2}/u;

/**
 * The one masking function: a text (a cell, a message, a URL, a line of output) with every secret
 * the detector finds replaced by its masked form and every URL password by `***`. Used by every
 * rule message that quotes a value, by exports, pages, progress lines and fetch errors.
 * A text standing alone is also judged as a value on its own (a password in an IP column).
 */
export function mask(text: string): string {
  if (text.length < 3 || !WORTH_A_LOOK.test(text)) return text;
  let out = redactUrlCredentials(text);
  const found = findSecrets(out);
  if (found.length > 0) {
    let masked = "";
    let at = 0;
    for (const f of found) {
      masked += out.slice(at, f.start) + maskSecret(f.secret);
      at = f.end;
    }
    out = masked + out.slice(at);
  }
  return out;
}

/** `"value"` for a message, masked: how every rule quotes a cell. */
export function quote(value: unknown): string {
  return `"${mask(String(value))}"`;
}
