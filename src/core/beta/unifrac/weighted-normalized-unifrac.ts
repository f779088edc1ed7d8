/**
 * Weighted UniFrac, normalised to [0, 1]:
 *   d(A, B) = sum_b l_b |p_A(b) - p_B(b)| / sum_b l_b (p_A(b) + p_B(b)),
 * p(b) = (count under branch b) / (sample total). The denominator equals scikit-bio's
 * sum over tips of (distance to root) (p_A + p_B); computed as (W_A + W_B - 2 M) / (W_A + W_B),
 * W = sum_b l_b p(b), M = sum_b l_b min(p_A, p_B) (node-units.ts, term "min").
 *
 * Edge cases: all-zero samples are rejected; missing tips or branch lengths are errors.
 * Matches: scikit-bio 0.5.8 `beta_diversity("weighted_unifrac", normalized=True)`, GUniFrac 1.7
 * `d_1`, phyloseq `UniFrac(weighted = TRUE, normalized = TRUE)`; `ssu -m weighted_normalized_fp64`
 * to ~1e-8 (float32 branch lengths).
 * Reference: Lozupone CA et al. (2007) Appl Environ Microbiol 73:1576-1585. doi:10.1128/AEM.01996-06
 */
import { normalisedDifference } from "../pairwise-metric.js";
import { unifracMetric } from "./node-units.js";

export const weightedNormalizedUnifrac = unifracMetric("min", (_table, _options, rows) =>
  normalisedDifference(rows),
);
