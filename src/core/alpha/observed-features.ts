/**
 * Observed features (richness): S = #{i : x_i > 0}.
 *
 * Edge cases: an empty or all-zero sample has S = 0.
 * Matches: vegan 2.6-4 `specnumber(x)`; scikit-bio 0.5.8 `observed_otus` (`observed_features`).
 * Reference: Magurran AE (2004) Measuring Biological Diversity. Blackwell. ISBN 978-0-632-05633-0.
 */
export function observedFeatures(counts: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) s++;
  return s;
}
