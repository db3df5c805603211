import { createRequire } from "node:module";
import { Chunked, FromFile, type OutputContent, type OutputTree } from "../output.js";
import { inventoryJsonChunks, inventoryYamlChunks } from "../inventory.js";
import { federationIndexPage, federationPages } from "./federation-pages.js";
import { mkdocsYml, type NavItem } from "./mkdocs-config.js";
import { prepare, sourced, type Current, type DocsInput, type DocsOptions, type Prepared, type SiteSummary, type SourcedInput } from "./prepare.js";
import { siteCurrentPages, siteTablePages, TABLE_PAGES } from "./site-pages.js";
import { TEMPLATE_DIR } from "./templates.js";

const require = createRequire(import.meta.url);

/** Mermaid from its npm package, shipped into the site: no CDN, the docs work air-gapped. */
const MERMAID_JS = "assets/javascripts/mermaid.min.js";
const MERMAID_INIT = "assets/javascripts/netstack-mermaid.js";
const STYLESHEET = "assets/stylesheets/netstack.css";

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

/** The pages that show backup state and findings: made on every build, never cached. */
export function currentDocs(current: Current): OutputTree {
  const tree: OutputTree = new Map();
  if (current.options.layout === "federation") tree.set("docs/index.md", federationIndexPage(current));
  for (const site of current.sites) for (const [rel, page] of siteCurrentPages(current, site)) tree.set(`docs/${rel}`, page);
  return tree;
}

export interface RenderedDocs {
  /** Every file of the project. */
  tree: OutputTree;
  /** The files made from the sources alone (not `currentDocs`): the same for the same input. */
  stable: string[];
  /** The sites as `currentDocs` needs them. */
  summaries: SiteSummary[];
}

/** The project of a sourced input, with which of its files depend only on that input. */
export function renderDocs(input: SourcedInput, options: DocsOptions): RenderedDocs {
  const prepared = prepare(input, options);
  const tree: OutputTree = new Map();
  const docs = (rel: string, content: OutputContent) => tree.set(`docs/${rel}`, content);
  if (options.layout === "federation") for (const [rel, page] of federationPages(prepared)) docs(rel, page);
  for (const site of prepared.sites) for (const [rel, page] of siteTablePages(prepared, site)) docs(rel, page);
  // Written a site at a time: as whole strings (two bytes a character once ‹redacted› is in
  // them) they were the largest values of a big build.
  docs("inventory.json", new Chunked(() => inventoryJsonChunks(prepared.inventory)));
  docs("inventory.yaml", new Chunked(() => inventoryYamlChunks(prepared.inventory)));
  docs(STYLESHEET, new FromFile(`${TEMPLATE_DIR}assets/netstack.css`));
  const mermaid = options.layout === "federation";
  if (mermaid) {
    docs(MERMAID_JS, new FromFile(require.resolve("mermaid/dist/mermaid.min.js")));
    docs(MERMAID_INIT, new FromFile(`${TEMPLATE_DIR}assets/netstack-mermaid.js`));
  }
  const siteName = options.layout === "site" ? `${prepared.sites[0]?.name ?? input.name} (${input.name})` : input.name;
  tree.set("mkdocs.yml", mkdocsYml(siteName, options.theme, nav(prepared), mermaid));
  const stable = [...tree.keys()];
  for (const [rel, content] of currentDocs(prepared)) tree.set(rel, content);
  const summaries = prepared.sites.map(({ code, name, role, root, dir, digest }) => ({ code, name, role, root, dir, digest }));
  return { tree, stable, summaries };
}

/**
 * The complete MkDocs project as a tree of files (mkdocs.yml and docs/), built only
 * from its input: two builds of the same input are byte-identical.
 */
export function buildDocs(input: DocsInput, options: DocsOptions): OutputTree {
  return renderDocs(sourced(input), options).tree;
}
