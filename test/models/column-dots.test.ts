/**
 * column-dots.ts sums each column in two partial sums, even and odd rows, added at the end; the
 * WebAssembly SIMD kernels (cd-simd.ts, on views of their memory) and the TypeScript loops (on
 * ordinary arrays) must both give that order's values bit for bit (the reference loops are written
 * out here), which differ from a plain row-order sum only by rounding.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cdBuffer, f64Views } from "../../src/core/models/cd-simd.js";
import { columnDots, columnSquares, residualPass } from "../../src/core/models/column-dots.js";

const finite = fc.double({ min: -1e3, max: 1e3, noNaN: true });

/** n, p, a column-major z, weights, a residual and a list of distinct columns. */
const problem = fc
  .record({ n: fc.integer({ min: 1, max: 40 }), p: fc.integer({ min: 1, max: 11 }) })
  .chain(({ n, p }) =>
    fc.record({
      n: fc.constant(n),
      z: fc.float64Array({ minLength: n * p, maxLength: n * p, min: -1e3, max: 1e3, noNaN: true }),
      w: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      r: fc.array(finite, { minLength: n, maxLength: n }),
      d: finite,
      cols: fc.shuffledSubarray(
        Array.from({ length: p }, (_, j) => j),
        { minLength: 0, maxLength: p },
      ),
    }),
  );

/** sum_i f(i) as even rows + odd rows, each in row order (the module's order). */
function paired(n: number, f: (i: number) => number): number {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) even += f(i);
    else odd += f(i);
  }
  return even + odd;
}

/**
 * Copies of z, r, w, a column list and room for wz, p outputs and two sums: in the SIMD memory or
 * not.
 */
function arrays(
  z: Float64Array,
  r: readonly number[],
  w: readonly number[],
  cols: readonly number[],
  simd: boolean,
) {
  const length = 2 * z.length + 2 * r.length + 2 + z.length / r.length;
  const bytes = 8 * length + 4 * cols.length;
  const buffer = simd ? cdBuffer(bytes) : new ArrayBuffer(bytes);
  const take = f64Views(buffer);
  const zz = take(z.length);
  zz.set(z);
  const rr = take(r.length);
  rr.set(r);
  const ww = take(w.length);
  ww.set(w);
  const wz = take(z.length).fill(Number.NaN);
  const out = take(z.length / r.length).fill(Number.NaN);
  const sums = take(2);
  const list = new Int32Array(buffer, 8 * length, cols.length);
  list.set(cols);
  return { z: zz, r: rr, w: ww, wz, out, sums, list };
}

describe("column dots", () => {
  for (const simd of [true, false]) {
    const where = simd ? "in WebAssembly memory" : "in ordinary arrays";
    it(`sum even and odd rows apart, bit for bit, ${where}`, () => {
      fc.assert(
        fc.property(problem, ({ n, z, w, r, d, cols }) => {
          const a = arrays(z, r, w, cols, simd);
          columnDots(a.z, a.r, n, a.list, a.list.length, a.out);
          for (const j of cols) {
            const g = paired(n, (i) => z[j * n + i]! * r[i]!);
            expect(Object.is(a.out[j], g / n)).toBe(true);
            let plain = 0;
            for (let i = 0; i < n; i++) plain += z[j * n + i]! * r[i]!;
            let scale = 0;
            for (let i = 0; i < n; i++) scale += Math.abs(z[j * n + i]! * r[i]!);
            expect(Math.abs(g - plain)).toBeLessThanOrEqual(1e-14 * scale);
          }
          columnSquares(a.z, a.w, n, a.list, a.list.length, a.out, a.wz);
          for (const j of cols) {
            const sq = paired(n, (i) => w[i]! * z[j * n + i]! * z[j * n + i]!);
            expect(Object.is(a.out[j], sq / n)).toBe(true);
            for (let i = 0; i < n; i++) expect(Object.is(a.wz[j * n + i], w[i]! * z[j * n + i]!)).toBe(true);
          }
          // the residual pass: update by column cols[0] (or 0, whose wz is then z), gradients of the
          // first two listed
          const j = cols[0] ?? 0;
          const k = cols[1] ?? j;
          const wzIn = cols.length > 0 ? a.wz : a.z;
          const pass = residualPass(a.z, wzIn, a.r, n, a.sums);
          pass(j * n, d, j * n, k * n);
          const upd = r.map((ri, i) => ri - d * wzIn[j * n + i]!);
          expect(Array.from(a.r)).toEqual(upd);
          expect(
            Object.is(
              a.sums[0],
              paired(n, (i) => z[j * n + i]! * upd[i]!),
            ),
          ).toBe(true);
          expect(
            Object.is(
              a.sums[1],
              paired(n, (i) => z[k * n + i]! * upd[i]!),
            ),
          ).toBe(true);
        }),
      );
    });
  }

  it("touches only the listed columns", () => {
    const z = Float64Array.from({ length: 12 }, (_, k) => k + 1);
    const out = new Float64Array(4).fill(-7);
    columnDots(z, Float64Array.of(1, 1, 1), 3, Int32Array.of(2, 0), 2, out);
    expect(Array.from(out)).toEqual([2, -7, 8, -7]);
  });
});
