/**
 * The radix-selection median of Float32 values (float32-median.ts) equals `medianInPlace` (Hoare's
 * selection) on any NaN-free values: odd and even counts, ties, negative values, infinities, values
 * in one bucket and spread over many.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { medianInPlace } from "../../src/core/stats/descriptive.js";
import { Float32Median, float32Key } from "../../src/core/stats/float32-median.js";

/** The keys of `values` (as Float32), for `Float32Median.median`. */
function keysOf(values: Float32Array): Int32Array {
  return new Int32Array(values.buffer.slice(0)).map(float32Key);
}

describe("Float32Median", () => {
  const median = new Float32Median();

  it("orders keys as the values and inverts them", () => {
    const values = Float32Array.from([-Infinity, -3e38, -2, -1e-40, 0, 1e-40, 1, 2.5, 3e38, Infinity]);
    const keys = Array.from(keysOf(values));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.map(float32Key)).toEqual(Array.from(new Int32Array(values.buffer)));
  });

  it("equals medianInPlace", () => {
    const value = fc.oneof(
      fc.float({ noNaN: true, noDefaultInfinity: false }).map((v) => (Object.is(v, -0) ? 0 : v)),
      fc.integer({ min: -3, max: 3 }),
      fc.double({ min: 0.5, max: 0.5001, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (list) => {
        const values = Float32Array.from(list);
        expect(median.median(keysOf(values))).toBe(medianInPlace(values.slice()));
      }),
      { numRuns: 500 },
    );
  });

  it("equals medianInPlace on 10,000 values in one bucket and spread out, and gives NaN for none", () => {
    const near = Float32Array.from({ length: 10000 }, (_, i) => 1 + ((i * 7919) % 10000) * 1e-6);
    const spread = Float32Array.from({ length: 10001 }, (_, i) => Math.sin(i) * 10 ** ((i % 9) - 4));
    for (const values of [near, spread])
      expect(median.median(keysOf(values))).toBe(medianInPlace(values.slice()));
    expect(median.median(new Int32Array(0))).toBeNaN();
    // the middle ranks in the first and the last bucket: candidates from every bucket
    for (const values of [Float32Array.of(-3e38, 3e38), Float32Array.of(Infinity, -Infinity, 1, -1)])
      expect(median.median(keysOf(values))).toBe(medianInPlace(values.slice()));
  });
});
