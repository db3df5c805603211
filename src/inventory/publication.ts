import { readdirSync } from "node:fs";
import path from "node:path";
import { readInside } from "../io/safe-read.js";

/** Something in a site repo that publishes it, whatever site.yaml says. */
export interface PublicationSignal {
  /** The file that shows it, relative to the site root. */
  file: string;
  /** Why it publishes the site, for a message. */
  why: string;
}

/** Steps of a CI workflow that deploy a static site to GitHub or GitLab Pages. */
const PAGES_DEPLOY = /actions\/deploy-pages|actions\/upload-pages-artifact|peaceiris\/actions-gh-pages|JamesIves\/github-pages-deploy-action|mkdocs\s+gh-deploy|ghp-import|\bgh-pages\b/;
const GITLAB_PAGES = /^pages\s*:/m;

function read(root: string, rel: string): string | null {
  const result = readInside(root, rel, { maxBytes: 1024 * 1024 });
  return result.ok ? result.text : null;
}

/**
 * Why a site looks published: a `CNAME` (GitHub Pages custom domain) at the root or in docs/,
 * a GitHub Actions workflow that deploys Pages, or a GitLab CI `pages` job.
 */
export function publicationSignals(root: string): PublicationSignal[] {
  const out: PublicationSignal[] = [];
  for (const rel of ["CNAME", "docs/CNAME"]) {
    const text = read(root, rel);
    if (text !== null) out.push({ file: rel, why: `${rel} names a custom domain for GitHub Pages (${text.trim().split(/\s+/)[0] || "empty"})` });
  }
  let workflows: string[] = [];
  try {
    workflows = readdirSync(path.join(root, ".github/workflows")).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    // no workflows
  }
  for (const name of workflows) {
    const rel = `.github/workflows/${name}`;
    const text = read(root, rel);
    const step = text && PAGES_DEPLOY.exec(text);
    if (step) out.push({ file: rel, why: `${rel} deploys GitHub Pages (${step[0].replace(/\s+/g, " ")})` });
  }
  const gitlab = read(root, ".gitlab-ci.yml");
  if (gitlab && GITLAB_PAGES.test(gitlab)) out.push({ file: ".gitlab-ci.yml", why: ".gitlab-ci.yml has a pages job (GitLab Pages)" });
  return out;
}

/** The profile a site is judged by: public when declared so or when something publishes it. */
export function judgedVisibility(site: { config: { visibility: "public" | "private" }; publication?: readonly PublicationSignal[] }): "public" | "private" {
  return site.config.visibility === "public" || (site.publication?.length ?? 0) > 0 ? "public" : "private";
}
