/**
 * cd-sweep.ts: the WebAssembly sweep (on views of the kernels' memory) and the TypeScript one (on
 * ordinary arrays) must take the same steps: the same coefficients, residuals and returned change,
 * bit for bit, sweep after sweep; and sweeps to convergence must solve the lasso's stationarity
 * conditions.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cdBuffer, f64Views } from "../../src/core/models/cd-simd.js";
import { coordinateSweep, type SweepArrays } from "../../src/core/models/cd-sweep.js";

/** A problem's arrays laid out in `buffer`: z standardised-ish, w z, v, b = 0, r = w y, all columns working. */
function layout(
  buffer: ArrayBuffer,
  n: number,
  p: number,
  z0: readonly number[],
  w: readonly number[],
  y: readonly number[],
): SweepArrays {
  const take = f64Views(buffer);
  const z = take(n * p);
  z.set(z0);
  const wz = take(n * p);
  const v = take(p);
  const b = take(p).fill(0);
  const r = take(n);
  const sums = take(2);
  for (let j = 0; j < p; j++) {
    let vj = 0;
    for (let i = 0; i < n; i++) {
      wz[j * n + i] = w[i]! * z[j * n + i]!;
      vj += wz[j * n + i]! * z[j * n + i]!;
    }
    v[j] = vj / n;
  }
  for (let i = 0; i < n; i++) r[i] = w[i]! * y[i]!;
  const work = new Int32Array(buffer, 8 * (2 * n * p + 2 * p + n + 2), p);
  for (let j = 0; j < p; j++) work[j] = j;
  return { n, z, wz, v, b, r, work, sums };
}

const problem = fc
  .record({ n: fc.integer({ min: 1, max: 30 }), p: fc.integer({ min: 1, max: 12 }) })
  .chain(({ n, p }) =>
    fc.record({
      n: fc.constant(n),
      p: fc.constant(p),
      z: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * p, maxLength: n * p }),
      w: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      y: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
      l1: fc.double({ min: 0, max: 0.5, noNaN: true }),
      l2: fc.double({ min: 0, max: 0.5, noNaN: true }),
    }),
  );

describe("coordinate sweep", () => {
  it("takes the same steps in WebAssembly and in TypeScript, bit for bit", () => {
    fc.assert(
      fc.property(problem, ({ n, p, z, w, y, l1, l2 }) => {
        const bytes = 8 * (2 * n * p + 2 * p + n + 2) + 4 * p;
        const simd = layout(cdBuffer(bytes), n, p, z, w, y);
        const ts = layout(new ArrayBuffer(bytes), n, p, z, w, y);
        const sweepSimd = coordinateSweep(simd);
        const sweepTs = coordinateSweep(ts);
        for (let k = 0; k < 6; k++) {
          const nonzeroOnly = k % 2 === 1;
          const a = sweepSimd(p, l1, l2, nonzeroOnly);
          const b = sweepTs(p, l1, l2, nonzeroOnly);
          expect(Object.is(a, b)).toBe(true);
          expect(Array.from(simd.b)).toEqual(Array.from(ts.b));
          expect(Array.from(simd.r)).toEqual(Array.from(ts.r));
        }
      }),
    );
  });

  it("converges to the stationarity conditions of the weighted elastic net", () => {
    const n = 9;
    const p = 4;
    const z = Array.from({ length: n * p }, (_, k) => Math.sin(k * 1.7) + 0.3 * Math.cos(k * 0.9));
    const w = Array.from({ length: n }, (_, i) => 0.2 + 0.1 * i);
    const y = Array.from({ length: n }, (_, i) => Math.cos(i) + 0.5 * z[i]!);
    for (const simdMemory of [true, false]) {
      const bytes = 8 * (2 * n * p + 2 * p + n + 2) + 4 * p;
      const a = layout(simdMemory ? cdBuffer(bytes) : new ArrayBuffer(bytes), n, p, z, w, y);
      const sweep = coordinateSweep(a);
      const l1 = 0.02;
      const l2 = 0.05;
      while (sweep(p, l1, l2, false) > 1e-30);
      for (let j = 0; j < p; j++) {
        let g = 0; // (1/n) sum_i w_i z_ij (y_i - z_i b) = (1/n) sum_i z_ij r_i
        for (let i = 0; i < n; i++) g += a.z[j * n + i]! * a.r[i]!;
        g /= n;
        const bj = a.b[j]!;
        if (bj === 0) expect(Math.abs(g)).toBeLessThanOrEqual(l1 + 1e-12);
        else expect(g - l2 * bj).toBeCloseTo(Math.sign(bj) * l1, 10);
      }
    }
  });
});
