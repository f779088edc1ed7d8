import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auroc, rocCurve } from "../../src/core/models/classification-metrics.js";

function trapezoid(points: { fpr: number; tpr: number }[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    area += ((points[i]!.fpr - points[i - 1]!.fpr) * (points[i]!.tpr + points[i - 1]!.tpr)) / 2;
  }
  return area;
}

describe("rocCurve", () => {
  it("gives the hand-computed curve of a small case with a tie", () => {
    // scores 0.9(+) 0.8(-) 0.8(+) 0.3(-): thresholds 0.9, 0.8 (tie), 0.3
    expect(rocCurve([1, 0, 1, 0], [0.9, 0.8, 0.8, 0.3])).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 0.5, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
  });

  it("has a trapezoid area equal to AUROC (Mann-Whitney identity), ties included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 5 })), { minLength: 2, maxLength: 40 }),
        (pairs) => {
          const y = pairs.map(([b]) => (b ? 1 : 0));
          fc.pre(y.includes(1) && y.includes(0));
          const score = pairs.map(([, s]) => s);
          expect(trapezoid(rocCurve(y, score))).toBeCloseTo(auroc(y, score), 12);
        },
      ),
    );
  });
});
