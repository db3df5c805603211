import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { FatalError } from "../diagnostics.js";
import { writeFileAtomic } from "../fs.js";
import { yamlScalar } from "./templates.js";

export const FEDERATION_FILE = "federation.yaml";
export const FEDERATION_WORKFLOW = ".github/workflows/federation.yml";

/** A commented federation.yaml with no sites yet: every setting a new operator decides on, explained. */
export function federationYaml(options: { name: string; installSpec: string }): string {
  return `# The federation: its sites, the overlay network that joins them and the backup policy.
# netstack check, inventory and build read this file (reference: netstack's docs/config.md).
name: ${yamlScalar(options.name)}

# Where CI and the sites' commit hooks install netstack from: a git URL with a release tag, or a
# tarball URL (netstack is not on the npm registry).
netstack: ${yamlScalar(options.installSpec)}

# The overlay network every site joins. kind: zerotier, wireguard, tailscale or other. With cidr
# set, every overlay address in the sites' tables must be inside it; they must be unique anyway.
overlay:
  kind: zerotier
  name: federation
  # cidr: 10.147.17.0/24

# Every site's backups must reach minOffsite other sites. While that is every other site (three
# sites, minOffsite 2), each pair needs a push and a pull, in both directions. tiers: how many
# other sites must hold each tier's data. A .backup-state older than maxAge is stale.
backup:
  minOffsite: 2
  maxAge: 24h
  # tiers:
  #   critical: 2
  #   media: 1

# Per-rule severity for every site (off, warn or error), e.g.:
# rules:
#   device/duplicate-mac: off

# The sites: each is a directory (path:, relative to this file) or a git repo (repo:, with an
# optional ref:). netstack create-site --federation and netstack federation add write them.
sites: []
`;
}

/** The federation repo's CI: fetch the sites, check them, keep the inventory, build and publish the docs. */
export function federationWorkflow(options: { installSpec: string }): string {
  return `# The federation's CI (netstack init): fetch every site, check them all, keep the inventory as
# a build artifact, build the docs with MkDocs and publish them with GitHub Pages.
name: federation

on:
  push:
  pull_request:
  schedule:
    - cron: "17 5 * * *"   # daily, so a stale backup or a site's new commit shows up
  workflow_dispatch:

permissions:
  contents: read

env:
  # Where netstack comes from: a git URL with a release tag, or a tarball URL.
  NETSTACK_PACKAGE: ${yamlScalar(options.installSpec)}
  # Repo sites are cloned here (kept between steps of the job).
  NETSTACK_SITES: .netstack-sites

jobs:
  docs:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install netstack and MkDocs
        run: |
          npm install --global "$NETSTACK_PACKAGE"
          sudo apt-get update
          sudo apt-get install --yes mkdocs mkdocs-material python3-pymdownx
      - name: Fetch the sites
        run: netstack federation fetch federation.yaml --cache "$NETSTACK_SITES"
      - name: Check
        run: netstack check federation.yaml --offline --cache "$NETSTACK_SITES" --format github
      - name: Inventory
        run: netstack inventory federation.yaml --offline --cache "$NETSTACK_SITES" --format json -o build/inventory.json
      - uses: actions/upload-artifact@v4
        with:
          name: inventory
          path: build/inventory.json
      - name: Build the docs
        run: netstack build federation.yaml --offline --cache "$NETSTACK_SITES" --out build/site --mkdocs
      - uses: actions/upload-pages-artifact@v3
        if: github.event_name != 'pull_request'
        with:
          path: build/site/site

  publish:
    if: github.event_name != 'pull_request'
    needs: docs
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;
}

export interface InitOptions {
  dir: string;
  /** What `dir` is relative to, for messages (default: the process's working directory). */
  cwd?: string;
  name?: string;
  installSpec: string;
  dryRun?: boolean;
}

export interface InitResult {
  root: string;
  name: string;
  files: string[];
  dryRun: boolean;
}

/**
 * `netstack init [dir]`: a new federation repo, federation.yaml and its CI workflow. Refuses to
 * overwrite either file; the directory may exist (an empty repo, a clone).
 */
export function initFederation(options: InitOptions): InitResult {
  const root = path.resolve(options.cwd ?? process.cwd(), options.dir);
  if (existsSync(root) && !statSync(root).isDirectory()) throw new FatalError(`${options.dir}: exists and is not a directory`);
  const name = (options.name ?? path.basename(root)).trim();
  if (name === "" || /[\r\n]/.test(name)) throw new FatalError("init: --name must be one non-empty line");
  const files = new Map([
    [FEDERATION_FILE, federationYaml({ name, installSpec: options.installSpec })],
    [FEDERATION_WORKFLOW, federationWorkflow({ installSpec: options.installSpec })],
  ]);
  for (const rel of files.keys()) {
    if (existsSync(path.join(root, rel))) throw new FatalError(`${path.join(options.dir, rel)}: already exists; init writes only new files`);
  }
  const result = { root, name, files: [...files.keys()], dryRun: Boolean(options.dryRun) };
  if (options.dryRun) return result;
  for (const [rel, text] of files) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileAtomic(path.join(root, rel), text);
  }
  return result;
}
