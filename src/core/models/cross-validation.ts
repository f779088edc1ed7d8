/**
 * Nested, repeated k-fold cross-validation of a whole modelling pipeline.
 *
 * Outer loop: `repeats` x `k` folds (stratified on a binary outcome, grouped by subject when
 * `groups` is given; cv-folds.ts). Inside each outer training fold, and only there:
 *   1. the feature filter (prevalence / variance) is fitted (feature-filter.ts),
 *   2. the learner is fitted, including its own inner CV for lambda and alpha (elastic net) and its
 *      standardisation (glmnet-style, inside elasticNetPath),
 * and the fitted pipeline predicts the outer test fold. Nothing computed from a test fold ever
 * reaches its model, so the out-of-fold (OOF) predictions estimate performance on new people.
 *
 * Outputs: per-repeat OOF predictions and their per-sample mean; per-fold metrics and chosen
 * hyperparameters; per-repeat pooled-OOF metrics and their mean (the estimate); and per-feature
 * stability over the k x repeats outer fits: selection frequency (elastic net: non-zero coefficient;
 * forest: among the `stabilityTopK` largest importances), sign consistency (share of selections with
 * the majority sign; forest sign = sign of the training-fold correlation with the outcome) and the
 * mean weight (coefficient or importance; 0 when filtered out).
 * Reference: Varma S, Simon R (2006). Bias in error estimation when using cross-validation for model
 * selection. BMC Bioinformatics 7:91. doi:10.1186/1471-2105-7-91
 */
import { InputError } from "../errors.js";
import { cvFolds, foldSplit } from "./cv-folds.js";
import { type FeatureFilterOptions, fitFeatureFilter, subMatrix } from "./feature-filter.js";
import { fitLearner, type ModelSpec, type ModelTask } from "./learner.js";
import { type MetricName, taskMetricNames, taskMetrics } from "./task-metrics.js";

/**
 * Options of {@link nestedCrossValidation}: task, learner, seed, k (default 5), repeats (default 1), subject
 * groups and feature filter.
 */
export interface NestedCvOptions {
  task: ModelTask;
  model: ModelSpec;
  seed: number;
  k?: number;
  repeats?: number;
  groups?: readonly string[];
  filter?: FeatureFilterOptions;
  /** Raw values (same shape as x) for the prevalence filter, e.g. counts before CLR. */
  raw?: Float64Array;
  stabilityTopK?: number;
  /** Keep the elastic-net fold models of the first repeat (for CV+ intervals). */
  keepFoldModels?: boolean;
}

/** An elastic-net fold model with coefficients over all p input columns (0 where filtered out). */
export interface LinearFoldModel {
  intercept: number;
  beta: number[];
}

/** One outer fold: its sizes, features kept, test metrics and the hyperparameters chosen inside it. */
export interface FoldResult {
  repeat: number;
  fold: number;
  nTrain: number;
  nTest: number;
  nFeatures: number;
  metrics: Partial<Record<MetricName, number | null>>;
  hyperparameters: Record<string, number>;
}

/**
 * How stable one feature's selection was over the outer fits: frequency, sign consistency and mean weight.
 */
export interface FeatureStability {
  feature: number;
  selectionFrequency: number;
  signConsistency: number | null;
  meanWeight: number;
}

/**
 * Nested CV output: fold IDs, out-of-fold predictions per repeat and their mean, per-fold and per-repeat
 * metrics, feature stability.
 */
export interface NestedCvResult {
  task: ModelTask;
  model: ModelSpec["type"];
  k: number;
  repeats: number;
  seed: number;
  /** Fold ID of every sample, per repeat. */
  foldIds: number[][];
  oof: number[][];
  oofMean: number[];
  foldModels: LinearFoldModel[] | null;
  folds: FoldResult[];
  metrics: { name: MetricName; perRepeat: (number | null)[]; mean: number | null }[];
  stability: FeatureStability[];
  warnings: string[];
}

/** Sign (-1, 0, 1) of the correlation of column j of row-major x (n x p) with y. */
export function correlationSign(x: Float64Array, y: Float64Array, n: number, p: number, j: number): number {
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i * p + j]!;
    sy += y[i]!;
    sxy += x[i * p + j]! * y[i]!;
  }
  return Math.sign(sxy - (sx * sy) / n);
}

function topKMask(w: Float64Array, k: number): Uint8Array {
  const order = Int32Array.from({ length: w.length }, (_, j) => j).sort((a, b) => w[b]! - w[a]!);
  const mask = new Uint8Array(w.length);
  for (let r = 0; r < Math.min(k, w.length); r++) if (w[order[r]!]! > 0) mask[order[r]!] = 1;
  return mask;
}

/**
 * Nested, repeated k-fold cross-validation of the whole pipeline (filter, tuning, fit inside each
 * outer training fold only; Varma & Simon 2006, BMC Bioinformatics 7:91, doi:10.1186/1471-2105-7-91);
 * x is row-major n × p.
 * @throws {InputError} `too_few_samples` (no feature passes the filter in a training fold), plus
 *   those of {@link cvFolds} and the learner.
 */
