/**
 * The readers in a real browser Web Worker (Debian Chromium, headless): the io layer bundled for the
 * browser (esbuild, platform browser), h5wasm loaded lazily from its ESM build with the wasm
 * embedded; a BIOM 2.1 HDF5 file read in the worker gives the same table and taxonomy as in Node.
 */
import { resolve } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { loadTable } from "../../src/node/load.js";
import { CHROMIUM_MISSING, launchChromium } from "../helpers/browser.js";
import { fixture, fixtureBytes } from "./fixtures.js";

const ENTRY = `
import { readTable } from "./src/io/table.ts";
self.onmessage = async (e) => {
  try {
    const r = await readTable(new Uint8Array(e.data), "dune.biom");
    postMessage({ samples: r.table.sampleIds, features: r.table.featureIds, values: Array.from(r.table.values),
      lineage: r.taxonomy ? r.taxonomy.lineages[0] : null, format: r.format });
  } catch (err) { postMessage({ error: String(err && err.message || err) }); }
};`;

if (CHROMIUM_MISSING) console.warn(CHROMIUM_MISSING);

describe.skipIf(CHROMIUM_MISSING !== null)("readers in a browser Web Worker", () => {
  it("reads BIOM 2.1 HDF5 with h5wasm in Chromium, identical to Node", async () => {
    const bundle = await build({
      stdin: { contents: ENTRY, resolveDir: resolve(__dirname, "../.."), loader: "ts" },
      bundle: true,
      format: "iife",
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    const code = bundle.outputFiles[0]!.text;
    const browser = await launchChromium();
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      // a made-up origin served from memory: nothing leaves the machine
      await page.route("http://gutresponse.test/**", (route) => {
        const url = route.request().url();
        if (url.endsWith("/worker.js")) return route.fulfill({ body: code, contentType: "text/javascript" });
        if (url.endsWith("/dune.biom"))
          return route.fulfill({ body: Buffer.from(fixtureBytes("dune", "table.biom")) });
        return route.fulfill({ body: "<!doctype html><title>io</title>", contentType: "text/html" });
      });
      await page.goto("http://gutresponse.test/index.html");
      const got = await page.evaluate(async () => {
        const bytes = await (await fetch("/dune.biom")).arrayBuffer();
        const worker = new Worker("/worker.js");
        return await new Promise((done) => {
          worker.onmessage = (e) => done(e.data);
          worker.postMessage(bytes, [bytes]);
        });
      });
      const node = await loadTable(fixture("dune", "table.biom"));
      expect(got).toEqual({
        samples: node.table.sampleIds,
        features: node.table.featureIds,
        values: Array.from(node.table.values),
        lineage: node.taxonomy!.lineages[0],
        format: "biom-hdf5",
      });
    } finally {
      await browser.close();
    }
  });
});
