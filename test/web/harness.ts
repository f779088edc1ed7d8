/**
 * Browser-test harness for the web app: builds it with Vite into a temporary folder, serves it with
 * the `serve` command's server on an ephemeral 127.0.0.1 port, and opens pages that may talk to that
 * server only: every other request is recorded and aborted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { build } from "vite";
import type { StaticServer } from "../../src/node/static-server.js";
import { serveWebApp } from "../../src/node/web-app.js";
import { type LaunchedBrowser, launchChromium } from "../helpers/browser.js";

export const VITE_CONFIG = fileURLToPath(new URL("../../vite.config.ts", import.meta.url));

/** Builds the app into a fresh temporary folder (not web-dist/, which belongs to the user). */
export async function buildApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "gutresponse-web-"));
  await build({ configFile: VITE_CONFIG, logLevel: "silent", build: { outDir, emptyOutDir: true } });
  return outDir;
}

export interface AppHarness {
  /** The built app. */
  dir: string;
  server: StaticServer;
  browser: LaunchedBrowser;
  /** Requests to any host other than the local server (all aborted). */
  foreignRequests: string[];
  pageErrors: string[];
  /** Console errors (a CSP violation is one). */
  consoleErrors: string[];
  open(): Promise<Page>;
  close(): Promise<void>;
}

export async function startApp(): Promise<AppHarness> {
  const dir = await buildApp();
  const server = await serveWebApp(dir, 0);
  const browser = await launchChromium({ width: 1280, height: 900 });
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const local = (url: string) =>
    url.startsWith(server.url) ||
    url.startsWith("blob:") ||
    url.startsWith("data:") ||
    url === "about:srcdoc";
  await browser.context.route("**", async (route) => {
    const url = route.request().url();
    if (local(url)) await route.continue();
    else {
      foreignRequests.push(url);
      await route.abort();
    }
  });
  browser.context.on("request", (r) => {
    if (!local(r.url())) foreignRequests.push(r.url());
  });
  return {
    dir,
    server,
    browser,
    foreignRequests,
    pageErrors,
    consoleErrors,
    async open() {
      const page = await browser.context.newPage();
      page.on("pageerror", (e) => pageErrors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(m.text());
      });
      await page.goto(server.url, { waitUntil: "load" });
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
