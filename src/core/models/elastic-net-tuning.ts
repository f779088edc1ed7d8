/**
 * Choosing lambda (and alpha from a small grid) for the elastic net by (inner) k-fold
 * cross-validation, as glmnet `cv.glmnet` with `lambda.min`: for each alpha the path is fitted on all
 * given data to fix the lambda sequence, every fold's path is refitted on that sequence, held-out
 * loss is pooled over samples (MSE for gaussian, deviance -2 [y log p + (1 - y) log(1 - p)] with p
 * clipped to [1e-5, 1 - 1e-5] for binomial), and the (alpha, lambda) with the least mean loss wins.
 * The returned coefficients are those of the all-data path at the chosen lambda. A fold path that
 * ended early (saturated fit) predicts the remaining lambdas with its last fit.
 * Folds are stratified on a binary outcome and grouped by subject when groups are given.
 * Each x (all given data, every fold's training rows) is standardised once and serves the paths of
 * every alpha (elastic-net.ts' elasticNetDesign), which share its Gram columns (covariance updates);
 * the values are those of separate fits.
 * Reference: Friedman, Hastie & Tibshirani (2010) J Stat Softw 33(1), section 2.5 and cv.glmnet.
 */
import { cvFolds, foldSplit } from "./cv-folds.js";
import {
  type ElasticNetFamily,
  type ElasticNetPath,
  elasticNetDesign,
  elasticNetPathOn,
  usesCovariance,
} from "./elastic-net.js";
import { subMatrix } from "./feature-filter.js";

/**
 * Options of {@link tuneElasticNet}: family, seed, alpha grid (default {@link DEFAULT_ALPHAS}), inner folds
 * (default 5), subject groups.
 */
export interface ElasticNetTuningOptions {
  family: ElasticNetFamily;
  seed: number;
  alphas?: readonly number[];
  innerFolds?: number;
  nlambda?: number;
  groups?: readonly string[];
}

/**
 * The chosen (alpha, lambda), the all-data coefficients at them (original scale), and the mean held-out loss.
 */
export interface TunedElasticNet {
  family: ElasticNetFamily;
  alpha: number;
  lambda: number;
  intercept: number;
  beta: number[];
  cvLoss: number;
}

/** The default elastic-net mixing grid searched by inner CV (1 = lasso). */
export const DEFAULT_ALPHAS: readonly number[] = [0.1, 0.5, 1];

function heldOutLoss(family: ElasticNetFamily, y: number, eta: number): number {
  if (family === "gaussian") return (y - eta) ** 2;
  const pr = Math.min(Math.max(1 / (1 + Math.exp(-eta)), 1e-5), 1 - 1e-5);
  return -2 * (y * Math.log(pr) + (1 - y) * Math.log(1 - pr));
}

/**
 * Adds the held-out loss of each row of row-major x (m x p) at one fit to `loss[l]`, row by row:
 * eta_t = b0 + sum_j x_tj beta_j over the non-zero beta_j only, in increasing j. The terms left out
 * are x_tj * 0 = +-0, which leave a sum unchanged (up to the sign of an exact zero, which no loss
 * sees), so each loss is that of the dense linear predictor bit for bit.
 */
function addHeldOutLosses(
  loss: Float64Array,
  l: number,
  family: ElasticNetFamily,
  x: Float64Array,
  m: number,
  p: number,
  y: ArrayLike<number>,
  rows: ArrayLike<number>,
  intercept: number,
  beta: readonly number[],
  nonzero: Int32Array,
): void {
  let k = 0;
  for (let j = 0; j < p; j++) if (beta[j] !== 0) nonzero[k++] = j;
  for (let t = 0; t < m; t++) {
    const off = t * p;
    let e = intercept;
    for (let q = 0; q < k; q++) {
      const j = nonzero[q]!;
      e += x[off + j]! * beta[j]!;
    }
    loss[l]! += heldOutLoss(family, y[rows[t]!]!, e);
  }
}

/**
 * Chooses alpha (from a grid) and lambda by inner k-fold CV, as glmnet `cv.glmnet` with `lambda.min`
 * (Friedman, Hastie & Tibshirani 2010, J Stat Softw 33(1), doi:10.18637/jss.v033.i01); held-out loss
 * is MSE (gaussian) or binomial deviance.
 * @throws {InputError} as {@link elasticNetPath} and {@link cvFolds}.
 */
export function tuneElasticNet(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  opts: ElasticNetTuningOptions,
): TunedElasticNet {
  const folds = cvFolds(n, {
    k: opts.innerFolds ?? 5,
    seed: opts.seed,
    strata: opts.family === "binomial" ? y : undefined,
    groups: opts.groups,
  })[0]!;
  const k = opts.innerFolds ?? 5;
  const allCols = Int32Array.from({ length: p }, (_, j) => j);
  const nonzero = new Int32Array(p);
  const alphas = opts.alphas ?? DEFAULT_ALPHAS;
  // one design (standardised x, with the covariance updates' Gram columns) per x serves every alpha
  const design = elasticNetDesign(x, n, p, { gram: usesCovariance({ family: opts.family }, n, p) });
  const full: ElasticNetPath[] = alphas.map((alpha) =>
    elasticNetPathOn(design, y, { family: opts.family, alpha, nlambda: opts.nlambda }),
  );
  const losses = full.map((path) => new Float64Array(path.lambda.length));
  for (let f = 0; f < k; f++) {
    const { train, test } = foldSplit(folds, f);
    const yTrain = new Float64Array(train.length);
    for (let t = 0; t < train.length; t++) yTrain[t] = y[train[t]!]!;
    const foldDesign = elasticNetDesign(subMatrix(x, p, train, allCols), train.length, p, {
      gram: usesCovariance({ family: opts.family }, train.length, p),
    });
    const xTest = subMatrix(x, p, test, allCols);
    alphas.forEach((alpha, a) => {
      const fit = elasticNetPathOn(foldDesign, yTrain, {
        family: opts.family,
        alpha,
        lambda: full[a]!.lambda,
      });
      const loss = losses[a]!;
      for (let l = 0; l < loss.length; l++) {
        // a fold path that stopped early (saturated) predicts with its last fit, as cv.glmnet
        const at = Math.min(l, fit.lambda.length - 1);
        addHeldOutLosses(
          loss,
          l,
          opts.family,
          xTest,
          test.length,
          p,
          y,
          test,
          fit.intercept[at]!,
          fit.beta[at]!,
          nonzero,
        );
      }
    });
  }
  let best: TunedElasticNet | null = null;
  alphas.forEach((alpha, a) => {
    const path = full[a]!;
    const loss = losses[a]!;
    for (let l = 0; l < loss.length; l++) {
      const mean = loss[l]! / n;
      if (best === null || mean < best.cvLoss) {
        best = {
          family: opts.family,
          alpha,
          lambda: path.lambda[l]!,
          intercept: path.intercept[l]!,
          beta: path.beta[l]!,
          cvLoss: mean,
        };
      }
    }
  });
  return best!;
}
