/**
 * Generalized UniFrac (Chen et al. 2012, eq. 3), with alpha in [0, 1] (default 0.5, DEFAULT_GENERALIZED_ALPHA):
 *   d(A, B) = sum_b l_b (p_A + p_B)^alpha |p_A - p_B| / (p_A + p_B)  /  sum_b l_b (p_A + p_B)^alpha,
 * over branches with p_A + p_B > 0, p = (count under the branch) / (sample total).
 * Sparse form (node-units.ts, term "generalized"): a branch present in only one sample contributes
 * l p^alpha to numerator and denominator alike, so with P = sum_b l_b p(b)^alpha
 *   numerator = P_A + P_B + sum_shared l [(p_A+p_B)^alpha |p_A-p_B|/(p_A+p_B) - p_A^alpha - p_B^alpha]
 *   denominator = P_A + P_B + sum_shared l [(p_A+p_B)^alpha - p_A^alpha - p_B^alpha].
 * alpha = 1 is weighted normalised UniFrac; alpha = 0 is NOT unweighted UniFrac (it weighs each
 * present branch by |p_A - p_B| / (p_A + p_B)).
 *
 * Edge cases: all-zero samples are rejected; alpha outside [0, 1] is rejected.
 * Matches: GUniFrac 1.7 `GUniFrac(x, tree, alpha)$unifracs[, , "d_<alpha>"]`; `ssu -m
 * generalized_fp64 -a <alpha>` to ~1e-8 (float32 branch lengths).
 * Reference: Chen J, Bittinger K, Charlson ES, et al. (2012) Associating microbiome composition
 * with environmental covariates using generalized UniFrac distances. Bioinformatics 28:2106-2113.
 * doi:10.1093/bioinformatics/bts342
 */
import { unifracMetric } from "./node-units.js";

export const generalizedUnifrac = unifracMetric(
  "generalized",
  (_table, _options, rows) => (i, j, num, den) => {
    const p = rows[i]! + rows[j]!;
    return Math.max(0, p + num) / (p + den);
  },
);