export function nestedCrossValidation(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  opts: NestedCvOptions,
): NestedCvResult {
  const k = opts.k ?? 5;
  const repeats = opts.repeats ?? 1;
  const topK = opts.stabilityTopK ?? 20;
  const folds = cvFolds(n, {
    k,
    repeats,
    seed: opts.seed,
    strata: opts.task === "binary" ? y : undefined,
    groups: opts.groups,
  });
  const warnings: string[] = [];
  const oof: number[][] = [];
  const foldResults: FoldResult[] = [];
  const selected = new Float64Array(p);
  const positive = new Float64Array(p);
  const weightSum = new Float64Array(p);
  const foldModels: LinearFoldModel[] = [];
  for (let r = 0; r < repeats; r++) {
    const pred = new Float64Array(n);
    for (let f = 0; f < k; f++) {
      const { train, test } = foldSplit(folds[r]!, f);
      const all = Int32Array.from({ length: p }, (_, j) => j);
      const xTrainAll = subMatrix(x, p, train, all);
      const yTrain = Float64Array.from(train, (i) => y[i]!);
      const rawTrain = opts.raw ? subMatrix(opts.raw, p, train, all) : undefined;
      const keep = fitFeatureFilter(xTrainAll, train.length, p, opts.filter ?? {}, rawTrain);
      if (keep.length === 0) {
        throw InputError.single({
          code: "too_few_samples",
          message: `no feature passes the filter in training fold ${f + 1} of repeat ${r + 1}`,
          hint: "lower min_prevalence / min_variance",
        });
      }
      const xTrain = subMatrix(
        xTrainAll,
        p,
        Int32Array.from({ length: train.length }, (_, i) => i),
        keep,
      );
      const foldSeed = opts.seed + 7919 * (r * k + f + 1);
      const groupsTrain = opts.groups ? train.map((i) => opts.groups![i]!) : undefined;
      const learner = fitLearner(
        xTrain,
        yTrain,
        train.length,
        keep.length,
        opts.task,
        opts.model,
        foldSeed,
        groupsTrain,
      );
      const yhat = learner.predict(subMatrix(x, p, test, keep), test.length);
      for (let t = 0; t < test.length; t++) pred[test[t]!] = yhat[t]!;
      if (opts.keepFoldModels && r === 0 && learner.elasticNet) {
        const beta = new Array<number>(p).fill(0);
        keep.forEach((j, c) => {
          beta[j] = learner.elasticNet!.beta[c]!;
        });
        foldModels.push({ intercept: learner.elasticNet.intercept, beta });
      }
      const mask =
        opts.model.type === "elastic_net"
          ? Uint8Array.from(learner.weights, (w) => (w !== 0 ? 1 : 0))
          : topKMask(learner.weights, topK);
      for (let c = 0; c < keep.length; c++) {
        const j = keep[c]!;
        weightSum[j]! += learner.weights[c]!;
        if (mask[c] === 0) continue;
        selected[j]!++;
        const sign =
          opts.model.type === "elastic_net"
            ? Math.sign(learner.weights[c]!)
            : correlationSign(xTrain, yTrain, train.length, keep.length, c);
        if (sign > 0) positive[j]!++;
      }
      const foldMetrics = taskMetrics(
        opts.task,
        test.map((i) => y[i]!),
        yhat,
      );
      if (Object.values(foldMetrics).includes(null)) {
        warnings.push(
          `repeat ${r + 1}, fold ${f + 1}: a metric is undefined (one class or constant outcome)`,
        );
      }
      foldResults.push({
        repeat: r,
        fold: f,
        nTrain: train.length,
        nTest: test.length,
        nFeatures: keep.length,
        metrics: foldMetrics,
        hyperparameters: learner.hyperparameters,
      });
    }
    oof.push(Array.from(pred));
  }
  const oofMean = Array.from({ length: n }, (_, i) => oof.reduce((s, row) => s + row[i]!, 0) / repeats);
  const metrics = taskMetricNames(opts.task).map((name) => {
    const perRepeat = oof.map((row) => taskMetrics(opts.task, y, row)[name] ?? null);
    const defined = perRepeat.filter((v): v is number => v !== null);
    return {
      name,
      perRepeat,
      mean: defined.length > 0 ? defined.reduce((s, v) => s + v, 0) / defined.length : null,
    };
  });
  const fits = k * repeats;
  const stability: FeatureStability[] = Array.from({ length: p }, (_, j) => ({
    feature: j,
    selectionFrequency: selected[j]! / fits,
    signConsistency:
      selected[j]! > 0 ? Math.max(positive[j]!, selected[j]! - positive[j]!) / selected[j]! : null,
    meanWeight: weightSum[j]! / fits,
  }));
  return {
    task: opts.task,
    model: opts.model.type,
    k,
    repeats,
    seed: opts.seed,
    foldIds: folds.map((f) => Array.from(f)),
    oof,
    oofMean,
    foldModels: foldModels.length > 0 ? foldModels : null,
    folds: foldResults,
    metrics,
    stability,
    warnings,
  };
}
