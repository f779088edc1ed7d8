/** Types of tools/h5wasm-slim.mjs (a build script, imported by its test). */
export declare const H5WASM_BUILDS: readonly { specifier: string; dir: string; read: string }[];
export declare function splitEmbeddedWasm(
  source: string,
  read: string,
): { js: string; wasm: Uint8Array<ArrayBuffer> } | { skipped: string };
export declare function writeSlimH5wasm(outdir: string): Record<string, { entry: string } | { skipped: string }>;
