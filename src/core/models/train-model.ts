/**
 * trainModel: the whole prediction workflow for one target, returning a plain JSON-safe FittedModel
 * that `predictOne` (predict-one.ts) and later `model train` / `predict` use.
 *
 * Pipeline: per-sample transform (CLR by default; feature-transform.ts) -> nested repeated CV of
 * [feature filter -> learner with its inner tuning] (cross-validation.ts) -> performance estimate =
 * mean over repeats of the pooled out-of-fold metric (AUROC for binary, R^2 for continuous), its
 * percentile bootstrap CI from the repeat-averaged OOF predictions (bootstrap-ci.ts), and the label
 * permutation p for "better than chance", re-running the one-repeat nested CV per permutation with
 * the same seed (permutation-null.ts; whole subjects are permuted when groups are given and the
 * outcome is constant within each; `permutations: 0` skips it and gives null_p = null) ->
 * the final model refitted on all samples (filter + tuning on all samples).
 * Prediction intervals: continuous elastic net -> CV+ from the first repeat's fold models and OOF
 * residuals (Barber et al. 2021); continuous forest -> the "CV" interval of Barber et al. (full
 * model prediction +- the ceil((1 - alpha)(n + 1))-th smallest absolute OOF residual; no finite-sample
 * guarantee); binary -> inductive Venn-Abers on the repeat-averaged OOF scores (venn-abers.ts),
 * applied to the final model's score (approximate, since the final model is fitted on all samples).
 * The training cohort summary (n, class balance or outcome summary, per-feature mean, SD and
 * quantiles on the model scale) supports percentiles for one person later.
 */
import { InputError } from "../errors.js";
import { mean, variance } from "../stats/descriptive.js";
import { bootstrapCi } from "./bootstrap-ci.js";
import { correlationSign, type LinearFoldModel, nestedCrossValidation } from "./cross-validation.js";
import { type FeatureFilterOptions, fitFeatureFilter, subMatrix } from "./feature-filter.js";
import { applyFeatureTransform, type FeatureTransform } from "./feature-transform.js";
import { fitLearner, type ModelSpec, type ModelTask } from "./learner.js";
import { permutationNull, permutationSources, permutedOutcome } from "./permutation-null.js";
import { quantileType7 } from "../stats/descriptive.js";
import { kthSmallest } from "./quantile.js";
import type { RandomForest } from "./random-forest.js";
import { type MetricName, primaryMetric } from "./task-metrics.js";

/**
 * Training data: raw features (row-major n × p) with names, the outcome, task, target name and optional
 * subject IDs.
 */
export interface TrainModelInput {
  /** Raw feature values (e.g. counts), row-major n x p. */
  x: Float64Array;
  n: number;
  p: number;
  featureNames: readonly string[];
  /** Outcome: 0/1 for binary, numbers for continuous. */
  y: Float64Array;
  task: ModelTask;
  target: string;
  /** Subject ID per sample for grouped CV. */
  groups?: readonly string[];
}

/**
 * Options of {@link trainModel}: seed, learner, transform, filter, CV k and repeats, bootstrap and
 * permutation counts, interval alpha.
 */
export interface TrainModelOptions {
  seed: number;
  model?: ModelSpec;
  transform?: FeatureTransform;
  filter?: FeatureFilterOptions;
  k?: number;
  repeats?: number;
  bootstrapReplicates?: number;
  permutations?: number;
  level?: number;
  /** Miscoverage of prediction intervals (0.1 -> 90% intervals). */
  intervalAlpha?: number;
  topFeatures?: number;
  /** Called after the repeated CV and after each one-repeat CV of the permutation test: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /**
   * The permutation test's statistics, already computed by `permutationStatistics` (e.g. on worker
   * threads): `[observed, permutation 1, ..., permutation B]`. Absent: computed here, in order.
   */
  permutationStatistics?: readonly number[];
}

/**
 * A feature's mean, SD and quantiles (at {@link QUANTILE_LEVELS}) in the training cohort, on the model scale.
 */
export interface FeatureSummary {
  name: string;
  mean: number;
  sd: number;
  /** Quantiles at QUANTILE_LEVELS, on the model (transformed) scale. */
  quantiles: number[];
}

/** One of the model's most influential features: its weight, direction and stability over the CV fits. */
export interface TopFeature {
  name: string;
  weight: number;
  direction: "positive" | "negative";
  selectionFrequency: number;
  signConsistency: number | null;
}

