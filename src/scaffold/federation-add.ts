import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { FatalError } from "../diagnostics.js";
import { defaultCacheDir, repoCachePath, repoLocation, syncRepo } from "../federation/repo-cache.js";
import { maskUrlCredentials } from "../git/run.js";
import { writeFileAtomic } from "../fs.js";
import { loadSite } from "../inventory/site.js";
import { unifiedDiff } from "./diff.js";
import { planFederationEntry, sitePathFrom, type FederationSiteEntry } from "./federation-entry.js";

export interface FederationAddOptions {
  /** federation.yaml to add the site to. */
  federation: string;
  /** A site directory, or a git URL of a site repo. */
  site: string;
  /** For a repo site: the branch or tag to check out. */
  ref?: string;
  /** Overrides of what the site's site.yaml says. */
  code?: string;
  name?: string;
  role?: string;
  cwd?: string;
  /** Where a repo site is cloned to read its site.yaml (the cache check uses). */
  cache?: string;
  env?: NodeJS.ProcessEnv;
  dryRun?: boolean;
}

export interface FederationAddResult {
  file: string;
  entry: FederationSiteEntry;
  diff: string;
  dryRun: boolean;
}

/** A git URL rather than a directory: a scheme (https://, ssh://, file://, git+…) or scp-like `user@host:path`. */
export function looksLikeRepoUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[\w.-]+@[\w.-]+:/.test(value);
}

/**
 * `netstack federation add`: lists an existing site in federation.yaml by what its site.yaml
 * says (code, name, role), as `path:` for a directory or `repo:` (cloned into the cache to read
 * it) for a git URL. Every other byte of federation.yaml stays as it was.
 */
export async function addSiteToFederation(options: FederationAddOptions): Promise<FederationAddResult> {
  const cwd = options.cwd ?? process.cwd();
  const file = path.resolve(cwd, options.federation);
  if (!existsSync(file)) throw new FatalError(`${options.federation}: not found; netstack init writes one`);
  let root: string;
  let location: Pick<FederationSiteEntry, "path" | "repo" | "ref">;
  if (looksLikeRepoUrl(options.site)) {
    const cacheDir = path.resolve(cwd, options.cache ?? defaultCacheDir(options.env));
    // As check and build read a repo: an allowed transport only, credentials never in a message.
    const shown = maskUrlCredentials(options.site);
    const located = repoLocation(options.site, path.dirname(file));
    if (!located.ok) throw new FatalError(`federation add: cannot fetch ${shown}: ${located.reason}`);
    const synced = await syncRepo(located.url, repoCachePath(cacheDir, options.code ?? "site", located.url), { ref: options.ref, env: options.env });
    if (!synced.ok) throw new FatalError(`federation add: cannot fetch ${shown}: ${synced.reason}`);
    root = synced.dir;
    location = options.ref ? { repo: options.site, ref: options.ref } : { repo: options.site };
  } else {
    root = path.resolve(cwd, options.site);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new FatalError(`${options.site}: no such directory (give a site directory or a git URL)`);
    if (options.ref) throw new FatalError("federation add: --ref is for a git URL, not a directory");
    location = { path: sitePathFrom(file, root) };
  }
  const config = existsSync(path.join(root, "site.yaml")) ? loadSite(root).config : null;
  const code = options.code ?? config?.code;
  const name = options.name ?? config?.name;
  if (!code || !name) throw new FatalError(`federation add: ${options.site} has no site.yaml naming its code and name; give --code and --name`);
  const role = options.role ?? config?.role;
  const entry: FederationSiteEntry = { code, name, ...(role ? { role } : {}), ...location };
  const edit = planFederationEntry(file, entry);
  const result = { file, entry, diff: unifiedDiff(path.relative(cwd, file) || file, edit.before, edit.after), dryRun: Boolean(options.dryRun) };
  if (!options.dryRun) writeFileAtomic(file, edit.after);
  return result;
}
