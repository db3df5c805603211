/**
 * The only form in which a secret is ever shown: first two characters, an ellipsis, the last
 * character (`Hunter2!` → `Hu…!`). Short values show nothing of themselves.
 */
export function maskSecret(secret: string): string {
  const chars = Array.from(secret);
  return chars.length < 6 ? "…" : `${chars.slice(0, 2).join("")}…${chars[chars.length - 1]}`;
}
