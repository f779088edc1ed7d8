/**
 * Vite build of the in-browser app (sources in src/web; this file stays out of src so no layer
 * of the library holds build tooling): relative asset paths (`base: "./"`, so any static host or a
 * folder works), output in web-dist/ at the package root (what `gutresponse serve` serves), the
 * study worker as an ES module, Preact's automatic JSX runtime without a plugin. h5wasm (HDF5,
 * wasm embedded in its ESM build) and vega are imported dynamically and land in their own chunks,
 * loaded only when needed. Nothing is fetched from a CDN.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL("./src/web/", import.meta.url));

export default defineConfig({
  root,
  base: "./",
  publicDir: false,
  logLevel: "warn",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  worker: { format: "es" },
  build: {
    outDir: fileURLToPath(new URL("./web-dist/", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 8000,
    modulePreload: { polyfill: false },
    // The worker transform is slow on a busy machine; its timing warning is noise here.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
