import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./chromium.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanTempDirs, netstack, tempDir } from "../foundation/helpers.js";
import { copyFederation, NOW } from "../build/helpers.js";

/**
 * The pages people read, as Chromium lays them out at a desktop (1280 px) and a phone (390 px)
 * width, in both themes. Screenshots go to NETSTACK_SCREENSHOTS (default: a temp dir) to be
 * looked at; the assertions measure what a reader would see.
 */
const SHOTS = process.env.NETSTACK_SCREENSHOTS ?? path.join(tempDir("netstack-shots-"), "shots");
mkdirSync(SHOTS, { recursive: true });

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  cleanTempDirs();
});

describe.each(["material", "mkdocs"] as const)("pages in Chromium (theme %s)", (theme) => {
  let site: string;
  beforeAll(() => {
    const federation = copyFederation();
    // A failed backup at one site, so its status page shows the failure admonition.
    writeFileSync(path.join(federation, "wf/ops/backup/.backup-state"), "2026-05-17T03:10:00Z FAIL target unreachable\n");
    const out = path.join(tempDir(), "out");
    const result = netstack(["build", path.join(federation, "federation.yaml"), "--out", out, "--now", NOW, "--mkdocs", "--theme", theme, "--no-cache"]);
    expect(result.stderr).toContain("mkdocs build --strict passed");
    site = path.join(out, "site");
  });

  async function open(rel: string, width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`file://${path.join(site, rel)}`, { waitUntil: "load" });
    return page;
  }

  const shot = (page: Page, name: string, width: number) => page.screenshot({ path: path.join(SHOTS, `${theme}-${name}-${width}.png`), fullPage: true });

  it("the index's tables fit 1280 px with every column in view", async () => {
    const page = await open("index.html", 1280);
    await shot(page, "index", 1280);
    // The page's own tables (the mkdocs theme also has one in its keyboard-shortcuts dialog).
    const tables = await page.$$eval(".md-content table, [role=main] table", (list) =>
      list.map((table) => {
        const last = table.querySelector("tr th:last-child, tr td:last-child")!.getBoundingClientRect();
        const scroller = table.parentElement!;
        return {
          header: [...table.querySelectorAll("thead th")].map((th) => th.textContent!.trim()),
          lastRight: Math.round(last.right),
          overflow: scroller.scrollWidth - scroller.clientWidth,
        };
      }),
    );
    expect(tables.map((t) => t.header.at(-1))).toEqual(["Errors", "Total", "Status"]);
    for (const table of tables) {
      expect(table.overflow, table.header.join(",")).toBeLessThanOrEqual(0);
      expect(table.lastRight, table.header.join(",")).toBeLessThanOrEqual(1280);
    }
    await page.close();
  });

  it("shows the backup state as a coloured admonition with the status line as text", async () => {
    const seen: Record<string, { kind: string; text: string; colour: string }> = {};
    for (const code of ["cf", "wf"]) {
      const page = await open(`sites/${code}/status.html`, 1280);
      await shot(page, `${code}-status`, 1280);
      seen[code] = await page.$eval(".admonition", (el) => ({
        kind: [...el.classList].filter((c) => c !== "admonition").join(" "),
        text: el.textContent!.replace(/\s+/g, " ").trim(),
        colour: getComputedStyle(el).borderLeftColor,
      }));
      await page.close();
    }
    expect(seen.cf!.kind).toBe("success");
    expect(seen.cf!.text).toBe("Backup OK --- BACKUP: last run 22h ago, success, 4 items to offsite-1 ---");
    expect(seen.wf!.kind).toBe("failure");
    expect(seen.wf!.text).toMatch(/^Backup failed --- BACKUP: ⚠️? ?FAILED — last run \d+h ago, failed: target unreachable ---$/);
    // Two different colours, neither of them the grey of a plain quote.
    expect(seen.cf!.colour).not.toBe(seen.wf!.colour);
    for (const { colour } of Object.values(seen)) expect(colour).not.toMatch(/^rgba?\((\d+), \1, \1/);
  });

  it("draws one line per pair of sites at 1280 px, and leaves the coverage tables to a 390 px screen", async () => {
    const wide = await open("backup.html", 1280);
    const svg = wide.locator("div.mermaid svg");
    await svg.first().waitFor({ state: "attached", timeout: 30_000 });
    await shot(wide, "backup", 1280);
    expect(await wide.locator("div.mermaid svg path.flowchart-link").count()).toBe(3);
    const labels = await wide.locator("div.mermaid svg g.edgeLabel").allTextContents();
    expect(labels.filter((l) => l.trim()).map((l) => l.replace(/\s+/g, " ").trim())).toContain("cf → sl: push, pull · critical, mediasl → cf: push, pull · critical");
    await wide.close();

    const narrow = await open("backup.html", 390);
    await narrow.waitForTimeout(500);
    await shot(narrow, "backup", 390);
    expect(await narrow.locator("div.mermaid").first().isVisible()).toBe(false);
    expect(await narrow.locator(".ns-narrow-only").isVisible()).toBe(true);
    expect(await narrow.locator("h3", { hasText: "All tiers" }).isVisible()).toBe(true);
    await narrow.close();
  });

  it("keeps mount paths whole: no line break inside /mnt/sl-offsite", async () => {
    for (const width of [1280, 390]) {
      const page = await open("backup.html", width);
      const heights = await page.$$eval(".ns-path", (spans) => spans.map((s) => ({ text: s.textContent!, lines: s.getClientRects().length })));
      expect(heights.length).toBeGreaterThan(10);
      expect(heights.filter((h) => h.lines !== 1)).toEqual([]);
      await page.close();
    }
  });
});
