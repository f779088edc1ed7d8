/**
 * Jaccard distance on presence/absence:
 *   d(A, B) = 1 - |A n B| / |A u B| = (|A| + |B| - 2 |A n B|) / (|A| + |B| - |A n B|),
 * A, B the sets of features with a non-zero value (pair-kernel.ts, term "both").
 *
 * Edge cases: all-zero samples are rejected (0 / 0); all arithmetic is on integers (exact).
 * Matches: vegan 2.6-4 `vegdist(x, "jaccard", binary = TRUE)`; scikit-bio 0.5.8
 * `beta_diversity("jaccard")` (which converts counts to presence itself). Not scipy's `jaccard` on
 * raw abundances.
 * Reference: Jaccard P (1912) The distribution of the flora in the alpine zone. New Phytol
 * 11:37-50. doi:10.1111/j.1469-8137.1912.tb05611.x
 */
import { featureStripes } from "./feature-units.js";
import { type PairwiseMetric, unsharedFraction } from "./pairwise-metric.js";

export const jaccard: PairwiseMetric = {
  needsTree: false,
  rejectsEmptySamples: true,
  stripes: (table, _options, start, stop) =>
    featureStripes(table, new Float64Array(table.values.length).fill(1), "both", start, stop),
  distance: (_table, _options, rows) => unsharedFraction(rows),
};
