/**
 * Known token formats, matched synchronously so every output (pages, exports, messages) can be
 * masked without loading secretlint. `netstack lint` also runs secretlint's recommended preset,
 * lazily, for the long tail of formats (see src/rules/sensitive/known-tokens.ts).
 */
export interface TokenFormat {
  name: string;
  re: RegExp;
}

/** Formats by name, each a whole token; `\b` is not enough where `-` and `_` are token characters. */
const FORMATS: TokenFormat[] = [
  { name: "AWS access key id", re: /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  { name: "GitHub token", re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{40,255})(?![A-Za-z0-9_])/g },
  { name: "GitLab token", re: /(?<![A-Za-z0-9_-])(?:glpat|glptt|gldt|glrt|glcbt|glft|glimt|glagent|glsoat)-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g },
  { name: "Slack token", re: /(?<![A-Za-z0-9-])xox[abposr]-(?:\d+-)+[A-Za-z0-9-]{8,}(?![A-Za-z0-9-])|https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g },
  { name: "OpenAI or Anthropic key", re: /(?<![A-Za-z0-9_-])sk-(?:ant-|proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g },
  { name: "npm token", re: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g },
  { name: "Hugging Face token", re: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,40}(?![A-Za-z0-9_])/g },
  { name: "Google API key", re: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g },
  { name: "SendGrid key", re: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}(?![A-Za-z0-9_-])/g },
  { name: "Shopify token", re: /(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])/g },
  { name: "Docker Hub token", re: /(?<![A-Za-z0-9_])dckr_pat_[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g },
  { name: "Stripe key", re: /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}(?![A-Za-z0-9_])/g },
  { name: "Grafana token", re: /(?<![A-Za-z0-9_])(?:glc|glsa)_[A-Za-z0-9_]{32,}(?![A-Za-z0-9_])/g },
  { name: "Vault token", re: /(?<![A-Za-z0-9_.])hv[sbr]\.[A-Za-z0-9_-]{24,}(?![A-Za-z0-9_-])/g },
  { name: "Tailscale key", re: /(?<![A-Za-z0-9_-])tskey-[a-z]+-[A-Za-z0-9]{8,}-[A-Za-z0-9]{16,}(?![A-Za-z0-9_-])/g },
  { name: "JSON web token", re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?![A-Za-z0-9_-])/g },
  { name: "private key", re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g },
];

export interface TokenMatch {
  what: string;
  start: number;
  end: number;
  secret: string;
}

/** Cheap necessary condition: every format above holds one of these. */
const MARK = /AKIA|ASIA|A3T|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|gh[pousr]_|github_pat_|gl[a-z]*-|xox|hooks\.slack|sk-|npm_|hf_|AIza|SG\.|shp|dckr_|_live_|_test_|glc_|glsa_|hv[sbr]\.|tskey-|eyJ|PRIVATE KEY/;

/** Every token of a known format in a text, in text order. */
export function findKnownTokens(text: string): TokenMatch[] {
  if (!MARK.test(text)) return [];
  const out: TokenMatch[] = [];
  for (const { name, re } of FORMATS) {
    for (const m of text.matchAll(re)) out.push({ what: name, start: m.index!, end: m.index! + m[0].length, secret: m[0] });
  }
  return out.sort((a, b) => a.start - b.start);
}
