/**
 * column-dots.ts sums several columns per pass over the rows only for speed: every value must be the
 * one-column loop's, bit for bit (the reference loops are written out here).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnDots, columnSquares } from "../../src/core/models/column-dots.js";

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
      cols: fc.shuffledSubarray(
        Array.from({ length: p }, (_, j) => j),
        { minLength: 0, maxLength: p },
      ),
    }),
  );

describe("column dots", () => {
  it("equal one column at a time, bit for bit, with and without weights", () => {
    fc.assert(
      fc.property(problem, ({ n, z, w, r, cols }) => {
        const weights = Float64Array.from(w);
        const resid = Float64Array.from(r);
        const list = Int32Array.from(cols);
        for (const weighted of [false, true]) {
          const got = new Float64Array(z.length / n).fill(Number.NaN);
          columnDots(z, weighted ? weights : null, resid, n, list, list.length, got);
          for (const j of cols) {
            let g = 0;
            for (let i = 0; i < n; i++) g += weighted ? w[i]! * z[j * n + i]! * r[i]! : z[j * n + i]! * r[i]!;
            expect(Object.is(got[j], g / n)).toBe(true);
          }
        }
        const squares = new Float64Array(z.length / n);
        columnSquares(z, weights, n, list, list.length, squares);
        for (const j of cols) {
          let v = 0;
          for (let i = 0; i < n; i++) v += w[i]! * z[j * n + i]! * z[j * n + i]!;
          expect(Object.is(squares[j], v / n)).toBe(true);
        }
      }),
    );
  });

  it("touches only the listed columns", () => {
    const z = Float64Array.from({ length: 12 }, (_, k) => k + 1);
    const out = new Float64Array(4).fill(-7);
    columnDots(z, null, Float64Array.of(1, 1, 1), 3, Int32Array.of(2, 0), 2, out);
    expect(Array.from(out)).toEqual([2, -7, 8, -7]);
  });
});
