import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { elasticNetPath } from "../../src/core/models/elastic-net.js";
import { glmnetFixture, glmnetN, glmnetP, glmnetX } from "../helpers/glmnet-fixture.js";

const fixture = glmnetFixture;
const n = glmnetN;
const p = glmnetP;
const x = glmnetX;

describe("elasticNetPath against glmnet 4.1-6 (dune CLR, 20 x 30)", () => {
  for (const c of fixture.cases) {
    it(`equals ${c.call} to 1e-9`, () => {
      const y = Float64Array.from(c.family === "gaussian" ? fixture.y_gaussian : fixture.y_binomial);
      const fit = elasticNetPath(x, y, n, p, {
        family: c.family,
        alpha: c.alpha,
        lambda: [c.lambda],
        thresh: 1e-26,
      });
      expect(fit.intercept[0]!).toBeCloseTo(c.intercept, 9);
      let maxDiff = 0;
      for (let j = 0; j < p; j++) maxDiff = Math.max(maxDiff, Math.abs(fit.beta[0]![j]! - c.beta[j]!));
      expect(maxDiff).toBeLessThan(1e-9);
    });
  }

  it("starts the automatic path where glmnet does (lambda_max, log spacing)", () => {
    for (const family of ["gaussian", "binomial"] as const) {
      const y = Float64Array.from(family === "gaussian" ? fixture.y_gaussian : fixture.y_binomial);
      const ref = fixture[`path_${family}_alpha0.5`].lambda;
      const fit = elasticNetPath(x, y, n, p, { family, alpha: 0.5 });
      // glmnet reports lambda_max as-is; the second value onwards are ratio^(k/99) of it
      for (let k = 0; k < 5; k++) expect(fit.lambda[k]!).toBeCloseTo(ref[k]!, 8);
    }
  });
});

describe("elasticNetPath properties", () => {
  it("gives all-zero coefficients at lambda_max and a monotone deviance ratio along the path", () => {
    const y = Float64Array.from(fixture.y_gaussian);
    const fit = elasticNetPath(x, y, n, p, { family: "gaussian", alpha: 1 });
    expect(fit.beta[0]!.every((b) => b === 0)).toBe(true);
    for (let k = 1; k < fit.devRatio.length; k++) {
      expect(fit.devRatio[k]!).toBeGreaterThanOrEqual(fit.devRatio[k - 1]! - 1e-9);
    }
  });

  it("is equivariant to rescaling a column (standardize = TRUE)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: p - 1 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (j, c) => {
          const y = Float64Array.from(fixture.y_gaussian);
          const xs = Float64Array.from(x);
          for (let i = 0; i < n; i++) xs[i * p + j]! *= c;
          const a = elasticNetPath(x, y, n, p, {
            family: "gaussian",
            alpha: 0.5,
            lambda: [0.1],
            thresh: 1e-12,
          });
          const b = elasticNetPath(xs, y, n, p, {
            family: "gaussian",
            alpha: 0.5,
            lambda: [0.1],
            thresh: 1e-12,
          });
          expect(b.beta[0]![j]! * c).toBeCloseTo(a.beta[0]![j]!, 6);
        },
      ),
      { numRuns: 10 },
    );
  });

  it("rejects a one-class binary outcome and non-finite x", () => {
    expect(() => elasticNetPath(x, new Float64Array(n), n, p, { family: "binomial" })).toThrow(/one class/);
    const bad = Float64Array.from(x);
    bad[3] = Number.NaN;
    expect(() =>
      elasticNetPath(bad, Float64Array.from(fixture.y_gaussian), n, p, { family: "gaussian" }),
    ).toThrow(/non_finite/);
  });
});
