/**
 * The in-browser app end to end in headless Chromium, served by the `serve` command's server:
 * the demo cohort runs to a report with the PERMANOVA table and the volcano plot; the GlobalPatterns
 * files (BIOM HDF5 through h5wasm, metadata, taxonomy, tree) picked by keyboard-accessible inputs
 * give, with the downloaded study.yaml, the same permanova.tsv as runStudy in Node; a corrupt file
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

  it("gives the same permanova.tsv (and every other result file) in the browser as runStudy in Node (GlobalPatterns)", async () => {
    const page = await app.open();
    await page.getByLabel(/Feature table/).setInputFiles(GP_FILES.table);
    await page.getByLabel(/Sample metadata/).setInputFiles(GP_FILES.metadata);
    await page.getByLabel(/Taxonomy/).setInputFiles(GP_FILES.taxonomy);
    await page.getByLabel(/Phylogenetic tree/).setInputFiles(GP_FILES.tree);
    await page.getByRole("button", { name: "Read the files" }).click();
    await page.getByRole("heading", { name: "Choose the design" }).waitFor({ timeout: 60_000 });
    expect(await page.locator("tr", { hasText: "SampleType" }).textContent()).toContain("9 levels: Soil 3");
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
    const node = await runStudy(config, {
      table: read.table,
      metadata: await loadMetadata(GP_FILES.metadata),
      taxonomy: await loadTaxonomy(GP_FILES.taxonomy),
      tree: await loadTree(GP_FILES.tree),
      sources: { table: basename(GP_FILES.table), metadata: basename(GP_FILES.metadata) },
    });
    const expected = studyResultFiles(node);
    expect(Object.keys(zip).sort()).toEqual(expected.map((f) => f.path).sort());
    expect(zip["permanova.tsv"]).toBeDefined();
    for (const file of expected) expect(strFromU8(zip[file.path]!), file.path).toBe(file.content);
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

  it("cancels a running study and returns to the design", async () => {
    const page = await app.open();
    await page.getByRole("button", { name: "Try the demo cohort" }).click();
    await page.getByRole("button", { name: "Run study" }).click({ timeout: 60_000 });
    await page.getByRole("progressbar").waitFor();
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("heading", { name: "Choose the design" }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole("status").textContent()).toContain("Cancelled");
    await page.close();
  }, 90_000);

  it("sent no request to any host but the local server, with relative asset paths", () => {
    expect(app.foreignRequests).toEqual([]);
    const index = readFileSync(join(app.dir, "index.html"), "utf8");
    const refs = [...index.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^\.\/assets\//);
  });
});
