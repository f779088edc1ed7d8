/**
 * Regenerates docs/screenshots/report.png: the fixture report in headless Chromium (top of the
 * page: banner, run details, general summary, first sections). Run by hand:
 *   node --import tsx test/report/screenshot.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildReportModel } from "../../src/report/build-model.js";
import { renderReportHtml } from "../../src/report/render-html.js";
import { CHROMIUM_MISSING, launchChromium } from "../helpers/browser.js";
import { fixtureResults } from "./fixture.js";

if (CHROMIUM_MISSING) throw new Error(CHROMIUM_MISSING);
const dir = mkdtempSync(join(tmpdir(), "gutresponse-shot-"));
const file = join(dir, "report.html");
writeFileSync(file, await renderReportHtml(buildReportModel(fixtureResults())));
const browser = await launchChromium({ width: 1280, height: 2300 });
try {
  const page = await browser.context.newPage();
  await page.goto(pathToFileURL(file).href);
  await page.screenshot({ path: resolve(import.meta.dirname, "../../docs/screenshots/report.png") });
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
