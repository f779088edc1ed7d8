import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantileType7 } from "../../src/core/stats/descriptive.js";
import { empiricalPercentile, percentileFromQuantiles } from "../../src/core/profile/percentile.js";

describe("percentileFromQuantiles", () => {
  const levels = [0, 0.25, 0.5, 0.75, 1];

  it("matches a hand-computed case (linear between stored quantiles)", () => {
    const q = [0, 2, 4, 6, 8];
    // 3 lies halfway between q(0.25) = 2 and q(0.5) = 4 -> 0.375
    expect(percentileFromQuantiles(3, levels, q)).toBeCloseTo(0.375, 12);
    expect(percentileFromQuantiles(7.5, levels, q)).toBeCloseTo(0.75 + 0.25 * (1.5 / 2), 12);
    expect(percentileFromQuantiles(4, levels, q)).toBe(0.5);
    expect(percentileFromQuantiles(-1, levels, q)).toBe(0);
    expect(percentileFromQuantiles(9, levels, q)).toBe(1);
  });

  it("gives the midpoint of tied levels (many zeros)", () => {
    // quantiles 0, 0, 0 at levels 0, 0.25, 0.5 -> a value of 0 sits at 0.25
    expect(percentileFromQuantiles(0, levels, [0, 0, 0, 5, 10])).toBe(0.25);
    expect(percentileFromQuantiles(2.5, levels, [0, 0, 0, 5, 10])).toBeCloseTo(0.625, 12);
  });

  it("inverts R type-7 quantiles of a sample (sample 1..9: quantile(0.3) = 3.4)", () => {
    const sample = [5, 1, 9, 3, 7, 2, 8, 4, 6];
    const fine = Array.from({ length: 11 }, (_, i) => i / 10);
    const q = fine.map((l) => quantileType7(sample, l));
    expect(q[3]).toBeCloseTo(3.4, 12);
    expect(percentileFromQuantiles(3.4, fine, q)).toBeCloseTo(0.3, 12);
  });

  it("property: monotone in the value and inverse of the quantile function", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 30 }),
        fc.double({ min: -150, max: 150, noNaN: true }),
        fc.double({ min: -150, max: 150, noNaN: true }),
        (sample, a, b) => {
          const q = levels.map((l) => quantileType7(sample, l));
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(percentileFromQuantiles(lo, levels, q)).toBeLessThanOrEqual(
            percentileFromQuantiles(hi, levels, q) + 1e-12,
          );
          const distinct = q.every((v, i) => i === 0 || v > q[i - 1]!);
          if (distinct)
            levels.forEach((l, i) => expect(percentileFromQuantiles(q[i]!, levels, q)).toBeCloseTo(l, 9));
        },
      ),
    );
  });
});

describe("empiricalPercentile", () => {
  it("is the mid-rank percentile (R: mean(x < v) + mean(x == v) / 2)", () => {
    expect(empiricalPercentile(2, [1, 2, 2, 3])).toBe(0.5);
    expect(empiricalPercentile(2.5, [1, 2, 2, 3])).toBe(0.75);
    expect(empiricalPercentile(0, [1, 2, 2, 3])).toBe(0);
    expect(empiricalPercentile(3, [1, 2, 2, 3])).toBe(0.875);
  });

  it("rejects an empty reference and a non-finite value", () => {
    expect(() => empiricalPercentile(1, [])).toThrow(/reference/);
    expect(() => empiricalPercentile(Number.NaN, [1])).toThrow();
  });
});
