/**
 * Pielou's evenness: J = H / ln(S), H the Shannon entropy (base e), S the observed features.
 *
 * Edge cases: S <= 1 gives 0 / 0: NaN (reported by alphaDiversity), as vegan and scikit-bio.
 * Matches: vegan 2.6-4 `diversity(x) / log(specnumber(x))`; scikit-bio 0.5.8 `pielou_e(counts)`.
 * Reference: Pielou EC (1966) The measurement of diversity in different types of biological
 * collections. J Theor Biol 13:131-144. doi:10.1016/0022-5193(66)90013-0
 */
import { observedFeatures } from "./observed-features.js";
import { shannon } from "./shannon.js";

/**
 * Pielou's evenness H / ln S (Shannon entropy in nats over the log of the observed features), in
 * [0, 1]; NaN when S ≤ 1. Pielou 1966, J Theor Biol 13:131, doi:10.1016/0022-5193(66)90013-0.
 */
export function pielouE(counts: ArrayLike<number>): number {
  const s = observedFeatures(counts);
  return s <= 1 ? Number.NaN : shannon(counts) / Math.log(s);
}
