/**
 * Bray-Curtis dissimilarity on raw values:
 *   d(x, y) = sum_f |x_f - y_f| / sum_f (x_f + y_f) = (S_x + S_y - 2 sum_f min(x_f, y_f)) / (S_x + S_y)
 * with S the sample totals; only features present in both samples enter the sum of minima
 * (pair-kernel.ts, term "min").
 *
 * Edge cases: all-zero samples are rejected (0 / 0); negative values are rejected. For integer
 * counts every sum is exact; for real-valued tables the min form can lose up to
 * ~1e-16 (S_x + S_y) / numerator relative against vegan's direct sum of |x - y|.
 * Matches: vegan 2.6-4 `vegdist(x, "bray")`; scikit-bio 0.5.8 `beta_diversity("braycurtis")`.
 * Reference: Bray JR, Curtis JT (1957) An ordination of the upland forest communities of southern
 * Wisconsin. Ecol Monogr 27:325-349. doi:10.2307/1942268
 */
import { featureCondensedSums, featureStripes } from "./feature-units.js";
import { normalisedDifference, type PairwiseMetric } from "./pairwise-metric.js";

export const braycurtis: PairwiseMetric = {
  needsTree: false,
  rejectsEmptySamples: true,
  stripes: (table, _options, start, stop) => featureStripes(table, table.values, "min", start, stop),
  condensedSums: (table, _options, out) => featureCondensedSums(table, table.values, "min", out),
  distance: (_table, _options, rows) => normalisedDifference(rows),
};
