/**
 * Conformal prediction intervals for a continuous outcome, for any regression learner
 * `fit(x, y, n, p) -> predict(x, m)`.
 *
 * Split conformal (Lei et al. 2018, JASA 113:1094, doi:10.1080/01621459.2017.1307116): fit on a random
 * half, absolute residuals R_i on the other (calibration) half of size m, q = the
 * ceil((1 - alpha)(m + 1))-th smallest R_i; interval mu(x) +- q. Coverage >= 1 - alpha (marginal,
 * exchangeable data).
 * CV+ (Barber, Candes, Ramdas & Tibshirani 2021, Ann Stat 49:486-507, doi:10.1214/20-AOS1965):
 * K-fold models mu_{-k}; R_i = |y_i - mu_{-k(i)}(x_i)|; interval
 *   [ floor_alpha-quantile of { mu_{-k(i)}(x) - R_i },  ceil_{1-alpha}-quantile of { mu_{-k(i)}(x) + R_i } ]
 * i.e. the floor(alpha (n + 1))-th smallest and ceil((1 - alpha)(n + 1))-th smallest values. Coverage
 * >= 1 - 2 alpha - sqrt(2/n) in theory, close to 1 - alpha in practice.
 * `cvPlusFromResiduals` computes the interval for one point from stored fold predictions, which is
 * what `predictOne` uses. Edge case: too few samples for the level (the order statistic would be
 * beyond n) is an InputError.
 */
import { InputError } from "../errors.js";
import { createRng } from "../random/rng.js";
import { cvFolds, foldSplit } from "./cv-folds.js";
import { subMatrix } from "./feature-filter.js";
import { kthSmallest } from "./quantile.js";

/** A regression learner: fits on row-major x (n × p) and y, returns a predictor for m new rows. */
export type RegressionFit = (
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
) => (x: Float64Array, m: number) => Float64Array;

/** Training data: row-major x (n x p) and y. */
export interface RegressionData {
  x: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
}

/** Points to predict: row-major x (m x p). */
export interface TestPoints {
  x: Float64Array;
  m: number;
}

/** Miscoverage alpha (default 0.1, i.e. 90% intervals) and the seed of the split or folds. */
export interface ConformalOptions {
  alpha?: number;
  seed: number;
}

/** Point predictions and conformal interval bounds for each test point. */
export interface ConformalIntervals {
  method: "split" | "cv+";
  alpha: number;
  prediction: number[];
  lower: number[];
  upper: number[];
  seed: number;
}

function upperRank(alpha: number, n: number): number {
  const k = Math.ceil((1 - alpha) * (n + 1));
  if (k > n) {
    throw InputError.single({
      code: "too_few_samples",
      message: `${n} calibration samples are too few for a ${100 * (1 - alpha)}% conformal interval`,
      hint: `need at least ${Math.ceil(1 / alpha - 1)} samples`,
    });
  }
  return k;
}

const allRows = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/**
 * Split-conformal prediction intervals (Lei et al. 2018, JASA 113:1094,
 * doi:10.1080/01621459.2017.1307116): fit on a random half, interval ± the ⌈(1 − α)(m + 1)⌉-th
 * smallest absolute residual of the other half; marginal coverage ≥ 1 − α.
 * @throws {InputError} `too_few_samples` when the calibration half is too small for the level.
 */
export function splitConformal(
  data: RegressionData,
  test: TestPoints,
  learner: RegressionFit,
  opts: ConformalOptions,
): ConformalIntervals {
  const { x, y, n, p } = data;
  const { x: xTest, m } = test;
  const alpha = opts.alpha ?? 0.1;
  const order = allRows(n);
  createRng(opts.seed).shuffle(order);
  const nTrain = Math.floor(n / 2);
  const train = order.subarray(0, nTrain);
  const cal = order.subarray(nTrain);
  const cols = allRows(p);
  const predict = learner(
    subMatrix(x, p, train, cols),
    Float64Array.from(train, (i) => y[i]!),
    nTrain,
    p,
  );
  const calPred = predict(subMatrix(x, p, cal, cols), cal.length);
  const resid = Float64Array.from(cal, (i, t) => Math.abs(y[i]! - calPred[t]!));
  const q = kthSmallest(resid, upperRank(alpha, cal.length));
  const mu = predict(xTest, m);
  return {
    method: "split",
    alpha,
    prediction: Array.from(mu),
    lower: Array.from(mu, (v) => v - q),
    upper: Array.from(mu, (v) => v + q),
    seed: opts.seed,
  };
}

/**
 * CV+ interval for one point from its K fold predictions `foldPrediction[k]` and the LOO data.
 * @throws {InputError} `too_few_samples` when n is too small for the level 1 − alpha.
 */
export function cvPlusFromResiduals(
  foldPrediction: ArrayLike<number>,
  foldOf: ArrayLike<number>,
  residual: ArrayLike<number>,
  alpha: number,
): { lower: number; upper: number } {
  const n = residual.length;
  const k = upperRank(alpha, n);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const mu = foldPrediction[foldOf[i]!]!;
    lo[i] = mu - residual[i]!;
    hi[i] = mu + residual[i]!;
  }
  // k <= n implies alpha (n + 1) >= 1, so the lower rank is at least 1
  return { lower: kthSmallest(lo, Math.floor(alpha * (n + 1))), upper: kthSmallest(hi, k) };
}

/**
 * CV+ prediction intervals from K fold models (Barber, Candès, Ramdas & Tibshirani 2021, Ann Stat
 * 49:486, doi:10.1214/20-AOS1965); k defaults to 10.
 * @throws {InputError} `too_few_samples` when n is too small for the level.
 */
export function cvPlus(
  data: RegressionData,
  test: TestPoints,
  learner: RegressionFit,
  opts: ConformalOptions & { k?: number },
): ConformalIntervals {
  const { x, y, n, p } = data;
  const { x: xTest, m } = test;
  const alpha = opts.alpha ?? 0.1;
  const k = opts.k ?? 10;
  upperRank(alpha, n);
  const folds = cvFolds(n, { k, seed: opts.seed })[0]!;
  const cols = allRows(p);
  const residual = new Float64Array(n);
  const testPred: Float64Array[] = [];
  for (let f = 0; f < k; f++) {
    const { train, test: held } = foldSplit(folds, f);
    const predict = learner(
      subMatrix(x, p, train, cols),
      Float64Array.from(train, (i) => y[i]!),
      train.length,
      p,
    );
    const heldPred = predict(subMatrix(x, p, held, cols), held.length);
    held.forEach((i, t) => {
      residual[i] = Math.abs(y[i]! - heldPred[t]!);
    });
    testPred.push(predict(xTest, m));
  }
  const full = learner(x, y, n, p)(xTest, m);
  const lower: number[] = [];
  const upper: number[] = [];
  const perFold = new Float64Array(k);
  for (let t = 0; t < m; t++) {
    for (let f = 0; f < k; f++) perFold[f] = testPred[f]![t]!;
    const iv = cvPlusFromResiduals(perFold, folds, residual, alpha);
    lower.push(iv.lower);
    upper.push(iv.upper);
  }
  return { method: "cv+", alpha, prediction: Array.from(full), lower, upper, seed: opts.seed };
}
