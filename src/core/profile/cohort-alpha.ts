/**
 * The training cohort's alpha diversity, summarised as quantiles so that one person's Shannon
 * entropy and observed features can later be placed among the cohort without storing anyone's
 * values: Shannon H (natural log, vegan `diversity(x, "shannon")`) and observed features
 * (`specnumber`) of each sample's raw counts at the model's rank, then R type-7 quantiles at
 * ALPHA_QUANTILE_LEVELS (0, 0.05, ..., 1). All-zero samples (Shannon undefined) are left out of the
 * Shannon summary.
 * Note: observed features grow with read depth, so a person sequenced much deeper or shallower than
 * the cohort sits higher or lower for that reason alone (the profile says so).
 */
import { observedFeatures } from "../alpha/observed-features.js";
import { shannon } from "../alpha/shannon.js";
import { InputError } from "../errors.js";
import { quantileType7 } from "../stats/descriptive.js";

/** Probability levels of the stored cohort alpha quantiles: 0, 0.05, …, 1. */
export const ALPHA_QUANTILE_LEVELS = Array.from({ length: 21 }, (_, i) => i / 20);

/**
 * A cohort's Shannon (nats) and observed-feature quantiles at {@link ALPHA_QUANTILE_LEVELS}: a summary that
 * stores no one's values.
 */
export interface CohortAlpha {
  n: number;
  levels: number[];
  shannon: number[];
  observed: number[];
}

/**
 * Summarises a cohort's alpha diversity from raw counts (row-major n × p) as R type-7 quantiles of
 * Shannon H (nats, vegan `diversity`) and observed features; all-zero samples are left out of Shannon.
 * @throws {InputError} `bad_argument` when n = 0 or x is not n × p.
 */
export function cohortAlpha(x: ArrayLike<number>, n: number, p: number): CohortAlpha {
  if (n === 0 || x.length !== n * p) {
    throw InputError.single({
      code: "bad_argument",
      message: `cohort alpha of ${x.length} values as ${n} x ${p}`,
    });
  }
  const h: number[] = [];
  const s = new Float64Array(n);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) row[j] = x[i * p + j]!;
    const value = shannon(row);
    if (Number.isFinite(value)) h.push(value);
    s[i] = observedFeatures(row);
  }
  return {
    n,
    levels: ALPHA_QUANTILE_LEVELS,
    shannon: h.length > 0 ? ALPHA_QUANTILE_LEVELS.map((q) => quantileType7(h, q)) : [],
    observed: ALPHA_QUANTILE_LEVELS.map((q) => quantileType7(s, q)),
  };
}
