/**
 * Weighted UniFrac, unnormalised:
 *   d(A, B) = sum_b l_b |p_A(b) - p_B(b)|,  p(b) = (count under branch b) / (sample total),
 * computed as W_A + W_B - 2 sum_b l_b min(p_A(b), p_B(b)), W = sum_b l_b p(b)
 * (node-units.ts, term "min"). The value is in branch-length units (not bounded by 1).
 *
 * Edge cases: all-zero samples are rejected; missing tips or branch lengths are errors.
 * Matches: scikit-bio 0.5.8 `beta_diversity("weighted_unifrac", normalized=False)`, phyloseq
 * `UniFrac(weighted = TRUE, normalized = FALSE)`; `ssu -m weighted_unnormalized_fp64` to ~1e-8.
 * Reference: Lozupone CA, Hamady M, Kelley ST, Knight R (2007) Quantitative and qualitative beta
 * diversity measures lead to different insights into factors that structure microbial communities.
 * Appl Environ Microbiol 73:1576-1585. doi:10.1128/AEM.01996-06
 */
import { unifracMetric } from "./node-units.js";

export const weightedUnifrac = unifracMetric(
  "min",
  (_table, _options, rows) => (i, j, shared) => Math.max(0, rows[i]! + rows[j]! - 2 * shared),
);
