/**
 * The in-browser app end to end in headless Chromium, served by the `serve` command's server:
 * the demo cohort runs to a report with the PERMANOVA table and the volcano plot; the GlobalPatterns
 * files (BIOM HDF5 through h5wasm, metadata, taxonomy, tree) picked by keyboard-accessible inputs
 * give, with the downloaded study.yaml, the same permanova.tsv as runStudy in Node (every other result
 * file byte-identical or, where Chromium's newer V8 rounds Math.log/exp differently from Node 20's in
 * the last bit, within 1e-9 relative); a corrupt file
 * shows the CLI's own messages; Cancel stops a run; and no request goes to any other host.
 */
import { readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatIssue, InputError } from "../../src/core/errors.js";
import { parseStudyConfig } from "../../src/core/study/config.js";
import { runStudy } from "../../src/core/study/pipeline.js";
import { resolveReference } from "../../src/core/study/resolve-reference.js";
import { studyResultFiles } from "../../src/io/study-files.js";
import { readTable } from "../../src/io/table.js";
import { loadMetadata, loadTable, loadTaxonomy, loadTree } from "../../src/node/load.js";
import { CHROMIUM_MISSING } from "../helpers/browser.js";
import { type AppHarness, startApp } from "./harness.js";

if (CHROMIUM_MISSING) console.warn(CHROMIUM_MISSING);

const GP = resolve(__dirname, "../fixtures/GlobalPatterns");
const GP_FILES = {
  table: join(GP, "table.biom"),
  metadata: join(GP, "metadata.tsv"),
  taxonomy: join(GP, "taxonomy.tsv"),
  tree: join(GP, "tree.nwk"),
};

/**
 * Largest relative difference between the numeric cells of two TSV/JSON texts that agree in every
 * other character; Infinity when they differ otherwise. Chromium 156's V8 and Node 20's (11.3) round
 * the last bit of Math.log/exp/pow differently for ~5-10% of arguments (measured), so results built
 * on them can differ there.
 */
function maxRelativeDifference(a: string, b: string): number {
  const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi;
  if (a.replace(NUMBER, "#") !== b.replace(NUMBER, "#")) return Number.POSITIVE_INFINITY;
  const x = a.match(NUMBER) ?? [];
  const y = b.match(NUMBER) ?? [];
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const u = Number(x[i]);
    const v = Number(y[i]);
    if (u !== v) max = Math.max(max, Math.abs(u - v) / Math.max(Math.abs(u), Math.abs(v)));
  }
  return max;
}

async function downloadBytes(page: Page, buttonName: string): Promise<Uint8Array> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: buttonName }).click(),
  ]);
  const path = await download.path();
  return new Uint8Array(readFileSync(path));
}

async function waitForReport(page: Page, timeout: number): Promise<void> {
  await page.getByRole("heading", { name: "Report", exact: true }).waitFor({ timeout });
  await page.frameLocator("iframe.report-frame").locator("#table-permanova").waitFor({ timeout: 30_000 });
}

