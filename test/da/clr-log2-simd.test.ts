/**
 * The WebAssembly SIMD log2 CLR of a row (clr-log2-simd.ts) gives the bytes of the TypeScript loop
 * (log-ratio.ts `clrRowsInPlace`, `Math.log2`) for every length mod 4 and for the values where
 * e_log2.c branches or loses precision: subnormals, powers of two, 1, values near 1 and sqrt(2).
 */
import { describe, expect, it } from "vitest";
import { clrLog2Row } from "../../src/core/da/clr-log2-simd.js";
import { clrRowsInPlace } from "../../src/core/da/log-ratio.js";
import { createRng } from "../../src/core/random/rng.js";

const EDGES = [
  Number.MIN_VALUE,
  3 * Number.MIN_VALUE,
  1e-310,
  2.2250738585072014e-308, // the smallest normal
  2.225073858507201e-308, // the largest subnormal
  1,
  2,
  0.5,
  2 ** -600,
  2 ** 600,
  Math.SQRT2,
  Math.SQRT1_2,
  1 + 2 ** -52,
  1 - 2 ** -53,
  1.0000001,
  0.9999999,
  Number.MAX_VALUE,
];

function simdClr(x: Float64Array): Float64Array {
  const kernel = clrLog2Row(x.length);
  expect(kernel).not.toBeNull();
  kernel!.row.set(x);
  kernel!.clr();
  return Float64Array.from(kernel!.row);
}

function tsClr(x: Float64Array): Float64Array {
  const y = Float64Array.from(x);
  clrRowsInPlace(y, 1, y.length);
  return y;
}

describe("clrLog2Row", () => {
  it("gives clrRowsInPlace's bytes for every length mod 4", () => {
    const rng = createRng(19);
    for (const m of [1, 2, 3, 4, 5, 6, 7, 8, 9, 301, 1942, 1943]) {
      for (let rep = 0; rep < 8; rep++) {
        const x = Float64Array.from({ length: m }, () => {
          const u = rng.uniform();
          if (u < 0.02) return Number.MIN_VALUE * (1 + rng.int(1e6)); // gammas too small for a normal double
          if (u < 0.1) return 1 + (rng.uniform() - 0.5) * 1e-9;
          return rng.gamma(0.5 + rng.int(50), 1) * 2 ** (rng.int(200) - 100);
        });
        expect(Buffer.from(simdClr(x).buffer)).toEqual(Buffer.from(tsClr(x).buffer));
      }
    }
  });

  it("gives Math.log2's bits at e_log2.c's edges (subnormals, powers of two, near 1 and sqrt 2)", () => {
    // each edge beside three ones (log2 = 0): its log2 alone makes the row
    for (const x of EDGES) {
      const y = simdClr(Float64Array.of(x, 1, 1, 1));
      const ref = tsClr(Float64Array.of(x, 1, 1, 1));
      expect(Buffer.from(y.buffer)).toEqual(Buffer.from(ref.buffer));
    }
    expect(Buffer.from(simdClr(Float64Array.from(EDGES)).buffer)).toEqual(
      Buffer.from(tsClr(Float64Array.from(EDGES)).buffer),
    );
  });

  it("keeps one row per length: a new length gets its own row", () => {
    const a = clrLog2Row(5);
    expect(clrLog2Row(5)).toBe(a);
    expect(clrLog2Row(6)!.row.length).toBe(6);
  });
});
