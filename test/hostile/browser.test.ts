import { readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanTempDirs, tempDir } from "../foundation/helpers.js";
import { launchChromium, serveStatic } from "../browser/chromium.js";
import { HOSTILE, hostileSite, run } from "./helpers.js";

/**
 * Rows 4 and 5 of the hostile-input suite (see hostile.test.ts): names and prose of a site are
 * published by the real `mkdocs build --strict` with both themes, and every page is opened in
 * Chromium with a tripwire on alert(), dialogs and script errors. A payload calls
 * alert('PLANTED-4') or alert('PLANTED-5').
 */
const NOW = "2026-05-18T00:00:00Z";

function htmlPages(dir: string, rel = ""): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return child === "assets" || child === "search" ? [] : htmlPages(dir, child);
    return e.name.endsWith(".html") ? [child] : [];
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  cleanTempDirs();
});

/** Builds the case with mkdocs and opens every page; returns what fired, per page. */
async function openAll(site: string, target: string, theme: string): Promise<{ pages: string[]; fired: string[]; html: string }> {
  const out = path.join(tempDir(), "out");
  const result = run(site, ["build", target, "--out", out, "--now", NOW, "--mkdocs", "--theme", theme]);
  expect(result.stderr).toContain("mkdocs build --strict passed");
  const root = path.join(out, "site");
  const server = await serveStatic(root);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fired: string[] = [];
  const pages = htmlPages(root);
  let html = "";
  try {
    for (const rel of pages) {
      html += readFileSync(path.join(root, rel), "utf8");
      const page = await browser.newPage();
      page.on("dialog", async (dialog) => {
        fired.push(`${rel}: dialog ${dialog.message()}`);
        await dialog.dismiss();
      });
      page.on("pageerror", (error) => fired.push(`${rel}: ${error.message}`));
      await page.addInitScript(() => {
        window.alert = (message?: unknown) => {
          throw new Error(`alert ran: ${String(message)}`);
        };
      });
      await page.goto(`${base}/${rel}`, { waitUntil: "load" });
      // Elements a payload would need: an event handler attribute or an active link.
      const active = await page.evaluate(() =>
        [...document.querySelectorAll("*")].flatMap((el) => [
          ...[...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`),
          ...(/^(javascript|data|vbscript):/i.test(el.getAttribute("href") ?? "") ? [`${el.tagName} href=${el.getAttribute("href")}`] : []),
          ...(el.tagName === "IMG" && /^data:/i.test(el.getAttribute("src") ?? "") ? ["IMG data: src"] : []),
        ]),
      );
      for (const a of active) fired.push(`${rel}: ${a}`);
      await page.close();
    }
  } finally {
    server.close();
  }
  return { pages, fired, html };
}

describe.each(["material", "mkdocs"] as const)("hostile names and prose in Chromium (theme %s)", (theme) => {
  it("4: federation and site names holding HTML show as text on every page, in the title and the nav", async () => {
    const fed = path.join(tempDir("netstack-hostile-"), "federation");
    const site = hostileSite("04-names");
    const { mkdirSync, cpSync } = await import("node:fs");
    mkdirSync(fed, { recursive: true });
    cpSync(site, path.join(fed, "ts"), { recursive: true });
    cpSync(path.join(HOSTILE, "04-names/federation.yaml"), path.join(fed, "federation.yaml"));
    const { pages, fired, html } = await openAll(fed, "federation.yaml", theme);
    expect(pages.length).toBeGreaterThan(5);
    expect(fired).toEqual([]);
    // (Attribute values left out: material puts the name, escaped, into title="…".)
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<img src=x onerror|<script>alert|<svg onload|<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(html).toContain("&lt;img src=x onerror=alert(");
  }, 600_000);

  it("5: raw HTML, javascript: and data: links in prose run nothing; allowed inline tags stay", async () => {
    const site = hostileSite("05-prose");
    const { fired, html } = await openAll(site, ".", theme);
    expect(fired).toEqual([]);
    // Only as escaped text: no tag with an event handler, no script tag of the payload, no active link.
    expect(html).not.toMatch(/<script>alert|href="\s*(javascript|data):|src="data:/i);
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(html).toContain("&lt;img src=x onerror=alert('PLANTED-5')&gt;");
    expect(html).toContain("<kbd>Ctrl</kbd>");
    expect(html).toContain("&lt;script&gt;alert(");
  }, 600_000);
});
