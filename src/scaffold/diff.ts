/**
 * A unified diff of one contiguous change (what add-node makes): the common leading and
 * trailing lines are context, the rest is the change. Valid for any two texts, minimal for a
 * single insertion, replacement or deletion.
 */
export function unifiedDiff(rel: string, before: string, after: string, context = 3): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;

  const start = Math.max(0, prefix - context);
  const endA = Math.min(a.length, a.length - suffix + context);
  const endB = Math.min(b.length, b.length - suffix + context);
  const out = [`--- a/${rel}`, `+++ b/${rel}`, `@@ -${range(start, endA - start)} +${range(start, endB - start)} @@`];
  const emit = (mark: string, line: string) => {
    out.push(`${mark}${line.replace(/\r?\n$/, "")}`);
    if (!line.endsWith("\n")) out.push("\\ No newline at end of file");
  };
  for (let i = start; i < prefix; i++) emit(" ", a[i]!);
  for (let i = prefix; i < a.length - suffix; i++) emit("-", a[i]!);
  for (let i = prefix; i < b.length - suffix; i++) emit("+", b[i]!);
  for (let i = a.length - suffix; i < endA; i++) emit(" ", a[i]!);
  return `${out.join("\n")}\n`;
}

/** Lines with their line endings kept, so a missing final newline is a difference. */
function splitLines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

/** `start,count` of a hunk (1-based; an empty range starts at the line before it). */
function range(start: number, count: number): string {
  return count === 0 ? `${start},0` : `${start + 1},${count}`;
}
