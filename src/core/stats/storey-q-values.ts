/**
 * Storey q-values with a fixed-lambda estimate of the proportion of true nulls.
 *
 *   pi0 = min(1, #{p_i >= lambda} / (m (1 - lambda)))           (default lambda = 0.5)
 *   q(i) = pi0 * min(1, min_{j>=i} (m / j) p(j))                 (p sorted ascending)
 * i.e. pi0 times the Benjamini–Hochberg adjustment. This is qvalue's estimator for a single
 * `lambda` (`qvalue(p, lambda = 0.5)`), NOT its default cubic-smoothing-spline estimate over
 * lambda = 0.05..0.95 (no smoothing, no bootstrap): simple, deterministic, slightly more
 * variable. NaN entries pass through and are excluded from m. lambda must lie in [0, 1). When no
 * p-value reaches lambda the estimate pi0 = 0 is unusable: NumericalError, as qvalue stops there.
 *
 * Matches: Bioconductor qvalue 2.x `qvalue(p, lambda = 0.5)$qvalues` and `$pi0` (pfdr = FALSE).
 * Reference: Storey JD, Tibshirani R (2003) Statistical significance for genomewide studies.
 * PNAS 100:9440–9445. doi:10.1073/pnas.1530509100
 */

import { InputError, NumericalError } from "../errors.js";
import { sortedFinite, stepUp } from "./p-adjust.js";

/**
 * Storey q-values (aligned with the input p, NaN passing through), the estimated null proportion π0 and the λ
 * used.
 */
export interface StoreyResult {
  q: Float64Array;
  pi0: number;
  lambda: number;
}

/**
 * Storey q-values with π0 estimated at one λ (default 0.5): π0 times the BH adjustment, as
 * Bioconductor `qvalue(p, lambda = 0.5)` (Storey & Tibshirani 2003, PNAS 100:9440,
 * doi:10.1073/pnas.1530509100); not qvalue's default spline over λ.
 * @throws {InputError} `bad_argument` (λ outside [0, 1)), `out_of_range` (a p outside [0, 1]).
 * @throws {NumericalError} when no p-value reaches λ (π0 = 0).
 */
export function storeyQValues(p: ArrayLike<number>, options: { lambda?: number } = {}): StoreyResult {
  const lambda = options.lambda ?? 0.5;
  if (!(lambda >= 0 && lambda < 1)) {
    throw InputError.single({
      code: "bad_argument",
      message: `lambda must be in [0, 1), got ${lambda}`,
      key: "lambda",
    });
  }
  const order = sortedFinite(p);
  const m = order.length;
  let above = 0;
  for (const k of order) if (p[k]! >= lambda) above++;
  const pi0 = m === 0 ? 1 : Math.min(1, above / (m * (1 - lambda)));
  if (pi0 === 0) {
    throw new NumericalError(
      `no p-value is >= lambda = ${lambda}, so the estimated pi0 is 0; use a smaller lambda`,
    );
  }
  const q = new Float64Array(p.length).fill(Number.NaN);
  stepUp(p, order, 1, q);
  for (const k of order) q[k] = pi0 * q[k]!;
  return { q, pi0, lambda };
}