/**
 * What a fitted model keeps to give one person an interval: CV+ fold models, a CV half-width, or Venn–Abers
 * calibration data.
 */
export type IntervalModel =
  | { method: "cv+"; alpha: number; foldOf: number[]; residuals: number[]; foldModels: LinearFoldModel[] }
  | { method: "cv"; alpha: number; halfWidth: number }
  | { method: "venn-abers"; scores: number[]; labels: number[] };

/** A performance estimate with its bootstrap interval. */
export interface MetricEstimate {
  estimate: number;
  ci_low: number;
  ci_high: number;
}

/**
 * A trained model as plain JSON (format version 1): the final model, its transform and kept
 * features, the training-cohort summary, the CV performance with CI and permutation p, top features
 * and the interval model.
 */
export interface FittedModel {
  formatVersion: 1;
  modelType: ModelSpec["type"];
  task: ModelTask;
  target: string;
  /** All input features, in the order predictOne expects. */
  featureNames: string[];
  transform: FeatureTransform;
  /** Indices (into featureNames) of the features the final model uses. */
  keptFeatures: number[];
  elasticNet: { alpha: number; lambda: number; intercept: number; coefficients: number[] } | null;
  forest: RandomForest | null;
  training: {
    n: number;
    classBalance: { positive: number; negative: number } | null;
    outcome: { mean: number; sd: number; min: number; max: number } | null;
    quantileLevels: number[];
    features: FeatureSummary[];
  };
  cv: {
    auroc?: MetricEstimate;
    r2?: MetricEstimate;
    null_p: number | null;
    k: number;
    repeats: number;
    metrics: { name: MetricName; perRepeat: (number | null)[]; mean: number | null }[];
    permutations: number;
    hyperparameters: Record<string, number>[];
    /** Out-of-fold predictions (mean over repeats) beside the observed outcome, for ROC and calibration plots. */
    outOfFold: { observed: number[]; predicted: number[] };
  };
  topFeatures: TopFeature[];
  interval: IntervalModel;
  seed: number;
  warnings: string[];
}

const DEFAULT_MODEL: ModelSpec = { type: "elastic_net" };
const DEFAULT_TRANSFORM: FeatureTransform = { type: "clr", pseudocount: 1 };
const DEFAULT_FILTER: FeatureFilterOptions = { minPrevalence: 0.1 };
const DEFAULT_K = 5;

/** Probability levels of the per-feature training quantiles stored in a {@link FittedModel}. */
export const QUANTILE_LEVELS = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];

function meanSd(values: ArrayLike<number>): { mean: number; sd: number } {
  return { mean: mean(values), sd: values.length > 1 ? Math.sqrt(variance(values)) : 0 };
}

function validateInput(input: TrainModelInput): void {
  const { x, y, n, p, featureNames, task } = input;
  if (x.length !== n * p || y.length !== n || featureNames.length !== p) {
    throw InputError.single({
      code: "bad_argument",
      message: `x has ${x.length} values, y ${y.length} and ${featureNames.length} feature names; expected ${n * p}, ${n}, ${p}`,
    });
  }
  for (let i = 0; i < n; i++) {
    const ok = task === "binary" ? y[i] === 0 || y[i] === 1 : Number.isFinite(y[i]!);
    if (!ok) {
      throw InputError.single({
        code: task === "binary" ? "bad_level" : "non_finite",
        message: `outcome '${input.target}' of sample ${i} is ${y[i]}`,
        hint: task === "binary" ? "code the binary outcome as 0/1" : "drop samples with a missing outcome",
      });
    }
  }
}

/**
 * Trains a prediction model for one target: per-sample transform, nested repeated CV for the
 * performance estimate (bootstrap CI, permutation p), then the final model on all samples, with
 * prediction intervals (CV+, Barber et al. 2021, doi:10.1214/20-AOS1965; Venn–Abers, Vovk et al. 2015).
 * @throws {InputError} `bad_argument` (shapes disagree), `bad_level` / `non_finite` (outcome not 0/1
 *   or not finite), `too_few_samples` (no feature passes the filter; too few samples for the interval).
 */
