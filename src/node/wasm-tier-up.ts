/**
 * V8's WebAssembly tier-up, switched back on after h5wasm's load. h5wasm is compiled under
 * `--liftoff-only` (h5-files.ts), and clearing that flag does not bring back the two flags it
 * switched off by implication, `--wasm-tier-up` and `--wasm-dynamic-tiering`: WebAssembly compiled
 * afterwards stays on V8's baseline (Liftoff) code. For the Gower product's SIMD loop
 * (src/core/ordination/gower-simd.ts) that is 4-5x slower (~20 ms instead of ~4.5 ms per product
 * at n = 4,000, docs/PERFORMANCE.md), and for the elastic net's kernels (src/core/models/cd-simd.ts)
 * about 2x. They are set again after the read (by `pcoa` after its matrix, by `loadStudy` after a
 * study's inputs): set before it, h5wasm's
 * reading code would tier up too, which costs more CPU than it saves (h5-files.ts); a module
 * compiled meanwhile tiers up once they are set (measured).
 */

/** Sets `--wasm-tier-up` and `--wasm-dynamic-tiering` (V8's defaults) again (module header). */
export async function restoreWasmTierUp(): Promise<void> {
  const { setFlagsFromString } = await import("node:v8");
  setFlagsFromString("--wasm-tier-up");
  setFlagsFromString("--wasm-dynamic-tiering");
}
