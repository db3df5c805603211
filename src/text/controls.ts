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
