/**
 * Unweighted UniFrac: the fraction of branch length unique to one of the two samples,
 *   d(A, B) = sum_b l_b |[A below b] - [B below b]| / sum_b l_b max([A below b], [B below b]),
 * over all branches b (presence = non-zero count under the branch); computed as
 * (R_A + R_B - 2 S_AB) / (R_A + R_B - S_AB), R = branch length present in a sample, S_AB = shared
 * (node-units.ts, term "both").
 *
 * Edge cases: all-zero samples are rejected (0 / 0); missing tips or branch lengths are errors.
 * Matches: scikit-bio 0.5.8 `beta_diversity("unweighted_unifrac")`, GUniFrac 1.7 `d_UW`, phyloseq
 * `UniFrac(weighted = FALSE)` (to ~1e-15); Striped UniFrac `ssu -m unweighted_fp64` to ~1e-9
 * (it keeps branch lengths in float32).
 * Reference: Lozupone C, Knight R (2005) UniFrac: a new phylogenetic method for comparing microbial
 * communities. Appl Environ Microbiol 71:8228-8235. doi:10.1128/AEM.71.12.8228-8235.2005
 */
import { unsharedFraction } from "../pairwise-metric.js";
import { unifracMetric } from "./node-units.js";

export const unweightedUnifrac = unifracMetric("both", (_table, _options, rows) => unsharedFraction(rows));
