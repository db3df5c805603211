import { FatalError } from "../diagnostics.js";
import { VERSION } from "../version.js";

/**
 * Where generated files (CI workflows, hook configs, READMEs) install netstack from: an npm
 * install spec such as `git+https://git.example.org/you/netstack.git#v0.2.0` or a tarball URL.
 * netstack has no name on the npm registry, so there is no default that works everywhere: it is
 * the `--install-spec` flag, else `NETSTACK_INSTALL_SPEC`, else federation.yaml's `netstack:`,
 * else a placeholder that says what to put there.
 */
export const INSTALL_SPEC_ENV = "NETSTACK_INSTALL_SPEC";

export function placeholderInstallSpec(version: string = VERSION): string {
  return `git+https://git.example.org/you/netstack.git#v${version}`;
}

/** A spec checked for what would break the files it is written into, or name a registry package. */
export function validateInstallSpec(value: string, source: string): string {
  const spec = value.trim();
  if (spec === "") throw new FatalError(`${source} must not be empty`);
  if (/[\s"'`$\\]/.test(spec)) throw new FatalError(`${source} "${spec}" must be one word without quotes, spaces, $ or \\`);
  if (/^netstack(@[^/]*)?$/.test(spec)) {
    throw new FatalError(`${source} "${spec}" names the npm registry, where netstack is not published; give a git URL with a tag (git+https://…/netstack.git#v${VERSION}) or a tarball`);
  }
  return spec;
}

/** The spec in force: the flag, the environment, the federation's, or the placeholder. */
export function resolveInstallSpec(options: { flag?: string | null; env?: NodeJS.ProcessEnv; federation?: string | null }): string {
  if (options.flag) return validateInstallSpec(options.flag, "--install-spec");
  const fromEnv = (options.env ?? process.env)[INSTALL_SPEC_ENV];
  if (fromEnv) return validateInstallSpec(fromEnv, INSTALL_SPEC_ENV);
  if (options.federation) return validateInstallSpec(options.federation, "federation.yaml netstack");
  return placeholderInstallSpec();
}
