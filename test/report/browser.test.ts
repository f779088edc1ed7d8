/**
 * The fixture report opened from disk (file://) in headless Chromium: no console error, no page
 * error, no network request, no dialog (the hostile sample ID and taxon stay text), the plots are
 * drawn and the embedded results parse.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/build-model.js";
import { renderReportHtml } from "../../src/report/render-html.js";
import { CHROMIUM_MISSING, type LaunchedBrowser, launchChromium } from "../helpers/browser.js";
import { fixtureResults, XSS_SAMPLE, XSS_TAXON } from "./fixture.js";

if (CHROMIUM_MISSING) console.warn(CHROMIUM_MISSING);

describe.skipIf(CHROMIUM_MISSING !== null)("report in Chromium (file://)", () => {
  let dir: string;
  let url: string;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "gutresponse-report-"));
    const file = join(dir, "report.html");
    writeFileSync(file, await renderReportHtml(buildReportModel(fixtureResults())));
    url = pathToFileURL(file).href;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads offline with no console error, no network request and no dialog", async () => {
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    await browser.context.route("**", async (route) => {
      requests.push(route.request().url());
      if (route.request().url() === url) await route.continue();
      else await route.abort();
    });
    const page = await browser.context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") consoleErrors.push(m.text());
    });
    page.on("pageerror", (err) => pageErrors.push(err.message));
    page.on("request", (r) => requests.push(r.url()));
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.goto(url, { waitUntil: "load" });
    await page.locator("details.help").first().click();
    await page.waitForTimeout(300);

    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests.filter((r) => r !== url)).toEqual([]);

    // hostile strings are visible text, not elements
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator("#warnings").textContent()).toContain(XSS_SAMPLE);
    expect(await page.locator("#table-consensus").textContent()).toContain(XSS_TAXON);

    // every plot is drawn with a real size
    const sizes = await page
      .locator("figure.plot svg")
      .evaluateAll((svgs) =>
        svgs.map((s) => s.getBoundingClientRect().width * s.getBoundingClientRect().height),
      );
    expect(sizes.length).toBe(12);
    for (const area of sizes) expect(area).toBeGreaterThan(10_000);

    // the embedded results are machine-readable
    const title = await page.evaluate(
      () => JSON.parse(document.getElementById("gutresponse-results")!.textContent!).meta.title,
    );
    expect(title).toBe(fixtureResults().meta.title);
    await page.close();
  });
});
