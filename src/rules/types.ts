import type { Diagnostic, Severity } from "../diagnostics.js";
import type { SiteModel } from "../inventory/site.js";
import type { FederationConfig } from "../config/federation.js";
import type { KnownTokens } from "./sensitive/known-tokens.js";
import type { Sighting } from "../observe/types.js";

export type Profile = "public" | "private";

/** A site's entry in federation.yaml: where findings about a site as a whole point when it has no table for them. */
export interface SiteEntry {
  code: string;
  /** Position of the entry in federation.yaml. */
  line: number;
  column: number;
  /** The loaded site, or null when it could not be fetched or read. */
  site: SiteModel | null;
}

/** What a rule sees: the site being judged, and (for `check`) the rest of the federation. */
export interface RuleContext {
  site: SiteModel;
  /** Every site of the federation, this one included; just `[site]` for `lint` of a lone site. */
  sites: SiteModel[];
  /** The federation config when one was loaded. */
  federation: FederationConfig | null;
  /** Absolute path of federation.yaml, when one was loaded. */
  federationFile: string | null;
  profile: Profile;
  /** `lint` runs site-scoped rules; `check` adds cross-site ones; `drift` runs the drift rules. */
  mode: "lint" | "check" | "drift";
  /** federation.yaml's site entries in order (check of a federation only). */
  entries?: readonly SiteEntry[];
  /**
   * Known-token findings (secretlint, whose API is async) for `sensitive/secret`, from
   * `scanKnownTokens(files)` run before the rules; without it only the other patterns are checked.
   */
  knownTokens?: KnownTokens;
  /**
   * The files whose findings are reported (absolute paths): the files named to `lint`, judged with
   * their whole site as context. Absent: every file. Rules that judge a file by its own content
   * alone skip the others (`reportedFiles`); rules comparing records across files read them all.
   */
  reportOn?: ReadonlySet<string>;
  /** The time rules judge ages against (epoch ms; `status/stale-backup`); the clock when absent. */
  now?: number;
  /** What the network showed (`netstack drift`): the drift rules compare it with the inventory. */
  drift?: DriftInput;
}

/** The observations `netstack drift` was given, and those recorded by earlier runs. */
export interface DriftInput {
  /** Sightings from the files named on the command line, in their order. */
  sightings: readonly Sighting[];
  /** Sightings recorded in ops/sensitive/observed/ by earlier `drift --record` runs. */
  history: readonly Sighting[];
}

/**
 * A rule: one pure function from a site (and its federation) to diagnostics.
 * Its examples live in `<rule>.examples.md` beside it and are run by one test.
 */
export interface Rule {
  id: string;
  severity: Severity;
  summary: string;
  /**
   * `site` rules run in lint and check; `federation` rules need every site and run in check only;
   * `drift` rules compare observations with the inventory and run in `netstack drift` only.
   */
  scope: "site" | "federation" | "drift";
  fixable?: boolean;
  check(ctx: RuleContext): Diagnostic[];
}