export function trainModel(input: TrainModelInput, opts: TrainModelOptions): FittedModel {
  validateInput(input);
  const { n, p, y, task } = input;
  const model: ModelSpec = opts.model ?? DEFAULT_MODEL;
  const transform: FeatureTransform = opts.transform ?? DEFAULT_TRANSFORM;
  const filter = opts.filter ?? DEFAULT_FILTER;
  const k = opts.k ?? DEFAULT_K;
  const repeats = opts.repeats ?? 3;
  const alpha = opts.intervalAlpha ?? 0.1;
  const permutations = opts.permutations ?? 99;
  const xt = applyFeatureTransform(transform, input.x, n, p);
  const cvOptions = nestedCvOptions(input, opts);
  const cv = nestedCrossValidation(xt, y, n, p, { ...cvOptions, repeats, keepFoldModels: true });
  const metricName = primaryMetric(task);
  const warnings = [...cv.warnings];
  const ci = bootstrapCi(y, cv.oofMean, {
    metric: metricName,
    seed: opts.seed,
    replicates: opts.bootstrapReplicates ?? 1000,
    level: opts.level ?? 0.95,
    groups: input.groups,
  });
  warnings.push(...ci.warnings);
  const statistic = nullStatistic(input, opts, xt);
  // the repeated CV, then the one-repeat CV on the observed and on each permuted outcome
  const total = permutations > 0 ? 2 + permutations : 1;
  let done = 1;
  opts.onProgress?.(done, total);
  const permutationGroups = permutedGroups(input);
  if (input.groups && !permutationGroups && permutations > 0) {
    warnings.push(
      "the outcome varies within subjects, so the permutation null permutes samples, not subjects",
    );
  }
  const given = opts.permutationStatistics;
  if (given && given.length !== permutations + 1) {
    throw new Error(`${given.length} permutation statistics for ${permutations} permutations`);
  }
  const nullP =
    permutations > 0
      ? permutationNull(
          y,
          (yy) => {
            const t = statistic(yy);
            opts.onProgress?.(++done, total);
            return t;
          },
          {
            permutations,
            seed: opts.seed,
            groups: permutationGroups,
            ...(given ? { observed: given[0]!, statistics: given.slice(1) } : {}),
          },
        ).p
      : null;

  // final model on all samples
  const keep = fitFeatureFilter(xt, n, p, filter, input.x);
  if (keep.length === 0) {
    throw InputError.single({
      code: "too_few_samples",
      message: "no feature passes the prevalence/variance filter",
    });
  }
  const xKeep = subMatrix(
    xt,
    p,
    Int32Array.from({ length: n }, (_, i) => i),
    keep,
  );
  const learner = fitLearner(xKeep, y, n, keep.length, task, model, opts.seed, input.groups);
  const estimate = cv.metrics.find((m) => m.name === metricName)!.mean;
  const features: FeatureSummary[] = Array.from(keep, (j, c) => {
    const col = Float64Array.from({ length: n }, (_, i) => xKeep[i * keep.length + c]!);
    return {
      name: input.featureNames[j]!,
      ...meanSd(col),
      quantiles: QUANTILE_LEVELS.map((q) => quantileType7(col, q)),
    };
  });
  const nPos = y.reduce((s, v) => s + v, 0);
  const outcomeStats = meanSd(y);
  const top = cv.stability
    .filter((s) => s.selectionFrequency > 0)
    .sort(
      (a, b) =>
        b.selectionFrequency - a.selectionFrequency || Math.abs(b.meanWeight) - Math.abs(a.meanWeight),
    )
    .slice(0, opts.topFeatures ?? 20)
    .map((s) => ({
      name: input.featureNames[s.feature]!,
      weight: s.meanWeight,
      direction: (
        model.type === "elastic_net"
          ? s.meanWeight >= 0
          : correlationSign(xt, y, n, p, s.feature) >= 0
      )
        ? ("positive" as const)
        : ("negative" as const),
      selectionFrequency: s.selectionFrequency,
      signConsistency: s.signConsistency,
    }));
  const interval = intervalModel(task, model, cv, y, alpha);
  const metricEstimate: MetricEstimate = {
    estimate: estimate ?? ci.estimate,
    ci_low: ci.ciLow,
    ci_high: ci.ciHigh,
  };
  return {
    formatVersion: 1,
    modelType: model.type,
    task,
    target: input.target,
    featureNames: [...input.featureNames],
    transform,
    keptFeatures: Array.from(keep),
    elasticNet: learner.elasticNet
      ? {
          alpha: learner.elasticNet.alpha,
          lambda: learner.elasticNet.lambda,
          intercept: learner.elasticNet.intercept,
          coefficients: learner.elasticNet.beta,
        }
      : null,
    forest: learner.forest ?? null,
    training: {
      n,
      classBalance: task === "binary" ? { positive: nPos, negative: n - nPos } : null,
      outcome:
        task === "continuous"
          ? { mean: outcomeStats.mean, sd: outcomeStats.sd, min: Math.min(...y), max: Math.max(...y) }
          : null,
      quantileLevels: QUANTILE_LEVELS,
      features,
    },
    cv: {
      [metricName]: metricEstimate,
      null_p: nullP,
      k,
      repeats,
      metrics: cv.metrics,
      permutations,
      hyperparameters: cv.folds.map((f) => f.hyperparameters),
      outOfFold: { observed: Array.from(y), predicted: Array.from(cv.oofMean) },
    },
    topFeatures: top,
    interval,
    seed: opts.seed,
    warnings,
  };
}

