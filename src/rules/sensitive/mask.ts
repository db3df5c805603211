/**
 * Masking lives with the detector (src/sensitive/mask.ts); re-exported here for the rules that
 * quote a cell in a message: `quote(cell.text)` gives `"…"` with any secret masked.
 */
export { mask, maskSecret, quote, redactUrlCredentials } from "../../sensitive/mask.js";
