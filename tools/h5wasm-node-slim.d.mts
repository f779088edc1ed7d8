/** Types of tools/h5wasm-node-slim.mjs (a build script, imported by its test). */
export declare const SLIM_H5WASM_DIR: string;
export declare function splitEmbeddedWasm(source: string): { js: string; wasm: Uint8Array<ArrayBuffer> } | { skipped: string };
export declare function writeSlimH5wasmNode(outdir: string): { entry: string } | { skipped: string };