/** The nested-CV options (defaults filled in) shared by the repeated CV and the permutation test. */
function nestedCvOptions(input: TrainModelInput, opts: TrainModelOptions) {
  return {
    task: input.task,
    model: opts.model ?? DEFAULT_MODEL,
    seed: opts.seed,
    k: opts.k ?? DEFAULT_K,
    groups: input.groups,
    filter: opts.filter ?? DEFAULT_FILTER,
    raw: input.x,
  };
}

/**
 * The permutation test's statistic: the primary metric of the one-repeat nested CV (same seed,
 * folds and filter as trainModel's) on outcome `yy`; -Infinity when the metric is undefined.
 */
function nullStatistic(
  input: TrainModelInput,
  opts: TrainModelOptions,
  xt: Float64Array,
): (yy: Float64Array) => number {
  const metricName = primaryMetric(input.task);
  const cvOptions = nestedCvOptions(input, opts);
  return (yy) => {
    const r = nestedCrossValidation(xt, yy, input.n, input.p, { ...cvOptions, repeats: 1 });
    return r.metrics.find((m) => m.name === metricName)!.mean ?? Number.NEGATIVE_INFINITY;
  };
}

/** Subjects are permuted as wholes only when the outcome is constant within each. */
function permutedGroups(input: TrainModelInput): readonly string[] | undefined {
  return input.groups && outcomeConstantWithin(input.groups, input.y) ? input.groups : undefined;
}

/**
 * The permutation test's statistics with the given indices (0 = the observed outcome, b = the b-th
 * permutation, 1 <= b <= B), exactly as trainModel computes them; the pieces of a parallel run, which
 * trainModel takes back through `permutationStatistics`. Each statistic depends only on its index.
 * @throws {InputError} as {@link trainModel}.
 */
export function permutationStatistics(
  input: TrainModelInput,
  opts: TrainModelOptions,
  indices: readonly number[],
): number[] {
  validateInput(input);
  const transform = opts.transform ?? DEFAULT_TRANSFORM;
  const statistic = nullStatistic(input, opts, applyFeatureTransform(transform, input.x, input.n, input.p));
  const needed = Math.max(0, ...indices);
  const sources = permutationSources(input.n, needed, opts.seed, permutedGroups(input));
  return indices.map((b) => statistic(b === 0 ? input.y : permutedOutcome(input.y, sources[b - 1]!)));
}

function outcomeConstantWithin(groups: readonly string[], y: Float64Array): boolean {
  const seen = new Map<string, number>();
  return groups.every((g, i) => {
    if (!seen.has(g)) seen.set(g, y[i]!);
    return seen.get(g) === y[i];
  });
}

function intervalModel(
  task: ModelTask,
  model: ModelSpec,
  cv: ReturnType<typeof nestedCrossValidation>,
  y: Float64Array,
  alpha: number,
): IntervalModel {
  if (task === "binary") return { method: "venn-abers", scores: cv.oofMean, labels: Array.from(y) };
  const residuals = cv.oof[0]!.map((v, i) => Math.abs(y[i]! - v));
  if (model.type === "elastic_net" && cv.foldModels) {
    return { method: "cv+", alpha, foldOf: cv.foldIds[0]!, residuals, foldModels: cv.foldModels };
  }
  const rank = Math.ceil((1 - alpha) * (residuals.length + 1));
  if (rank > residuals.length) {
    throw InputError.single({
      code: "too_few_samples",
      message: `${residuals.length} samples are too few for a ${100 * (1 - alpha)}% prediction interval`,
    });
  }
  return { method: "cv", alpha, halfWidth: kthSmallest(residuals, rank) };
}
