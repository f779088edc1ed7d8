import { describe, expect, it } from "vitest";
import { predictForest } from "../../src/core/models/random-forest.js";
import { applyFeatureTransform } from "../../src/core/models/feature-transform.js";
import { predictOne } from "../../src/core/models/predict-one.js";
import { type FittedModel, trainModel } from "../../src/core/models/train-model.js";
import { createRng } from "../../src/core/random/rng.js";

/** Counts for n people x p taxa; taxon 0 is enriched 8-fold in responders (binary) / with the score. */
function cohort(n: number, p: number, seed: number) {
  const rng = createRng(seed);
  const yb = Float64Array.from({ length: n }, (_, i) => i % 2);
  const yc = Float64Array.from({ length: n }, () => rng.normal());
  const xb = new Float64Array(n * p);
  const xc = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const base = 20 * Math.exp(0.5 * rng.normal());
      xb[i * p + j] = rng.poisson(j === 0 && yb[i] === 1 ? 8 * base : base);
      xc[i * p + j] = rng.poisson(j === 0 ? base * Math.exp(yc[i]!) : base);
    }
  }
  const featureNames = Array.from({ length: p }, (_, j) => `taxon_${j}`);
  return { xb, xc, yb, yc, featureNames };
}

const roundTrip = (m: FittedModel): FittedModel => JSON.parse(JSON.stringify(m)) as FittedModel;

describe("trainModel + predictOne", () => {
  const n = 60;
  const p = 25;
  const d = cohort(n, p, 11);
  const fast = { seed: 3, k: 4, repeats: 1, bootstrapReplicates: 200, permutations: 4 };

  it("binary elastic net: JSON-safe model, AUROC with CI, null p, top feature and Venn-Abers interval", () => {
    const model = trainModel(
      { x: d.xb, n, p, featureNames: d.featureNames, y: d.yb, task: "binary", target: "responder" },
      { ...fast, model: { type: "elastic_net", alphas: [1], nlambda: 30 } },
    );
    expect(roundTrip(model)).toEqual(model);
    const auc = model.cv.auroc!;
    expect(auc.estimate).toBeGreaterThan(0.8);
    expect(auc.ci_low).toBeLessThanOrEqual(auc.estimate);
    expect(auc.ci_high).toBeGreaterThanOrEqual(auc.estimate);
    expect(model.cv.null_p).toBe(1 / 5); // no permutation of 4 reaches AUROC > 0.8 here
    expect(model.topFeatures[0]).toMatchObject({
      name: "taxon_0",
      direction: "positive",
      selectionFrequency: 1,
    });
    expect(model.training.classBalance).toEqual({ positive: 30, negative: 30 });
    const person = Array.from(d.xb.subarray(0, p));
    const pred = predictOne(roundTrip(model), person);
    expect(pred).toEqual(predictOne(model, person));
    expect(pred.interval.lower).toBeLessThanOrEqual(pred.interval.upper);
    expect(pred.calibratedProbability!).toBeGreaterThanOrEqual(0);
    // contributions: beta_j (x_j - mean_j) sum to eta(x) - eta(training means)
    const x = applyFeatureTransform(model.transform, person, 1, p);
    const en = model.elasticNet!;
    const eta = model.keptFeatures.reduce((s, j, c) => s + en.coefficients[c]! * x[j]!, en.intercept);
    const etaMean = model.keptFeatures.reduce(
      (s, _j, c) => s + en.coefficients[c]! * model.training.features[c]!.mean,
      en.intercept,
    );
    const sum = pred.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(sum).toBeCloseTo(eta - etaMean, 10);
    expect(pred.prediction).toBeCloseTo(1 / (1 + Math.exp(-eta)), 12);
  });

  it("continuous elastic net: R^2 with CI and a CV+ interval around the prediction", () => {
    const model = trainModel(
      { x: d.xc, n, p, featureNames: d.featureNames, y: d.yc, task: "continuous", target: "pain_relief" },
      { ...fast, permutations: 0, model: { type: "elastic_net", alphas: [0.5, 1], nlambda: 30 } },
    );
    expect(model.cv.r2!.estimate).toBeGreaterThan(0.3);
    expect(model.cv.null_p).toBeNull();
    expect(model.interval.method).toBe("cv+");
    const pred = predictOne(model, Array.from(d.xc.subarray(p, 2 * p)));
    expect(pred.interval.lower).toBeLessThan(pred.prediction);
    expect(pred.interval.upper).toBeGreaterThan(pred.prediction);
    expect(pred.interval.level).toBe(0.9);
  });

  it("random forest: tree-path contributions add up to the forest prediction", () => {
    const model = trainModel(
      { x: d.xb, n, p, featureNames: d.featureNames, y: d.yb, task: "binary", target: "responder" },
      { ...fast, permutations: 0, model: { type: "random_forest", numTrees: 40 } },
    );
    expect(roundTrip(model)).toEqual(model);
    expect(model.topFeatures[0]!.name).toBe("taxon_0");
    const person = Array.from(d.xb.subarray(2 * p, 3 * p));
    const pred = predictOne(model, person);
    const x = applyFeatureTransform(model.transform, person, 1, p);
    const xk = Float64Array.from(model.keptFeatures, (j) => x[j]!);
    expect(pred.prediction).toBeCloseTo(predictForest(model.forest!, xk, 1)[0]!, 12);
  });

  it("reports progress and permutes whole subjects when the outcome is constant within them", () => {
    const groups = Array.from({ length: n }, (_, i) => `subject_${Math.floor(i / 2)}`);
    const y = Float64Array.from({ length: n }, (_, i) => Math.floor(i / 2) % 2);
    const calls: number[] = [];
    const model = trainModel(
      { x: d.xb, n, p, featureNames: d.featureNames, y, task: "binary", target: "r", groups },
      {
        ...fast,
        permutations: 2,
        model: { type: "random_forest", numTrees: 10 },
        onProgress: (done) => calls.push(done),
      },
    );
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(model.warnings.some((w) => w.includes("permutes samples"))).toBe(false);
    const mixed = trainModel(
      { x: d.xb, n, p, featureNames: d.featureNames, y: d.yb, task: "binary", target: "r", groups },
      { ...fast, permutations: 1, model: { type: "random_forest", numTrees: 10 } },
    );
    expect(mixed.warnings.some((w) => w.includes("permutes samples"))).toBe(true);
  });

  it("rejects a non-0/1 binary outcome and a wrong-length feature vector", () => {
    const y = Float64Array.from(d.yb);
    y[3] = 2;
    expect(() =>
      trainModel(
        { x: d.xb, n, p, featureNames: d.featureNames, y, task: "binary", target: "r" },
        { seed: 1 },
      ),
    ).toThrow(/bad_level/);
  });
});
