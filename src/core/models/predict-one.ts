/**
 * predictOne: one person's prediction from a FittedModel (train-model.ts), with an interval and
 * per-feature contributions.
 * - Elastic net: prediction = b0 + sum_j beta_j x_j on the model scale (probability via the logistic
 *   function for binary); contribution_j = (beta_j sd_j) * z_j = beta_j (x_j - mean_j), the
 *   standardised coefficient times the standardised value, relative to the training mean (so the
 *   contributions sum to the linear predictor minus its value at the training means).
 * - Random forest: tree-path decomposition (Saabas 2014, "Interpreting random forests"): walking each
 *   tree, the change of node value at each split is credited to the split feature; averaged over
 *   trees, prediction = mean root value + sum of contributions exactly.
 * - Interval: CV+ (continuous elastic net), the CV residual interval (continuous forest) or the
 *   Venn-Abers probability interval [p0, p1] with the merged calibrated probability (binary).
 * Input: raw feature values in `model.featureNames` order (the model's transform is applied here).
 */
import { InputError } from "../errors.js";
import { cvPlusFromResiduals } from "./conformal.js";
import { applyFeatureTransform } from "./feature-transform.js";
import type { ForestTree } from "./random-forest.js";
import type { FittedModel } from "./train-model.js";
import { vennAbers } from "./venn-abers.js";

/** One feature's raw value and its contribution to the prediction (model scale). */
export interface FeatureContribution {
  name: string;
  value: number;
  contribution: number;
}

/**
 * One person's prediction, its interval (CV+, CV or Venn–Abers), calibrated probability (binary) and
 * per-feature contributions.
 */
export interface OnePrediction {
  target: string;
  task: FittedModel["task"];
  prediction: number;
  /** Venn-Abers merged probability (binary only). */
  calibratedProbability: number | null;
  interval: { lower: number; upper: number; method: string; level: number | null };
  contributions: FeatureContribution[];
}

const logistic = (eta: number): number => 1 / (1 + Math.exp(-eta));

function forestContributions(
  trees: ForestTree[],
  x: Float64Array,
  cols: number[],
  out: Float64Array,
): number {
  let base = 0;
  for (const t of trees) {
    let node = 0;
    base += t.value[0]!;
    for (;;) {
      const c = t.feature[node]!;
      if (c < 0) break;
      const next = x[cols[c]!]! <= t.threshold[node]! ? t.left[node]! : t.right[node]!;
      out[c]! += t.value[next]! - t.value[node]!;
      node = next;
    }
  }
  for (let c = 0; c < out.length; c++) out[c]! /= trees.length;
  return base / trees.length;
}

/**
 * Predicts one person from raw feature values in `model.featureNames` order, with an interval and
 * per-feature contributions (elastic net: β_j(x_j − mean_j); forest: tree-path decomposition).
 * @throws {InputError} `bad_argument` when the number of values differs from the model's features;
 *   `negative_value` when the transform needs non-negative values.
 */
export function predictOne(model: FittedModel, features: ArrayLike<number>): OnePrediction {
  const p = model.featureNames.length;
  if (features.length !== p) {
    throw InputError.single({
      code: "bad_argument",
      message: `the model expects ${p} feature values (in its featureNames order), got ${features.length}`,
    });
  }
  const x = applyFeatureTransform(model.transform, features, 1, p);
  const kept = model.keptFeatures;
  const contrib = new Float64Array(kept.length);
  let score: number;
  if (model.elasticNet) {
    const en = model.elasticNet;
    let eta = en.intercept;
    kept.forEach((j, c) => {
      eta += en.coefficients[c]! * x[j]!;
      contrib[c] = en.coefficients[c]! * (x[j]! - model.training.features[c]!.mean);
    });
    score = model.task === "binary" ? logistic(eta) : eta;
  } else {
    const forest = model.forest!;
    const base = forestContributions(forest.trees, x, kept, contrib);
    score = base + contrib.reduce((s, v) => s + v, 0);
  }
  const iv = model.interval;
  let interval: OnePrediction["interval"];
  let calibrated: number | null = null;
  if (iv.method === "venn-abers") {
    const va = vennAbers(iv.scores, iv.labels, score);
    calibrated = va.probability;
    interval = { lower: va.p0, upper: va.p1, method: "venn-abers", level: null };
  } else if (iv.method === "cv+") {
    const perFold = iv.foldModels.map((m) => m.beta.reduce((s, b, j) => s + b * x[j]!, m.intercept));
    const r = cvPlusFromResiduals(perFold, iv.foldOf, iv.residuals, iv.alpha);
    interval = { ...r, method: "cv+", level: 1 - iv.alpha };
  } else {
    interval = {
      lower: score - iv.halfWidth,
      upper: score + iv.halfWidth,
      method: "cv",
      level: 1 - iv.alpha,
    };
  }
  const contributions = kept
    .map((j, c) => ({ name: model.featureNames[j]!, value: x[j]!, contribution: contrib[c]! }))
    .filter((c) => c.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return {
    target: model.target,
    task: model.task,
    prediction: score,
    calibratedProbability: calibrated,
    interval,
    contributions,
  };
}
