/**
 * Inverse Simpson index: 1 / D, D = sum_i p_i^2 (the Hill number of order 2, the effective number
 * of features).
 *
 * Edge cases: an all-zero sample gives NaN (reported by alphaDiversity); one feature gives 1.
 * Matches: vegan 2.6-4 `diversity(x, "invsimpson")`; scikit-bio 0.5.8 `enspie(counts)`.
 * Reference: Hill MO (1973) Diversity and evenness: a unifying notation and its consequences.
 * Ecology 54:427-432. doi:10.2307/1934352
 */
import { sumOfSquaredProportions } from "./sum-of-squared-proportions.js";

/**
 * Inverse Simpson index 1 / Σ p_i² of one sample's counts (the Hill number of order 2: an effective
 * number of features); NaN for an all-zero sample. Hill 1973, Ecology 54:427, doi:10.2307/1934352.
 */
export function inverseSimpson(counts: ArrayLike<number>): number {
  return 1 / sumOfSquaredProportions(counts);
}
