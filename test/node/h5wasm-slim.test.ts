/**
 * tools/h5wasm-slim.mjs: the wasm embedded in h5wasm's hdf5_util.js as an Emscripten string comes
 * out byte for byte, the source then returns the given reader instead, and a source without the
 * expected shape (or with bytes that are not WebAssembly) is left alone with a reason.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { H5WASM_BUILDS, splitEmbeddedWasm } from "../../tools/h5wasm-slim.mjs";

// the smallest valid module (magic, version 1) and an Emscripten-style source embedding it: one
// character per byte, control bytes escaped as JavaScript would write them
const EMPTY_MODULE = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
const emscripten = (literal: string) =>
  `var x=1;function findWasmBinary(){return binaryDecode(${literal})}function getBinarySync(file){return file}`;

describe("splitEmbeddedWasm", () => {
  it("decodes the embedded string into the module's bytes and returns the reader instead", () => {
    const split = splitEmbeddedWasm(emscripten("'\\0asm\\x01\\0\\0\\0'"), "read()");
    expect("wasm" in split && [...split.wasm]).toEqual([...EMPTY_MODULE]);
    expect("js" in split && split.js).toBe(
      "var x=1;function findWasmBinary(){return read()}function getBinarySync(file){return file}",
    );
  });

  it("leaves a source without the embedded binary, or with bytes that are not WebAssembly", () => {
    expect(splitEmbeddedWasm("function findWasmBinary(){return locateFile('x.wasm')}", "read()")).toEqual({
      skipped: "its hdf5_util.js has no embedded binary where expected",
    });
    expect(splitEmbeddedWasm(emscripten("'\\0asm\\x02\\0\\0\\0'"), "read()")).toEqual({
      skipped: "its embedded binary is not valid WebAssembly",
    });
  });

  it.each(H5WASM_BUILDS)(
    "splits the installed $specifier into a module that compiles and a source without it",
    async ({ specifier, read }) => {
      const source = readFileSync(
        join(dirname(fileURLToPath(import.meta.resolve(specifier))), "hdf5_util.js"),
        "utf8",
      );
      const split = splitEmbeddedWasm(source, read);
      if (!("wasm" in split)) throw new Error(`${specifier}: ${split.skipped}`);
      expect(split.js.length).toBeLessThan(source.length / 10);
      expect(split.js).toContain(`function findWasmBinary(){return ${read}}`);
      await expect(WebAssembly.compile(split.wasm)).resolves.toBeInstanceOf(WebAssembly.Module);
    },
  );
});
