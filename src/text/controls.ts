import stripAnsi from "strip-ansi";

/**
 * Text from a site repo is text: control characters in it never reach a terminal, a YAML file or a
 * page. `stripAnsi` removes whole escape sequences (CSI such as `ESC[2K`, OSC such as
 * `ESC]0;title BEL`, with their parameters); what is left of the C0 and C1 controls and DEL is
 * removed too, except tab and line breaks, which become one space each.
 */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const BREAKS = /\r\n|[\t\n\r]/g;
/** Unicode bidi overrides and isolates: they reorder what a reader sees (Trojan Source). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** One line of plain text: escape sequences and control characters removed, tab and line breaks as spaces. */
export function plainText(value: string): string {
  if (!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(value)) return value;
  return stripAnsi(value).replace(BREAKS, " ").replace(CONTROLS, "").replace(BIDI, "");
}

/** Several lines of text (a log): escape sequences and control characters removed, line breaks kept. */
export function plainLines(value: string): string {
  if (!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(value)) return value;
  return stripAnsi(value).replace(/\r\n/g, "\n").replace(/\t/g, " ").replace(/\r/g, "\n").replace(CONTROLS, "").replace(BIDI, "");
}

/** The colors and styles netstack's own output uses (picocolors): bold, dim, italic, underline, foreground colors, resets. */
const OWN_SGR = new Set(["0", "1", "2", "3", "4", "22", "23", "24", "39", ...Array.from({ length: 8 }, (_, i) => String(30 + i)), ...Array.from({ length: 8 }, (_, i) => String(90 + i))]);
/** The progress line's own prefix: back to the line start and erase it. */
const PROGRESS_PREFIX = "\r\u001b[K";
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * The last net before a terminal: every chunk netstack writes to stdout or stderr passes here
 * (see `main`). Values are made plain where they enter a message (`plainText`); whatever a
 * command still prints is cleaned here: escape sequences other than netstack's own colors,
 * control characters other than line breaks and tabs, and bidi controls are removed. The
 * progress line's `\r ESC[K` is kept only where netstack puts it, at the start of a write.
 */
export function terminalSafe(chunk: string): string {
  if (!ANY_CONTROL.test(chunk)) return chunk;
  const prefix = chunk.startsWith(PROGRESS_PREFIX) ? PROGRESS_PREFIX : "";
  // Odd parts are SGR sequences: kept when they are netstack's own styles, cleaned like text otherwise.
  const parts = chunk.slice(prefix.length).split(/(\u001b\[[0-9;]*m)/);
  return prefix + parts.map((part, i) => (i % 2 === 1 && ownStyle(part) ? part : plainLines(part))).join("");
}

function ownStyle(sgr: string): boolean {
  return sgr
    .slice(2, -1)
    .split(";")
    .every((p) => OWN_SGR.has(p === "" ? "0" : p));
}
