/**
 * Copies of h5wasm's builds whose WebAssembly lives in a file of its own, for the bundled CLI
 * (tools/bundle-cli.mjs). h5wasm ships its 3.5 MB wasm inside hdf5_util.js as one string literal
 * (Emscripten's single-file output), so every process that reads or writes HDF5 decodes 4.2 MB of
 * source text as UTF-8, parses it, and turns the string back into bytes (Emscripten's
 * `binaryDecode`, byte = ~c >> 8 & c per character): ~0.1 s wall and ~0.14 s CPU of the CLI's
 * start-up (docs/PERFORMANCE.md, "h5wasm's wasm in its own file"). Here the literal is decoded once,
 * at build time, into hdf5_util.wasm, and hdf5_util.js reads that file instead. Both builds the CLI
 * loads are copied: the Node build (`h5wasm/node`: real files, src/node/h5-files.ts) and the
 * in-memory one (`h5wasm`: BIOM bytes, src/io/biom-hdf5.ts). h5wasm's code is otherwise copied as
 * it is (hdf5_hl.js unchanged; in hdf5_util.js only `findWasmBinary`'s body).
 *
 * When a future h5wasm no longer has the expected `findWasmBinary(){return binaryDecode('…')}`, or
 * the decoded bytes are not a valid WebAssembly module, that build is not copied and the bundle
 * imports it as installed (slower start-up, same results).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const WASM_URL = 'new URL("./hdf5_util.wasm",import.meta.url)';

/**
 * The builds copied: the specifier the CLI imports, the folder of the copy beside the chunks, and
 * how its `findWasmBinary` reads the file (the Node build has a `require`; the in-memory build has
 * none, and its caller awaits what `findWasmBinary` returns).
 */
export const H5WASM_BUILDS = [
  { specifier: "h5wasm/node", dir: "h5wasm-node", read: `require("fs").readFileSync(${WASM_URL})` },
  { specifier: "h5wasm", dir: "h5wasm-esm", read: `import("node:fs/promises").then((fs)=>fs.readFile(${WASM_URL}))` },
];

const BEFORE = "function findWasmBinary(){return binaryDecode(";
const AFTER = ")}function getBinarySync";

/** Emscripten's `binaryDecode`: one byte per character of the string. */
function binaryDecode(text) {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[i] = (~c >> 8) & c;
  }
  return bytes;
}

/**
 * Splits the source of an h5wasm hdf5_util.js into the wasm bytes it embeds and the same source
 * whose `findWasmBinary` returns `read` (an expression) instead, or says why it cannot.
 * @param {string} source
 * @param {string} read
 * @returns {{ js: string, wasm: Uint8Array } | { skipped: string }}
 */
export function splitEmbeddedWasm(source, read) {
  const start = source.indexOf(BEFORE);
  const end = start < 0 ? -1 : source.indexOf(AFTER, start);
  const literal = end < 0 ? "" : source.slice(start + BEFORE.length, end);
  if (!/^'.*'$/s.test(literal)) return { skipped: "its hdf5_util.js has no embedded binary where expected" };
  // the literal is a plain JavaScript string (escapes included); evaluating it alone runs no code
  const wasm = binaryDecode(new Function(`return ${literal}`)());
  if (!WebAssembly.validate(wasm)) return { skipped: "its embedded binary is not valid WebAssembly" };
  return { js: `${source.slice(0, start)}function findWasmBinary(){return ${read}${source.slice(end + ")".length)}`, wasm };
}

/**
 * Writes the slim copies of the installed h5wasm's builds into OUTDIR and returns, per specifier,
 * the path of the copy's entry (hdf5_hl.js) relative to OUTDIR, or why it was not copied.
 * @param {string} outdir
 * @returns {Record<string, { entry: string } | { skipped: string }>}
 */
export function writeSlimH5wasm(outdir) {
  const copies = {};
  for (const { specifier, dir, read } of H5WASM_BUILDS) {
    const target = join(outdir, dir);
    rmSync(target, { recursive: true, force: true });
    const build = dirname(fileURLToPath(import.meta.resolve(specifier)));
    const split = splitEmbeddedWasm(readFileSync(join(build, "hdf5_util.js"), "utf8"), read);
    if ("skipped" in split) {
      copies[specifier] = split;
      continue;
    }
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, "hdf5_util.wasm"), split.wasm);
    writeFileSync(join(target, "hdf5_util.js"), split.js);
    copyFileSync(join(build, "hdf5_hl.js"), join(target, "hdf5_hl.js"));
    copies[specifier] = { entry: `./${dir}/hdf5_hl.js` };
  }
  return copies;
}
