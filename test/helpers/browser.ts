/**
 * Headless Chromium for browser tests (report, web app): Debian's /usr/bin/chromium driven by
 * playwright-core, never a downloaded browser. Each launch gets a fresh profile directory, removed
 * on close. `CHROMIUM_MISSING` is the skip reason when the binary is absent, else null.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_MISSING: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `${CHROMIUM_PATH} not found: browser tests skipped (install with: apt-get install -y chromium)`;

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context (playwright's way to pass a fresh --user-data-dir). */
export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), "gutresponse-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
