/**
 * Gini-Simpson index: 1 - D, D = sum_i p_i^2 (p_i = x_i / sum(x)).
 *
 * Edge cases: an all-zero sample gives NaN (reported by alphaDiversity); one feature gives 0.
 * Matches: vegan 2.6-4 `diversity(x, "simpson")`; scikit-bio 0.5.8 `simpson(counts)`.
 * Reference: Simpson EH (1949) Measurement of diversity. Nature 163:688. doi:10.1038/163688a0
 */
import { sumOfSquaredProportions } from "./sum-of-squared-proportions.js";

/**
 * Gini–Simpson index 1 − Σ p_i² of one sample's counts, in [0, 1); NaN for an all-zero sample.
 * Simpson 1949, Nature 163:688, doi:10.1038/163688a0.
 */
export function simpson(counts: ArrayLike<number>): number {
  return 1 - sumOfSquaredProportions(counts);
}
