/**
 * Accuracy of predictions for a continuous outcome.
 * - R^2 = 1 - sum (y - yhat)^2 / sum (y - ybar)^2 (out-of-sample R^2 may be negative; matches
 *   scikit-learn `r2_score`); a constant y is an InputError (R^2 undefined).
 * - RMSE = sqrt(mean (y - yhat)^2), MAE = mean |y - yhat|.
 */
import { InputError } from "../errors.js";
import { mean } from "../stats/descriptive.js";

function checkPaired(y: ArrayLike<number>, pred: ArrayLike<number>): void {
  if (y.length !== pred.length || y.length === 0) {
    throw InputError.single({
      code: "bad_argument",
      message: `${y.length} outcomes but ${pred.length} predictions (need equal, non-zero lengths)`,
    });
  }
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]!) || !Number.isFinite(pred[i]!)) {
      throw InputError.single({ code: "non_finite", message: `outcome or prediction ${i} is not finite` });
    }
  }
}

/**
 * Out-of-sample R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)², possibly negative (scikit-learn `r2_score`).
 * @throws {InputError} `out_of_range` for a constant y; `bad_argument` / `non_finite` for unequal lengths or
 *   non-finite values.
 */
export function rSquared(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  checkPaired(y, pred);
  const centre = mean(y);
  let rss = 0;
  let tss = 0;
  for (let i = 0; i < y.length; i++) {
    rss += (y[i]! - pred[i]!) ** 2;
    tss += (y[i]! - centre) ** 2;
  }
  if (tss === 0) {
    throw InputError.single({ code: "out_of_range", message: "R^2 is undefined for a constant outcome" });
  }
  return 1 - rss / tss;
}

/**
 * Root mean squared error √mean((y − ŷ)²), in the outcome's units.
 * @throws {InputError} `bad_argument` / `non_finite` for unequal lengths or non-finite values.
 */
export function rmse(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  checkPaired(y, pred);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - pred[i]!) ** 2;
  return Math.sqrt(s / y.length);
}

/**
 * Mean absolute error mean|y − ŷ|, in the outcome's units.
 * @throws {InputError} `bad_argument` / `non_finite` for unequal lengths or non-finite values.
 */
export function mae(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  checkPaired(y, pred);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(y[i]! - pred[i]!);
  return s / y.length;
}
