/**
 * tools/h5wasm-node-slim.mjs: the wasm embedded in h5wasm's hdf5_util.js as an Emscripten string
 * comes out byte for byte, the source then reads it from hdf5_util.wasm, and a source without the
 * expected shape (or with bytes that are not WebAssembly) is left alone with a reason.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { splitEmbeddedWasm } from "../../tools/h5wasm-node-slim.mjs";

// the smallest valid module (magic, version 1) and an Emscripten-style source embedding it: one
// character per byte, control bytes escaped as JavaScript would write them
const EMPTY_MODULE = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
const emscripten = (literal: string) =>
  `var x=1;function findWasmBinary(){return binaryDecode(${literal})}function getBinarySync(file){return file}`;

describe("splitEmbeddedWasm", () => {
  it("decodes the embedded string into the module's bytes and reads them from a file instead", () => {
    const split = splitEmbeddedWasm(emscripten("'\\0asm\\x01\\0\\0\\0'"));
    expect("wasm" in split && [...split.wasm]).toEqual([...EMPTY_MODULE]);
    expect("js" in split && split.js).toBe(
      'var x=1;function findWasmBinary(){return require("fs").readFileSync(new URL("./hdf5_util.wasm",import.meta.url))}' +
        "function getBinarySync(file){return file}",
    );
  });

  it("leaves a source without the embedded binary, or with bytes that are not WebAssembly", () => {
    expect(splitEmbeddedWasm("function findWasmBinary(){return locateFile('x.wasm')}")).toEqual({
      skipped: "h5wasm's hdf5_util.js has no embedded binary where expected",
    });
    expect(splitEmbeddedWasm(emscripten("'\\0asm\\x02\\0\\0\\0'"))).toEqual({
      skipped: "the embedded binary of h5wasm is not valid WebAssembly",
    });
  });

  it("splits the installed h5wasm's Node build into a module that compiles and a source without it", async () => {
    const source = readFileSync(
      fileURLToPath(import.meta.resolve("h5wasm/node").replace(/hdf5_hl\.js$/, "hdf5_util.js")),
      "utf8",
    );
    const split = splitEmbeddedWasm(source);
    if (!("wasm" in split)) throw new Error(split.skipped);
    expect(split.js.length).toBeLessThan(source.length / 10);
    expect(split.js).not.toMatch(/binaryDecode\('/);
    await expect(WebAssembly.compile(split.wasm)).resolves.toBeInstanceOf(WebAssembly.Module);
  });
});
