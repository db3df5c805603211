import path from "node:path";
import { FatalError } from "../../diagnostics.js";
import { initFederation } from "../../scaffold/init.js";
import { INSTALL_SPEC_ENV, placeholderInstallSpec, resolveInstallSpec } from "../../scaffold/install-spec.js";
import { parseCommand, type Io } from "../io.js";

const HELP = `Usage: netstack init [dir] [--name N] [--install-spec SPEC] [--dry-run]

Starts a federation repo in dir (default: the current directory):
  federation.yaml                   its name, overlay network, backup policy and (empty) site list,
                                    each setting explained in a comment
  .github/workflows/federation.yml  CI: fetch the sites, check them, keep the inventory as an
                                    artifact, build the docs (mkdocs --strict), publish them
Neither file may exist yet. Then add sites:
  netstack create-site cf --federation federation.yaml ...   a new site
  netstack federation add ../sl                               an existing site directory
  netstack federation add https://git.example.org/you/wf.git  an existing site repo

Options:
      --name N            the federation's name (default: the directory's name)
      --install-spec SPEC where CI installs netstack from: a git URL with a release tag
                          (git+https://…/netstack.git#v1.2.3) or a tarball URL; default
                          $${INSTALL_SPEC_ENV}, else a placeholder to edit (netstack is not on the
                          npm registry). Kept in federation.yaml as netstack:, which
                          create-site --federation uses for the sites' CI and hooks.
      --dry-run           list what would be written, write nothing
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(argv, { name: { type: "string" }, "install-spec": { type: "string" }, "dry-run": { type: "boolean" } }, "init", HELP, io);
  if (values.help) return 0;
  if (positionals.length > 1) throw new FatalError(`init: give at most one directory (got ${positionals.length})`);
  const dir = positionals[0] ?? ".";
  const installSpec = resolveInstallSpec({ flag: values["install-spec"], env: io.env });
  const result = initFederation({ dir, cwd: io.cwd, name: values.name, installSpec, dryRun: values["dry-run"] });
  const shown = path.relative(io.cwd, result.root) || ".";
  const list = result.files.map((f) => `  ${path.join(shown, f)}\n`).join("");
  io.stdout(result.dryRun ? `Would write (dry run, nothing written):\n${list}` : `Started federation ${result.name} in ${shown}/:\n${list}`);
  if (installSpec === placeholderInstallSpec()) {
    io.stdout(`Edit netstack: in federation.yaml (and NETSTACK_PACKAGE in the workflow): where your netstack repo is, with a release tag (or set ${INSTALL_SPEC_ENV} before init).\n`);
  }
  if (!result.dryRun) {
    const cd = shown === "." ? "" : `cd ${shown} && `;
    io.stdout(`Next:\n  ${cd}netstack create-site <code> --federation federation.yaml --name <name> --role <role> --subnet <cidr> --yes\n  netstack federation add <site-dir | repo-url>   # a site that already exists\n`);
  }
  return 0;
}
