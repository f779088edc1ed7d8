/**
 * Regenerates docs/screenshots/app-*.png: the in-browser app's main screens on the demo cohort
 * (start, column picking, progress, report). Run by hand:
 *   node --import tsx test/web/screenshots.ts
 */
import { resolve } from "node:path";
import { CHROMIUM_MISSING } from "../helpers/browser.js";
import { startApp } from "./harness.js";

if (CHROMIUM_MISSING) throw new Error(CHROMIUM_MISSING);
const shot = (name: string) => resolve(import.meta.dirname, `../../docs/screenshots/app-${name}.png`);
const app = await startApp();
try {
  const page = await app.open();
  await page.screenshot({ path: shot("start") });
  await page.getByRole("button", { name: "Try the demo cohort" }).click();
  await page.getByRole("heading", { name: "Choose the design" }).waitFor({ timeout: 60_000 });
  await page.getByLabel("Role of constipation").focus();
  await page.screenshot({ path: shot("columns"), fullPage: true });
  await page.getByRole("button", { name: "Run study" }).click();
  await page.getByRole("progressbar").waitFor();
  await page.waitForFunction(() => (document.querySelector("progress")?.value ?? 0) > 0.4, null, {
    timeout: 60_000,
  });
  await page.screenshot({ path: shot("progress") });
  await page.getByRole("heading", { name: "Report", exact: true }).waitFor({ timeout: 180_000 });
  await page.frameLocator("iframe.report-frame").locator("#table-permanova").waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot("report") });
} finally {
  await app.close();
}