describe.skipIf(CHROMIUM_MISSING !== null)("web app in Chromium", () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startApp();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it("runs the demo cohort to a report with PERMANOVA and a volcano plot", async () => {
    const page = await app.open();
    const started = Date.now();
    await page.getByRole("button", { name: "Try the demo cohort" }).click();
    await page.getByRole("heading", { name: "Choose the design" }).waitFor({ timeout: 60_000 });
    expect(await page.getByLabel("Role of kratom_use").inputValue()).toBe("exposure");
    expect(await page.getByLabel("reference level").inputValue()).toBe("non_user");
    await page.getByRole("button", { name: "Run study" }).click();
    await waitForReport(page, 120_000);
    const seconds = (Date.now() - started) / 1000;
    console.info(`demo in the browser: ${seconds.toFixed(1)} s from click to report`);
    const report = page.frameLocator("iframe.report-frame");
    expect(await report.locator("#table-permanova tbody tr").count()).toBeGreaterThan(0);
    const volcano = report.locator("#plot-volcano svg");
    expect(await volcano.getAttribute("role")).toBe("img");
    expect(await volcano.locator("path, circle, symbol").count()).toBeGreaterThan(10);
    expect(await page.getByRole("status").textContent()).toContain("finished");
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
    await page.close();
  }, 180_000);

  it("gives the same permanova.tsv in the browser as runStudy in Node, every other file to 1e-9 (GlobalPatterns)", async () => {
    const page = await app.open();
    await page.getByLabel(/Feature table/).setInputFiles(GP_FILES.table);
    await page.getByLabel(/Sample metadata/).setInputFiles(GP_FILES.metadata);
    await page.getByLabel(/Taxonomy/).setInputFiles(GP_FILES.taxonomy);
    await page.getByLabel(/Phylogenetic tree/).setInputFiles(GP_FILES.tree);
    await page.getByRole("button", { name: "Read the files" }).click();
    await page.getByRole("heading", { name: "Choose the design" }).waitFor({ timeout: 60_000 });
    expect(await page.locator("tr", { hasText: "SampleType" }).textContent()).toContain(
      "9 levels: Feces 4, Freshwater 2, Freshwater (creek) 3",
    );
    await page.getByLabel("Role of SampleType").selectOption("exposure");
    await page.getByRole("button", { name: "Run study" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.locator("h2").textContent()).toBe("The study could not run");
    expect(await alert.textContent()).toContain("[too_few_samples] metadata.tsv");
    expect(await alert.textContent()).toContain("the groups are too small to compare");
    expect(await alert.textContent()).toContain("Freshwater: 2");
    expect(await alert.textContent()).toContain("drop_small_groups");
    await page.getByLabel("Role of human_associated").selectOption("exposure");
    await page.getByLabel("reference level").selectOption("no");
    await page.getByLabel("Permutations").fill("99");
    await page.getByLabel("Seed").fill("7");
    await page.getByRole("button", { name: "Run study" }).click();
    await waitForReport(page, 150_000);

    const yaml = new TextDecoder().decode(await downloadBytes(page, "Download study.yaml"));
    const zip = unzipSync(await downloadBytes(page, "Download results (.zip)"));
    const config = parseStudyConfig(yaml, "study.yaml");
    expect(config).toMatchObject({
      design: { exposure: "human_associated", reference: "no" },
      analysis: { permutations: 99 },
      seed: 7,
      data: { table: "table.biom", metadata: "metadata.tsv", taxonomy: "taxonomy.tsv", tree: "tree.nwk" },
    });
    const read = await loadTable(GP_FILES.table);
    const metadata = await loadMetadata(GP_FILES.metadata);
    const node = await runStudy(resolveReference(config, metadata).config, {
      table: read.table,
      metadata,
      taxonomy: await loadTaxonomy(GP_FILES.taxonomy),
      tree: await loadTree(GP_FILES.tree),
      sources: { table: basename(GP_FILES.table), metadata: basename(GP_FILES.metadata) },
    });
    const expected = studyResultFiles(node);
    expect(Object.keys(zip).sort()).toEqual(expected.map((f) => f.path).sort());
    expect(zip["permanova.tsv"]).toBeDefined();
    expect(strFromU8(zip["permanova.tsv"]!)).toBe(expected.find((f) => f.path === "permanova.tsv")!.content);
    const differing: string[] = [];
    for (const file of expected) {
      const got = strFromU8(zip[file.path]!);
      if (got === file.content) continue;
      const difference = maxRelativeDifference(got, file.content);
      differing.push(`${file.path} (max relative difference ${difference.toExponential(1)})`);
      expect(difference, file.path).toBeLessThan(1e-9);
    }
    if (differing.length > 0) console.info(`not byte-identical to Node: ${differing.join(", ")}`);
    expect(app.pageErrors).toEqual([]);
    await page.close();
  }, 240_000);

  it("shows a corrupt table's problems in the page, worded as the CLI words them", async () => {
    const bytes = new TextEncoder().encode('{"id": "broken", "shape": [3, 2], "data": [[0, 0,');
    const expected = await readTable(bytes, "broken.biom").then(
      () => [] as string[],
      (e: unknown) => (e instanceof InputError ? e.issues.map(formatIssue) : []),
    );
    expect(expected.length).toBeGreaterThan(0);
    const page = await app.open();
    await page
      .getByLabel(/Feature table/)
      .setInputFiles({ name: "broken.biom", mimeType: "application/json", buffer: Buffer.from(bytes) });
    await page.getByLabel(/Sample metadata/).setInputFiles(GP_FILES.metadata);
    await page.getByRole("button", { name: "Read the files" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.locator("h2").textContent()).toBe("The files could not be read");
    expect(await alert.locator("pre").allTextContents()).toEqual(expected);
    await page.close();
  }, 60_000);

  it("works from the keyboard: demo, run, and Cancel back to the design", async () => {
    // focus moves after each screen renders: poll for it, so a loaded machine does not race it
    const page = await app.open();
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? "");
    for (let i = 0; i < 12 && (await focused()) !== "Try the demo cohort"; i++)
      await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Choose the design" }).waitFor({ timeout: 60_000 });
    await expect.poll(focused, { timeout: 10_000 }).toBe("Choose the design");
    await page.getByRole("button", { name: "Run study" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("progressbar").waitFor();
    await expect.poll(focused, { timeout: 10_000 }).toBe("Running the study");
    await page.keyboard.press("Tab");
    await expect.poll(focused, { timeout: 10_000 }).toBe("Cancel");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Choose the design" }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole("status").textContent()).toContain("Cancelled");
    await page.close();
  }, 90_000);

  it("sent no request to any host but the local server, with relative asset paths", () => {
    expect(app.foreignRequests).toEqual([]);
    const index = readFileSync(join(app.dir, "index.html"), "utf8");
    const refs = [...index.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    // The icon is inline (a data: URL), so there is no /favicon.ico request; the rest are assets.
    expect(refs.filter((ref) => ref.startsWith("data:image/svg+xml,"))).toHaveLength(1);
    for (const ref of refs.filter((r) => !r.startsWith("data:"))) expect(ref).toMatch(/^\.\/assets\//);
  });
});
