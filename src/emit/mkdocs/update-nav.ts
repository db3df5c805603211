import { existsSync } from "node:fs";
import path from "node:path";
import { isInside, MAX_CONFIG_BYTES, readInside, refusalText } from "../../io/safe-read.js";
import fg from "fast-glob";
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import { FatalError } from "../../diagnostics.js";
import { writeFileAtomic } from "../../fs.js";
import type { NavItem } from "./mkdocs-config.js";

export const SITE_MKDOCS = ".mkdocs/mkdocs.yml";

/** Never in a site's nav: private, generated or session files. */
const EXCLUDED = ["ops/sensitive/**", "docs/log/**", "site/**", "**/node_modules/**"];
const SECTION_TITLES: Record<string, string> = { docs: "Documentation", ops: "Operations" };
const FIRST_PAGES = ["index.md", "readme.md", "devices.md", "services.md", "network.md"];

/** Titles the operator already gave in the nav, by path: a rewrite keeps them. */
function existingTitles(node: unknown, out = new Map<string, string>()): Map<string, string> {
  if (isSeq(node)) for (const item of node.items) existingTitles(item, out);
  else if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key) && isScalar(pair.value)) out.set(String(pair.value.value), String(pair.key.value));
      else if (isPair(pair)) existingTitles(pair.value, out);
    }
  }
  return out;
}

function titleOf(siteRoot: string, file: string, rel: string, atRoot: boolean): string {
  const base = path.posix.basename(rel).toLowerCase();
  if (base === "readme.md" || base === "index.md") return atRoot ? "Home" : "Overview";
  // Through the safe reader: a page that links out of the site or is a FIFO gives no title.
  const read = readInside(siteRoot, file);
  const heading = read.ok ? /^#\s+(.+?)\s*#*\s*$/m.exec(read.text)?.[1] : undefined;
  if (heading) return heading.replace(/[*_`]/g, "");
  const stem = path.posix.basename(rel, ".md").replace(/[-_]+/g, " ");
  return stem.charAt(0).toUpperCase() + stem.slice(1);
}

function order(a: string, b: string): number {
  const rank = (p: string) => {
    const i = FIRST_PAGES.indexOf(path.posix.basename(p).toLowerCase());
    return i === -1 ? FIRST_PAGES.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** The nav for the Markdown files of a docs dir: pages first, then one section per directory. */
export function navFromFiles(docsDir: string, siteRoot: string, titles: Map<string, string>): NavItem[] {
  const excluded = new Set(
    fg.sync(EXCLUDED, { cwd: siteRoot, dot: true, onlyFiles: true, absolute: true, suppressErrors: true }),
  );
  const files = fg
    .sync(["**/*.md"], { cwd: docsDir, dot: false, onlyFiles: true, suppressErrors: true, ignore: ["**/node_modules/**"] })
    .filter((rel) => !excluded.has(path.join(docsDir, rel)) && !rel.startsWith("site/"))
    .sort(order);
  const build = (prefix: string): NavItem[] => {
    const here = files.filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes("/")).sort(order);
    const dirs = [...new Set(files.filter((f) => f.startsWith(prefix) && f.slice(prefix.length).includes("/")).map((f) => f.slice(prefix.length).split("/")[0]!))].sort();
    return [
      ...here.map((rel) => ({ [titles.get(rel) ?? titleOf(siteRoot, path.join(docsDir, rel), rel, prefix === "")]: rel })),
      ...dirs.map((dir) => ({ [SECTION_TITLES[dir] ?? dir.charAt(0).toUpperCase() + dir.slice(1)]: build(`${prefix}${dir}/`) })),
    ];
  };
  return build("");
}

/**
 * `netstack build <site-dir> --update-nav`: rewrites the nav of the site's own
 * `.mkdocs/mkdocs.yml` from the Markdown files present under its docs_dir. The rest of the
 * file, comments included, is kept (yaml's Document API edits in place).
 */
export function updateSiteNav(siteRoot: string): { file: string; changed: boolean } {
  const file = path.join(siteRoot, SITE_MKDOCS);
  if (!existsSync(file)) throw new FatalError(`${file}: no such file (netstack create-site writes one)`);
  const read = readInside(siteRoot, file, { maxBytes: MAX_CONFIG_BYTES });
  if (!read.ok) throw new FatalError(`${file}: ${refusalText(read, file)}`);
  const text = read.text;
  const doc = parseDocument(text);
  if (doc.errors.length) throw new FatalError(`${file}: ${doc.errors[0]!.message.split("\n")[0]}`);
  const docsDirValue = doc.get("docs_dir");
  const docsDir = path.resolve(path.dirname(file), typeof docsDirValue === "string" ? docsDirValue : "docs");
  if (!existsSync(docsDir)) throw new FatalError(`${file}: docs_dir ${String(docsDirValue)} does not exist`);
  if (!isInside(path.resolve(siteRoot), docsDir)) throw new FatalError(`${file}: docs_dir ${String(docsDirValue)} is outside the site`);
  const titles = existingTitles(doc.get("nav", true) as YamlNode | undefined);
  const nav = navFromFiles(docsDir, siteRoot, titles);
  doc.set("nav", doc.createNode(nav));
  const next = doc.toString({ lineWidth: 0 });
  if (next === text) return { file, changed: false };
  writeFileAtomic(file, next);
  return { file, changed: true };
}
