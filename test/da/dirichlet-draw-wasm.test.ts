/**
 * ALDEx2's Dirichlet instances drawn by the WebAssembly kernel (dirichlet-draw-wasm.ts, with the
 * cells it leaves to `drawCell`) are the bytes of the TypeScript loop (aldex2-draw.ts
 * `drawClrInstanceLoops`: `GammaSampler` for every cell), for odd and even numbers of taxa, zero
 * and large counts, tables that change on one thread, and enough cells for every branch of the
 * sampler (ziggurat wedges and tail, rejected squeezes, the 624-word boundary).
 */
import { describe, expect, it } from "vitest";
import { dirichletCells, drawClrInstance, drawClrInstanceLoops } from "../../src/core/da/aldex2-draw.js";
import { DirichletDrawKernel } from "../../src/core/da/dirichlet-draw-wasm.js";
import { createRng } from "../../src/core/random/rng.js";

function counts(n: number, m: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n * m }, () => {
    const u = rng.uniform();
    if (u < 0.4) return 0;
    if (u < 0.7) return 1 + rng.int(3);
    return rng.int(u < 0.95 ? 200 : 100000);
  });
}

describe("drawClrInstance in WebAssembly", () => {
  it("runs the kernel here", () => {
    expect(DirichletDrawKernel.for(dirichletCells(counts(2, 3, 1)), 3)).not.toBeNull();
  });

  it("gives drawClrInstanceLoops' bytes (odd and even taxa, tables changing on one thread)", () => {
    for (const [n, m, seed] of [
      [1, 1, 1],
      [3, 2, 2],
      [7, 5, 3],
      [40, 301, 4],
      [61, 1000, 5],
      [40, 301, 6],
    ] as const) {
      const cells = dirichletCells(counts(n, m, seed));
      for (const instanceSeed of [1, 12345, 2 ** 32 - 5]) {
        const wasm = new Float64Array(n * m);
        const ts = new Float64Array(n * m);
        drawClrInstance(cells, n, m, instanceSeed, wasm);
        drawClrInstanceLoops(cells, n, m, instanceSeed, ts);
        expect(Buffer.from(wasm.buffer)).toEqual(Buffer.from(ts.buffer));
      }
    }
  });
});
