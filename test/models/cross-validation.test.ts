import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auroc } from "../../src/core/models/classification-metrics.js";
import { nestedCrossValidation } from "../../src/core/models/cross-validation.js";
import { cvFolds } from "../../src/core/models/cv-folds.js";
import { elasticNetPath, linearPredictor } from "../../src/core/models/elastic-net.js";
import { subMatrix } from "../../src/core/models/feature-filter.js";
import { createRng } from "../../src/core/random/rng.js";

function noiseData(n: number, p: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * p }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) => (i < Math.floor(n / 2) ? 1 : 0));
  rng.shuffle(y);
  return { x, y };
}

/**
 * TEST-ONLY leaky pipeline: picks the 10 features most correlated with y on ALL samples, then
 * cross-validates a fixed-lambda logistic lasso on them. The selection saw the test folds.
 */
function leakyCvAuroc(x: Float64Array, y: Float64Array, n: number, p: number, seed: number): number {
  const score = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i * p + j]! * (y[i]! - 0.5);
    score[j] = Math.abs(s);
  }
  const top = Int32Array.from({ length: p }, (_, j) => j)
    .sort((a, b) => score[b]! - score[a]!)
    .slice(0, 10);
  const folds = cvFolds(n, { k: 5, seed, strata: y })[0]!;
  const pred = new Float64Array(n);
  for (let f = 0; f < 5; f++) {
    const train = [...Array(n).keys()].filter((i) => folds[i] !== f);
    const test = [...Array(n).keys()].filter((i) => folds[i] === f);
    const fit = elasticNetPath(
      subMatrix(x, p, train, top),
      Float64Array.from(train, (i) => y[i]!),
      train.length,
      10,
      {
        family: "binomial",
        lambda: [0.02],
      },
    );
    const eta = linearPredictor(subMatrix(x, p, test, top), test.length, 10, fit.intercept[0]!, fit.beta[0]!);
    test.forEach((i, t) => {
      pred[i] = eta[t]!;
    });
  }
  return auroc(y, pred);
}

describe("cvFolds", () => {
  it("puts every sample in exactly one fold, with stratified class balance", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 80 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer(),
        (n, k, seed) => {
          const y = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
          const [folds] = cvFolds(n, { k, seed, strata: y });
          const size = new Array(k).fill(0);
          const pos = new Array(k).fill(0);
          folds!.forEach((f, i) => {
            size[f]++;
            pos[f] += y[i]!;
          });
          expect(Math.max(...size) - Math.min(...size)).toBeLessThanOrEqual(1);
          expect(Math.max(...pos) - Math.min(...pos)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("keeps groups whole and is reproducible per seed", () => {
    const groups = Array.from({ length: 30 }, (_, i) => `s${Math.floor(i / 3)}`);
    const a = cvFolds(30, { k: 5, repeats: 2, seed: 4, groups });
    const b = cvFolds(30, { k: 5, repeats: 2, seed: 4, groups });
    expect(a.map((f) => Array.from(f))).toEqual(b.map((f) => Array.from(f)));
    expect(Array.from(a[0]!)).not.toEqual(Array.from(a[1]!));
    for (let i = 0; i < 30; i++) expect(a[0]![i]).toBe(a[0]![i - (i % 3)]);
    expect(() => cvFolds(30, { k: 11, seed: 1, groups })).toThrow(/out_of_range/);
  });
});

describe("nestedCrossValidation", () => {
  it("shows no leakage: noise (n = 65, p = 500) stays in the null band while a leaky pipeline does not", () => {
    const n = 65;
    const p = 500;
    const { x, y } = noiseData(n, p, 2026);
    const nested = nestedCrossValidation(x, y, n, p, {
      task: "binary",
      model: { type: "elastic_net", alphas: [1], innerFolds: 5, nlambda: 30 },
      seed: 1,
      k: 5,
    });
    const auc = nested.metrics.find((m) => m.name === "auroc")!.mean!;
    // Null SD of AUROC for 32 vs 33: sqrt((n + 1) / (12 n1 n0)) = 0.072; band 0.5 +- 3 SD
    expect(Math.abs(auc - 0.5)).toBeLessThan(0.216);
    const leaky = leakyCvAuroc(x, y, n, p, 1);
    expect(leaky).toBeGreaterThan(0.8);
  });

  it("recovers a real signal, selects the true feature in every fold with a consistent sign", () => {
    const n = 80;
    const p = 30;
    const rng = createRng(3);
    const x = Float64Array.from({ length: n * p }, () => rng.normal());
    const y = Float64Array.from(
      { length: n },
      (_, i) => 2 * x[i * p + 4]! - x[i * p + 7]! + 0.5 * rng.normal(),
    );
    const res = nestedCrossValidation(x, y, n, p, {
      task: "continuous",
      model: { type: "elastic_net", alphas: [0.5, 1], nlambda: 30 },
      seed: 2,
      k: 4,
      repeats: 2,
    });
    expect(res.metrics[0]!.name).toBe("r2");
    expect(res.metrics[0]!.mean!).toBeGreaterThan(0.8);
    expect(res.folds).toHaveLength(8);
    expect(res.stability[4]).toMatchObject({ selectionFrequency: 1, signConsistency: 1 });
    expect(res.stability[7]!.meanWeight).toBeLessThan(0);
    expect(res.oof).toHaveLength(2);
  });

  it("fits the prevalence filter inside training folds only (random forest)", () => {
    const n = 40;
    const p = 6;
    const rng = createRng(8);
    const x = Float64Array.from({ length: n * p }, () => rng.uniform());
    // feature 5 is present in 3 samples only: below 10% prevalence in most training folds
    for (let i = 0; i < n; i++) x[i * p + 5] = i < 3 ? 1 : 0;
    const y = Float64Array.from({ length: n }, (_, i) => (x[i * p]! > 0.5 ? 1 : 0));
    const res = nestedCrossValidation(x, y, n, p, {
      task: "binary",
      model: { type: "random_forest", numTrees: 30 },
      seed: 5,
      k: 4,
      filter: { minPrevalence: 0.1 },
    });
    const counts = res.folds.map((f) => f.nFeatures);
    expect(Math.min(...counts)).toBe(5);
    expect(res.stability[0]!.selectionFrequency).toBe(1);
    expect(res.metrics[0]!.mean!).toBeGreaterThan(0.8);
  });
});
