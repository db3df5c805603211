import type { SecretLintCoreConfig } from "@secretlint/types";
import { asciiSet, runEnd } from "../../text/runs.js";

/** A token of a known format (cloud key, GitHub or Slack token, private key block…) found by secretlint. */
export interface TokenMatch {
  what: string;
  start: number;
  end: number;
  secret: string;
}

/** Known-token findings per file (absolute path), prepared before the rules run. */
export type KnownTokens = ReadonlyMap<string, readonly TokenMatch[]>;

/**
 * Loading secretlint and its preset costs more than linting a small site (measured: 50–130 ms
 * to import, 10–30 ms for the first scan), so it is loaded only for a text that could hold a
 * known token: a prefix of a format the recommended preset knows, a PEM block, a password in a
 * URL, the AWS context words, or any long unbroken base64-like run (what every random token is).
 */
const TOKEN_PREFIXES = [
  "A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|[Aa][Ww][Ss]|secret_", // AWS key ids and key context
  "gh[pousr]_|github_pat_|glpat-|glc_|glsa_", // GitHub, GitLab, Grafana
  "xox[a-z]-|xapp-", // Slack
  "sk-|gsk_|hf_|npm_|dapi|SG\\.|shp(?:at|ca|pa|ss)_|figd_|lin_api_|ntn_|ops_ey|dckr_pat_|hv[sbr]\\.|vc[pikar]_",
  "_authToken|\"auth\"|private_key",
];
const TOKEN_PREFIX = new RegExp(`(?<![A-Za-z])(?:${TOKEN_PREFIXES.join("|")})`);
const URL_PASSWORD = /:\/\/[^\s/@]*:[^\s/@]*@/;
/** Characters of a base64-like run: `[A-Za-z0-9_+=]`; any random token holds LONG_RUN in a row. */
const RUN_CHAR = asciiSet(/[A-Za-z0-9_+=]/);
const LONG_RUN = 32;

/** Each alternative tested on its own, the cheap ones first: one combined regex is the slowest way. */
export function mayHoldToken(text: string): boolean {
  return text.includes("-----BEGIN") || (text.includes("://") && URL_PASSWORD.test(text)) || TOKEN_PREFIX.test(text) || runEnd(text, RUN_CHAR, LONG_RUN) >= 0;
}

let configPromise: Promise<{ lintSource: typeof import("@secretlint/core").lintSource; config: SecretLintCoreConfig }> | null = null;

function loadSecretlint() {
  configPromise ??= Promise.all([import("@secretlint/core"), import("@secretlint/secretlint-rule-preset-recommend")]).then(([core, preset]) => ({
    lintSource: core.lintSource,
    config: {
      rules: [
        {
          id: "@secretlint/secretlint-rule-preset-recommend",
          rule: preset.creator,
          // An access key id in docs is half a credential; the preset only looks for the secret half by default.
          rules: [{ id: "@secretlint/secretlint-rule-aws", options: { enableIDScanRule: true } }],
        },
      ],
    },
  }));
  return configPromise;
}

/** Runs secretlint's recommended preset over the files that may hold a token. */
export async function scanKnownTokens(files: readonly { abs: string; text: string }[]): Promise<KnownTokens> {
  const out = new Map<string, TokenMatch[]>();
  const candidates = files.filter((f) => mayHoldToken(f.text));
  if (candidates.length === 0) return out;
  const { lintSource, config } = await loadSecretlint();
  for (const file of candidates) {
    const result = await lintSource({
      source: { content: file.text, filePath: file.abs, ext: ".md", contentType: "text" },
      options: { config, noPhysicFilePath: true },
    });
    const found = result.messages
      .filter((m) => m.type === "message")
      .map(({ messageId, range: [start, end] }) => ({ what: `Known token format ${messageId}`, start, end, secret: file.text.slice(start, end) }));
    if (found.length) out.set(file.abs, found);
  }
  return out;
}
