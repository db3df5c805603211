import type { Rule } from "../types.js";
import { atPoint, sitePath } from "../report.js";
import { SITE_FILES, UNREADABLE_FILE, type SiteModel } from "../../inventory/site.js";
import type { RecordKind } from "../../inventory/kinds.js";

/** What each file of the layout holds, and the word for it in messages. */
const HOLDS: Record<(typeof SITE_FILES)[number], { label: string; kinds: RecordKind[] }> = {
  "docs/devices.md": { label: "device", kinds: ["device", "link"] },
  "docs/services.md": { label: "service", kinds: ["service"] },
  "docs/network.md": { label: "overlay, share or backup", kinds: ["overlay", "share", "backup"] },
};

/** `docs/README.md (2 tables, 15 rows), README.md (1 table, 3 rows)`: where a kind's tables were found instead. */
function foundElsewhere(site: SiteModel, kinds: RecordKind[]): string | null {
  const byFile = new Map<string, { tables: number; rows: number }>();
  for (const file of site.files) {
    for (const t of file.tables) {
      const kept = kinds.reduce((n, k) => n + (t.outcome?.kept[k] ?? 0), 0);
      if (kept === 0) continue;
      const seen = byFile.get(file.rel) ?? { tables: 0, rows: 0 };
      seen.tables++;
      seen.rows += kept;
      byFile.set(file.rel, seen);
    }
  }
  if (byFile.size === 0) return null;
  return [...byFile]
    .map(([rel, { tables, rows }]) => `${rel} (${tables} ${tables === 1 ? "table" : "tables"}, ${rows} ${rows === 1 ? "row" : "rows"})`)
    .join(", ");
}

/**
 * A file of the layout is missing. The site's tables may live elsewhere (they are read wherever they
 * are): then this says where. A site whose site.yaml lists its `sources:` chose where its tables
 * live, and is not told.
 */
export const missingFile: Rule = {
  id: "site/missing-file",
  severity: "warn",
  summary: "docs/devices.md, docs/services.md or docs/network.md is missing (says where the tables were found instead)",
  scope: "site",
  check({ site }) {
    if (site.config.sources) return [];
    // A file that is there but was refused (site/unreadable-file) is reported as that, not as missing.
    const present = new Set([...site.files.map((f) => f.abs), ...site.configDiagnostics.filter((d) => d.ruleId === UNREADABLE_FILE).map((d) => d.file)]);
    return SITE_FILES.filter((rel) => !present.has(sitePath(site, rel))).map((rel) => {
      const { label, kinds } = HOLDS[rel];
      const where = foundElsewhere(site, kinds);
      const message = where ? `Missing ${rel}; the ${label} tables are in ${where}` : `Missing ${rel}; no ${label} tables anywhere in the site`;
      return atPoint(this, sitePath(site, rel), 1, 1, message);
    });
  },
};
