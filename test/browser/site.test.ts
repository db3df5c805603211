import { readFileSync, writeFileSync } from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanTempDirs, netstack, tempDir } from "../foundation/helpers.js";
import { copyFederation, NOW } from "../build/helpers.js";
import { launchChromium, serveStatic } from "./chromium.js";

const XSS = "<img src=x onerror=alert(1)>";
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  cleanTempDirs();
});

describe.each(["material", "mkdocs"] as const)("the built site in Chromium (theme %s)", (theme) => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const federation = copyFederation();
    const devices = path.join(federation, "cf/docs/devices.md");
    writeFileSync(devices, readFileSync(devices, "utf8").replace(/\|\s*cfups\s*\|\s*other\s*\|/, `| ${XSS} | other |`));
    const out = path.join(tempDir(), "out");
    const result = netstack(["build", path.join(federation, "federation.yaml"), "--out", out, "--now", NOW, "--mkdocs", "--theme", theme]);
    expect(result.stderr).toContain("mkdocs build --strict passed");
    server = await serveStatic(path.join(out, "site"));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** Opens a page with a tripwire: any alert, dialog or injected handler sets `__xss`. */
  async function open(rel: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`requestfailed: ${request.url()}`));
    page.on("request", (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith("data:") && !request.url().startsWith("blob:")) problems.push(`offsite: ${request.url()}`);
    });
    page.on("dialog", async (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });
    await page.addInitScript(() => {
      (window as unknown as { __xss: boolean }).__xss = false;
      window.alert = () => {
        (window as unknown as { __xss: boolean }).__xss = true;
      };
    });
    await page.goto(`${base}/${rel}`, { waitUntil: "load" });
    return { page, problems };
  }

  it("opens the index without errors", async () => {
    const { page, problems } = await open("index.html");
    await expect(page.locator("h1").first().textContent()).resolves.toContain("2cld");
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("renders the backup diagram to SVG", async () => {
    const { page, problems } = await open("backup.html");
    const svg = page.locator("div.mermaid svg");
    await svg.first().waitFor({ state: "attached", timeout: 30_000 });
    expect(await svg.count()).toBe(1);
    expect(await page.locator("div.mermaid svg .node").count()).toBe(3);
    expect(await page.locator("div.mermaid svg").textContent()).toContain("Cedar Falls");
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows the device named like a tag as text, and runs nothing", async () => {
    const { page, problems } = await open("sites/cf/devices.html");
    await expect(page.getByRole("cell", { name: XSS, exact: true }).count()).resolves.toBe(1);
    expect(await page.locator("img[src=x]").count()).toBe(0);
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => (window as unknown as { __xss: boolean }).__xss)).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("finds a device by name with the search box", async () => {
    const { page, problems } = await open("index.html");
    if (theme === "material") {
      await page.locator("input.md-search__input").click();
      await page.locator("input.md-search__input").pressSequentially("cfnas");
      const hit = page.locator(".md-search-result__item", { hasText: "cfnas" });
      await hit.first().waitFor({ timeout: 30_000 });
    } else {
      await page.locator("a[data-target='#mkdocs_search_modal'], a[data-bs-target='#mkdocs_search_modal']").first().click();
      // The theme searches on keyup; a query typed before its worker has built the index finds
      // nothing and is not run again, so on a loaded machine type it again until the index answers.
      const query = page.locator("#mkdocs-search-query");
      const hit = page.locator("#mkdocs-search-results", { hasText: "cfnas" });
      for (let attempt = 1; ; attempt++) {
        await query.fill("");
        await query.pressSequentially("cfnas");
        try {
          await hit.first().waitFor({ timeout: 10_000 });
          break;
        } catch (error) {
          if (attempt === 6) throw error;
        }
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
