import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

let table: Record<string, string> | null | undefined;

/** The IEEE MA-L registry of the `oui-data` package (5 MB of JSON): loaded on first use only. */
function registry(): Record<string, string> | null {
  if (table !== undefined) return table;
  try {
    const file = createRequire(import.meta.url).resolve("oui-data");
    table = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  } catch {
    table = null;
  }
  return table;
}

/**
 * The vendor a MAC's OUI is registered to (`b8:27:eb:…` → "Raspberry Pi Foundation"), offline.
 * A locally administered address (a phone's private MAC, a VM's made-up one) has no vendor.
 */
export function macVendor(mac: string): string | null {
  const first = Number.parseInt(mac.slice(0, 2), 16);
  if (!Number.isFinite(first) || (first & 2) === 2) return null;
  const entry = registry()?.[mac.slice(0, 8).replace(/:/g, "").toUpperCase()];
  return entry ? (entry.split("\n")[0]!.trim() || null) : null;
}
