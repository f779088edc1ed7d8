#!/usr/bin/env node
/**
 * Bundles the CLI for start-up speed: src/cli/main.ts and the worker entries (src/node/*-worker.ts)
 * with every dependency except h5wasm into dist/cli-bundle/, one file per entry plus shared chunks,
 * each command's code in its own chunk
 * (the commands are imported lazily, so `--help` still loads none). Loading the CLI from a few
 * files instead of ~350 modules and thousands of CommonJS files of @stdlib saves ~0.2 s of module
 * resolution and compilation per process and per worker (docs/PERFORMANCE.md, "The bundled CLI").
 * The workers stay siblings of the chunk that starts them (src/node/pool.ts finds `./NAME.js`).
 * h5wasm is not bundled: its two builds (`h5wasm/node`, `h5wasm`) are copied beside the chunks with
 * their WebAssembly in a file of their own (tools/h5wasm-slim.mjs) and imported from there.
 *
 *   node tools/bundle-cli.mjs [OUTDIR]     (default dist/cli-bundle; run by `npm run build`)
 *
 * The .js and .js.map files of an earlier build in OUTDIR are removed first (chunk names carry a
 * content hash, so stale chunks would otherwise pile up beside the new ones).
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { writeSlimH5wasm } from "./h5wasm-slim.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = resolve(process.argv[2] ?? join(root, "dist", "cli-bundle"));
const workers = readdirSync(join(root, "src", "node"))
  .filter((f) => f.endsWith("-worker.ts"))
  .map((f) => join(root, "src", "node", f));

if (existsSync(outdir)) {
  for (const f of readdirSync(outdir)) {
    if (f.endsWith(".js") || f.endsWith(".js.map")) rmSync(join(outdir, f));
  }
}

const slimH5 = writeSlimH5wasm(outdir);
for (const [specifier, copy] of Object.entries(slimH5)) {
  if ("skipped" in copy) console.warn(`bundle-cli: ${specifier} loaded as installed (${copy.skipped})`);
}

/** h5wasm's builds from their slim copies beside the chunks (external paths, kept as written). */
const slimH5wasm = {
  name: "slim-h5wasm",
  setup(b) {
    b.onResolve({ filter: /^h5wasm(\/node)?$/ }, ({ path }) => {
      const copy = slimH5[path];
      return copy && "entry" in copy ? { path: copy.entry, external: true } : undefined;
    });
  },
};

await build({
  entryPoints: [join(root, "src", "cli", "main.ts"), ...workers],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // h5wasm is loaded as it is; canvas is vega's optional renderer, which it tries to import and
  // does without (as unbundled)
  external: ["h5wasm", "canvas"],
  entryNames: "[name]",
  chunkNames: "[name]-[hash]",
  sourcemap: true,
  // CommonJS dependencies (@stdlib) call require() for Node built-ins, which esbuild leaves to a
  // `require` in scope: an ES module has none, so each file makes one
  banner: { js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);' },
  plugins: [slimH5wasm],
  logLevel: "warning",
});
