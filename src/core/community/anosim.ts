/**
 * ANOSIM: analysis of similarities (Clarke 1993, Australian Journal of Ecology 18:117-143,
 * doi:10.1111/j.1442-9993.1993.tb00438.x).
 *
 *   R = (r̄_B - r̄_W) / (M / 2),   M = n(n-1)/2
 * where the n(n-1)/2 distances are ranked (ties averaged), r̄_B is the mean rank of between-group
 * pairs and r̄_W of within-group pairs. R lies in [-1, 1]; 0 = no grouping structure.
 * Permutations shuffle the group labels (any permutation design: free, within strata, or whole
 * plots; labels per sample of the distance matrix); the number of within pairs
 * does not change, so each permutation costs one pass over the pairs (O(n²), no allocation).
 * p = (1 + #{R* >= R - tol}) / (1 + B) (permutations.ts).
 *
 * Edge cases: samples without a group are left out (warning); fewer than two groups -> InputError;
 * no within-group pair (all groups singletons) -> InputError.
 * Matches vegan 2.6-4 `anosim(d, grouping)` and scikit-bio 0.5.8 `anosim` (R exactly).
 */
import { type DistanceMatrix, selectIds } from "../beta/distance-matrix.js";
import { InputError } from "../errors.js";
import { rankAverage } from "../stats/rank.js";
import { codeGroups } from "./grouping.js";
import { type PermutationSummary, type PermutationTestOptions, singleStatisticTest } from "./permutations.js";

/** ANOSIM's R in [−1, 1], its permutation p, and the mean ranks of within- and between-group distances. */
export interface AnosimResult extends PermutationSummary {
  method: "ANOSIM";
  R: number;
  p: number | null;
  meanRankWithin: number;
  meanRankBetween: number;
  groups: string[];
  warnings: string[];
}

/**
 * ANOSIM, analysis of similarities (Clarke 1993, Aust J Ecol 18:117,
 * doi:10.1111/j.1442-9993.1993.tb00438.x): R from the ranked distances, p from permuting the group
 * labels (optionally within strata). Samples with a null group are left out. Matches vegan `anosim`.
 * @throws {InputError} `id_mismatch` (one label per sample needed), `too_few_samples` (fewer than
 *   two groups, or no two samples sharing a group), `bad_argument` (permutations).
 */
export function anosim(
  dm: DistanceMatrix,
  groups: readonly (string | null)[],
  options: PermutationTestOptions = {},
): AnosimResult {
  const grp = codeGroups(dm.ids, groups);
  const sub =
    grp.rows.length === dm.ids.length
      ? dm
      : selectIds(
          dm,
          Array.from(grp.rows, (i) => dm.ids[i]!),
        );
  const n = sub.ids.length;
  const ranks = rankAverage(sub.condensed).ranks;
  const pairs = ranks.length;
  let nWithin = 0;
  for (const s of grp.sizes) nWithin += (s * (s - 1)) / 2;
  if (nWithin === 0) {
    throw InputError.single({
      code: "too_few_samples",
      message: "no two samples share a group: ANOSIM needs within-group pairs",
    });
  }
  let rankTotal = 0;
  for (const r of ranks) rankTotal += r;
  const codes = grp.codes;
  let within = 0;
  const statistic = (perm: Int32Array): number => {
    let w = 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const gi = codes[perm[i]!]!;
      for (let j = i + 1; j < n; j++, k++) if (codes[perm[j]!] === gi) w += ranks[k]!;
    }
    within = w / nWithin;
    return ((rankTotal - w) / (pairs - nWithin) - within) / (pairs / 2);
  };
  const R = statistic(Int32Array.from({ length: n }, (_, i) => i));
  const meanRankWithin = within;
  return {
    method: "ANOSIM",
    R,
    meanRankWithin,
    meanRankBetween: (rankTotal - meanRankWithin * nWithin) / (pairs - nWithin),
    groups: [...grp.levels],
    ...singleStatisticTest(n, R, statistic, options, grp.warnings, grp.rows),
  };
}
