/**
 * A copy of h5wasm's Node build whose WebAssembly lives in its own file, for the bundled CLI
 * (tools/bundle-cli.mjs). h5wasm ships its 3.5 MB wasm inside hdf5_util.js as one string literal
 * (Emscripten's SINGLE_FILE), so every process that reads or writes HDF5 decodes 4.2 MB of source
 * text as UTF-8, parses it, and turns the string back into bytes (Emscripten's `binaryDecode`,
 * byte = ~c >> 8 & c per character): ~0.1 s wall and ~0.14 s CPU of the CLI's start-up
 * (docs/PERFORMANCE.md, "h5wasm's wasm in its own file"). Here the literal is decoded once, at
 * build time, into hdf5_util.wasm, and hdf5_util.js reads that file instead. h5wasm's code is
 * otherwise copied as it is (hdf5_hl.js unchanged; in hdf5_util.js only `findWasmBinary`'s body).
 *
 * When a future h5wasm no longer has the expected `findWasmBinary(){return binaryDecode('…')}`, or
 * the decoded bytes are not a valid WebAssembly module, nothing is written and the caller keeps
 * loading h5wasm as installed (slower start-up, same results).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the copy goes inside the bundle's folder, and the specifier its chunks import it by. */
export const SLIM_H5WASM_DIR = "h5wasm-node";

const BEFORE = "function findWasmBinary(){return binaryDecode(";
const AFTER = ")}function getBinarySync";
const READ_WASM = 'require("fs").readFileSync(new URL("./hdf5_util.wasm",import.meta.url))';

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
 * Splits the source of h5wasm's hdf5_util.js into the wasm bytes it embeds and the same source
 * reading them from hdf5_util.wasm beside it, or says why it cannot.
 * @param {string} source
 * @returns {{ js: string, wasm: Uint8Array } | { skipped: string }}
 */
export function splitEmbeddedWasm(source) {
  const start = source.indexOf(BEFORE);
  const end = start < 0 ? -1 : source.indexOf(AFTER, start);
  const literal = end < 0 ? "" : source.slice(start + BEFORE.length, end);
  if (!/^'.*'$/s.test(literal)) return { skipped: "h5wasm's hdf5_util.js has no embedded binary where expected" };
  // the literal is a plain JavaScript string (escapes included); evaluating it alone runs no code
  const wasm = binaryDecode(new Function(`return ${literal}`)());
  if (!WebAssembly.validate(wasm)) return { skipped: "the embedded binary of h5wasm is not valid WebAssembly" };
  const js = `${source.slice(0, start)}function findWasmBinary(){return ${READ_WASM}${source.slice(end + ")".length)}`;
  return { js, wasm };
}

/**
 * Writes the slim copy of the installed h5wasm's Node build into OUTDIR/h5wasm-node/ and returns
 * the path of its entry (hdf5_hl.js) relative to OUTDIR, or why it did not.
 * @param {string} outdir
 * @returns {{ entry: string } | { skipped: string }}
 */
export function writeSlimH5wasmNode(outdir) {
  const target = join(outdir, SLIM_H5WASM_DIR);
  rmSync(target, { recursive: true, force: true });
  const nodeBuild = dirname(fileURLToPath(import.meta.resolve("h5wasm/node")));
  const split = splitEmbeddedWasm(readFileSync(join(nodeBuild, "hdf5_util.js"), "utf8"));
  if ("skipped" in split) return split;
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "hdf5_util.wasm"), split.wasm);
  writeFileSync(join(target, "hdf5_util.js"), split.js);
  copyFileSync(join(nodeBuild, "hdf5_hl.js"), join(target, "hdf5_hl.js"));
  return { entry: `./${SLIM_H5WASM_DIR}/hdf5_hl.js` };
}
