import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Chunked, type OutputContent, type OutputTree } from "../output.js";
import { inventoryJsonChunks, inventoryYamlChunks } from "../inventory.js";
import { federationPages } from "./federation-pages.js";
import { mkdocsYml, type NavItem } from "./mkdocs-config.js";
import { prepare, type DocsInput, type DocsOptions, type Prepared } from "./prepare.js";
import { sitePages, TABLE_PAGES } from "./site-pages.js";
import { TEMPLATE_DIR } from "./templates.js";

const require = createRequire(import.meta.url);

/** Mermaid from its npm package, shipped into the site: no CDN, the docs work air-gapped. */
const MERMAID_JS = "assets/javascripts/mermaid.min.js";
const MERMAID_INIT = "assets/javascripts/netstack-mermaid.js";

function siteNav(dir: string): NavItem[] {
  return [
    { Overview: `${dir}index.md` },
    ...TABLE_PAGES.map((p) => ({ [p.title]: `${dir}${p.page}.md` })),
    { Status: `${dir}status.md` },
  ];
}

function nav(prepared: Prepared): NavItem[] {
  if (prepared.options.layout === "site") return siteNav("");
  return [
    { Home: "index.md" },
    { Backup: "backup.md" },
    { Inventory: "inventory.md" },
    { Sites: prepared.sites.map((s) => ({ [`${s.code} · ${s.name}`]: siteNav(s.dir) })) },
  ];
}

/**
 * The complete MkDocs project of SPEC §8 as a tree of files (mkdocs.yml and docs/), built only
 * from its input: two builds of the same input are byte-identical.
 */
export function buildDocs(input: DocsInput, options: DocsOptions): OutputTree {
  const prepared = prepare(input, options);
  const tree: OutputTree = new Map();
  const docs = (rel: string, content: OutputContent) => tree.set(`docs/${rel}`, content);
  if (options.layout === "federation") for (const [rel, page] of federationPages(prepared)) docs(rel, page);
  for (const site of prepared.sites) for (const [rel, page] of sitePages(prepared, site)) docs(rel, page);
  // Written a site at a time: as whole strings (two bytes a character once ‹redacted› is in
  // them) they were the largest values of a big build.
  docs("inventory.json", new Chunked(() => inventoryJsonChunks(prepared.inventory)));
  docs("inventory.yaml", new Chunked(() => inventoryYamlChunks(prepared.inventory)));
  const mermaid = options.layout === "federation";
  if (mermaid) {
    docs(MERMAID_JS, readFileSync(require.resolve("mermaid/dist/mermaid.min.js")));
    docs(MERMAID_INIT, readFileSync(`${TEMPLATE_DIR}assets/netstack-mermaid.js`));
  }
  const siteName = options.layout === "site" ? `${prepared.sites[0]?.name ?? input.name} (${input.name})` : input.name;
  tree.set("mkdocs.yml", mkdocsYml(siteName, options.theme, nav(prepared), mermaid));
  return tree;
}
