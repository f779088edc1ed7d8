import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyFeatureTransform } from "../../src/core/models/feature-transform.js";
import { clr } from "../../src/core/table/clr.js";
import { fromDense } from "../../src/core/table/feature-table.js";

describe("applyFeatureTransform", () => {
  it("gives the same CLR as the table-level clr (row-wise twin)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 12, maxLength: 12 }), (cells) => {
        const t = fromDense(["a", "b", "c"], ["f1", "f2", "f3", "f4"], cells);
        const ref = clr(t, { pseudocount: 1 }).values;
        const ours = applyFeatureTransform({ type: "clr", pseudocount: 1 }, cells, 3, 4);
        for (let i = 0; i < 12; i++) expect(ours[i]!).toBeCloseTo(ref[i]!, 12);
      }),
      { numRuns: 50 },
    );
  });
  it("rejects values that cannot be logged", () => {
    expect(() => applyFeatureTransform({ type: "log", pseudocount: 0 }, [0, 1], 1, 2)).toThrow(
      /negative_value/,
    );
  });
});
