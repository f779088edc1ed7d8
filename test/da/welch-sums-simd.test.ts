/**
 * The WebAssembly SIMD group sums of ALDEx2's Welch t (welch-sums-simd.ts) give the bytes of the
 * TypeScript loops (aldex2-tests.ts `welchSumsLoops`) for odd and even numbers of taxa and
 * unbalanced, interleaved groups.
 */
import { describe, expect, it } from "vitest";
import { type WelchSums, welchSumsLoops } from "../../src/core/da/aldex2-tests.js";
import { welchSumsSimd } from "../../src/core/da/welch-sums-simd.js";
import { createRng } from "../../src/core/random/rng.js";

const sums = (m: number): WelchSums => ({
  sum0: new Float64Array(m).fill(7),
  sum1: new Float64Array(m).fill(7),
  ss0: new Float64Array(m).fill(7),
  ss1: new Float64Array(m).fill(7),
});

describe("welchSumsSimd", () => {
  it("gives welchSumsLoops' bytes for odd and even numbers of taxa", () => {
    const rng = createRng(23);
    for (const [n, m] of [
      [4, 1],
      [5, 2],
      [9, 3],
      [30, 8],
      [61, 301],
      [200, 1942],
      [7, 1943],
    ] as const) {
      const groups = Int32Array.from({ length: n }, (_, i) => (i < 2 ? i : rng.int(2)));
      const n1 = groups.reduce((a, g) => a + g, 0);
      const y = Float64Array.from({ length: n * m }, () => 4 * rng.normal() + rng.int(3));
      const ts = sums(m);
      const simd = sums(m);
      welchSumsLoops(y, groups, n - n1, n1, m, ts);
      expect(welchSumsSimd(y, groups, n - n1, n1, m, simd)).toBe(true);
      for (const key of ["sum0", "sum1", "ss0", "ss1"] as const) {
        expect(Buffer.from(simd[key].buffer)).toEqual(Buffer.from(ts[key].buffer));
      }
    }
  });
});
