/**
 * stats/descriptive.ts against R 4.2.2 (test/fixtures/extra/descriptive.R -> descriptive.json):
 * mean, variance, median and quantile(type = 7) to the last bit, plus properties.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  mean,
  median,
  medianInPlace,
  quantileSorted,
  quantileType7,
  variance,
} from "../../src/core/stats/descriptive.js";

interface Case {
  x: number[];
  mean: number;
  median: number;
  var: number | null;
  quantile: number[];
}
const ref = JSON.parse(
  readFileSync(new URL("../fixtures/extra/descriptive.json", import.meta.url), "utf8"),
) as { probs: number[]; cases: Case[] };

describe("descriptive statistics = R", () => {
  it.each(ref.cases.map((c, k) => [k, c] as const))("case %i: mean, median, type-7 quantiles", (_k, c) => {
    expect(mean(c.x)).toBeCloseTo(c.mean, 13);
    expect(median(c.x)).toBe(c.median);
    expect(medianInPlace(Float64Array.from(c.x))).toBe(c.median);
    if (c.var === null) expect(variance(c.x)).toBeNaN();
    else expect(variance(c.x)).toBeCloseTo(c.var, 13);
    expect(ref.probs.map((p) => quantileType7(c.x, p))).toEqual(c.quantile);
  });

  it("leaves its input unsorted; sorted-input quantile agrees; empty input is NaN or an InputError", () => {
    const x = [3, 1, 2];
    expect(median(x)).toBe(2);
    expect(x).toEqual([3, 1, 2]);
    expect(quantileSorted([1, 2, 3], 0.5)).toBe(quantileType7(x, 0.5));
    expect(mean([])).toBeNaN();
    expect(median([])).toBeNaN();
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(() => quantileType7([], 0.5)).toThrow(/quantile of no values/);
  });

  it("medianInPlace agrees with median on odd, even and tied lengths, Float32 included", () => {
    const x = ref.cases[3]!.x;
    for (let n = 1; n <= x.length; n++) {
      const head = x.slice(0, n);
      expect(medianInPlace(Float64Array.from(head))).toBe(median(head));
      const f32 = Float32Array.from(head);
      expect(medianInPlace(Float32Array.from(f32))).toBe(median(f32));
    }
    expect(medianInPlace(new Float64Array(0))).toBeNaN();
    expect(variance([4])).toBeNaN();
  });

  it("quantiles are monotone in p and bounded by min and max", () => {
    const x = ref.cases[3]!.x;
    let last = -Infinity;
    for (let p = 0; p <= 1; p += 0.01) {
      const q = quantileType7(x, p);
      expect(q).toBeGreaterThanOrEqual(last);
      last = q;
    }
    expect(quantileType7(x, 0)).toBe(Math.min(...x));
    expect(quantileType7(x, 1)).toBe(Math.max(...x));
  });
});
