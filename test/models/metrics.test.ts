import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calibration } from "../../src/core/models/calibration.js";
import { auprc, auroc, brierScore } from "../../src/core/models/classification-metrics.js";
import { mae, rmse, rSquared } from "../../src/core/models/regression-metrics.js";

/** P(S1 > S0) + P(S1 = S0) / 2 by enumerating all positive-negative pairs (the slow twin). */
function pairwiseAuc(y: number[], s: number[]): number {
  let num = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    for (let k = 0; k < y.length; k++) {
      if (y[i] !== 1 || y[k] !== 0) continue;
      pairs++;
      num += s[i]! > s[k]! ? 1 : s[i] === s[k] ? 0.5 : 0;
    }
  }
  return num / pairs;
}

describe("auroc", () => {
  it("equals the pairwise Mann-Whitney probability, ties counted half (identity)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 5 })), {
          minLength: 2,
          maxLength: 40,
        }),
        (rows) => {
          const y = rows.map((r) => r[0]);
          const s = rows.map((r) => r[1] / 5);
          fc.pre(y.includes(0) && y.includes(1));
          expect(auroc(y, s)).toBeCloseTo(pairwiseAuc(y, s), 12);
        },
      ),
    );
  });

  it("is invariant to a monotone transform of the scores and flips under negation", () => {
    const y = [0, 0, 1, 1, 0, 1];
    const s = [0.1, 0.4, 0.35, 0.8, 0.2, 0.3];
    expect(
      auroc(
        y,
        s.map((v) => Math.exp(3 * v)),
      ),
    ).toBeCloseTo(auroc(y, s), 14);
    expect(
      auroc(
        y,
        s.map((v) => -v),
      ),
    ).toBeCloseTo(1 - auroc(y, s), 14);
  });

  it("gives 0.75 on the scikit-learn docs example and rejects one class", () => {
    expect(auroc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(() => auroc([1, 1], [0.2, 0.3])).toThrow(/both classes/);
  });
});

describe("auprc", () => {
  it("equals scikit-learn average_precision_score on its docs example (0.8333)", () => {
    // sklearn 1.x docs: average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.83333
    expect(auprc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 14);
  });
  it("treats tied scores as one threshold (all tied -> prevalence)", () => {
    expect(auprc([0, 1, 1, 0, 0], [0.5, 0.5, 0.5, 0.5, 0.5])).toBeCloseTo(0.4, 14);
    expect(auprc([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1])).toBe(1);
  });
});

describe("regression metrics and Brier", () => {
  it("match hand calculations", () => {
    const y = [1, 2, 3, 4];
    const pred = [1.5, 2, 2, 5];
    // rss = 0.25 + 0 + 1 + 1 = 2.25, tss = 5
    expect(rSquared(y, pred)).toBeCloseTo(1 - 2.25 / 5, 14);
    expect(rmse(y, pred)).toBeCloseTo(Math.sqrt(2.25 / 4), 14);
    expect(mae(y, pred)).toBeCloseTo(2.5 / 4, 14);
    expect(brierScore([0, 1, 1], [0.2, 0.6, 1])).toBeCloseTo((0.04 + 0.16) / 3, 14);
    expect(() => rSquared([2, 2], [1, 3])).toThrow(/constant/);
  });
});

describe("calibration", () => {
  // R coef(glm(y ~ qlogis(p), family = binomial)) (test/fixtures/extra/calibration.R)
  const ref = JSON.parse(readFileSync("test/fixtures/extra/calibration.json", "utf8")) as {
    y: number[];
    p: number[];
    intercept: number;
    slope: number;
  };
  const { y, p } = ref;
  it("slope and intercept equal R glm(y ~ qlogis(p), family = binomial)", () => {
    // glm stops at epsilon 1e-8, hence 1e-6 here
    const c = calibration(y, p);
    expect(c.intercept).toBeCloseTo(ref.intercept, 6);
    expect(c.slope).toBeCloseTo(ref.slope, 6);
    expect(c.warnings).toEqual([]);
  });
  it("bins: counts add up and mean predicted lies within each bin", () => {
    const c = calibration(y, p, 5);
    expect(c.bins.reduce((s, b) => s + b.n, 0)).toBe(y.length);
    for (const b of c.bins) {
      expect(b.meanPredicted).toBeGreaterThanOrEqual(b.lower);
      expect(b.meanPredicted).toBeLessThanOrEqual(b.upper);
    }
  });
});
