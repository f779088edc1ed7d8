/**
 * PERMDISP2: test of homogeneity of multivariate dispersions (Anderson 2006, Biometrics 62:245-253,
 * doi:10.1111/j.1541-0420.2005.00440.x; Anderson, Ellingsen & McArdle 2006, Ecol. Lett. 9:683).
 *
 * Each sample's distance z_i to its group's centre in the full PCoA space of the distance matrix,
 * keeping the imaginary axes of negative eigenvalues as vegan does:
 *   z_i² = ||v⁺_i - c⁺_g||² - ||v⁻_i - c⁻_g||²    (v = PCoA coordinates scaled by sqrt|λ|)
 * then the one-way ANOVA F of z on the groups, with a permutation p from permuting the ANOVA
 * residuals z_i - mean_g(z) (vegan `permutest.betadisper`) by the permutation design (free, within
 * strata, or whole plots, permutations.ts; labels per sample of the distance matrix, only the
 * grouped samples permuted), with progress and an abort signal as the other community tests.
 *
 * - type "centroid": c_g = group mean. No eigen-decomposition is needed: with G the Gower-centred
 *   matrix (G = V⁺V⁺' - V⁻V⁻'),  z_i² = G_ii - (2/n_g) sum_{k in g} G_ik + (1/n_g²) sum_{k,l in g} G_kl.
 * - type "median": c_g = spatial median, found separately in the positive and the negative
 *   subspaces (vegan's `ordimedian` on each); coordinates from a full symmetric eigen-decomposition
 *   of G (symmetric-eigen.ts: Householder tridiagonalisation, QL, inverse iteration; O(n³), about
 *   half the time of ml-matrix's EVD at n = 1,000).
 *   Axes with |λ| <= sqrt(eps) max(1, λ₁) are dropped, as vegan.
 * A negative z_i² (possible with imaginary axes) is set to 0 with a warning, as vegan (issue #306).
 *
 * Matches vegan 2.6-4 `betadisper(d, group, type, bias.adjust = FALSE)`, `anova()` and `permutest()`
 * (centroid: distances and F to ~1e-12; median: to the precision of vegan's BFGS optimiser).
 * scikit-bio 0.5.8 `permdisp` differs on non-Euclidean distances (it drops negative eigenvalues).
 */
import type { DistanceMatrix } from "../beta/distance-matrix.js";
import { gowerCentred } from "../ordination/gower.js";
import { symmetricEigen } from "../stats/symmetric-eigen.js";
import { codeGroups, type Grouping } from "./grouping.js";
import { type PermutationSummary, type PermutationTestOptions, singleStatisticTest } from "./permutations.js";
import { spatialMedian } from "./spatial-median.js";

/** Group centre of PERMDISP: the centroid, or the spatial median. */
export type PermdispType = "centroid" | "median";

/** Options of {@link permdisp}. */
export interface PermdispOptions extends PermutationTestOptions {
  /** Default "median", as vegan `betadisper` and scikit-bio `permdisp` (and so QIIME 2); "centroid" is the option. */
  type?: PermdispType;
}

/**
 * PERMDISP: each sample's distance to its group centre, the one-way ANOVA F on them and its permutation p.
 */
export interface PermdispResult extends PermutationSummary {
  method: "PERMDISP";
  type: PermdispType;
  /** Samples tested (those with a group), in distance-matrix order. */
  ids: string[];
  groups: string[];
  /** Distance of each tested sample to its group centre, aligned with `ids`. */
  distances: Float64Array;
  groupMeanDistance: Record<string, number>;
  df: { groups: number; residual: number };
  sumOfSquares: { groups: number; residual: number };
  F: number;
  p: number | null;
  warnings: string[];
}

/** Squared distances to group centroids by the Gower identity (see header). */
function centroidSquaredDistances(g: Float64Array, grp: Grouping): Float64Array {
  const m = grp.codes.length;
  const k = grp.levels.length;
  const rowSum = new Float64Array(m); // sum_{k in g(i)} G_ik
  const within = new Float64Array(k); // sum_{k,l in g} G_kl
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) if (grp.codes[j] === grp.codes[i]) rowSum[i] = rowSum[i]! + g[i * m + j]!;
    within[grp.codes[i]!] = within[grp.codes[i]!]! + rowSum[i]!;
  }
  return Float64Array.from({ length: m }, (_, i) => {
    const c = grp.codes[i]!;
    const ng = grp.sizes[c]!;
    return g[i * m + i]! - (2 * rowSum[i]!) / ng + within[c]! / (ng * ng);
  });
}

/** Squared distances to group spatial medians in the positive and negative PCoA subspaces. */
function medianSquaredDistances(g: Float64Array, grp: Grouping): Float64Array {
  const m = grp.codes.length;
  const { values: lambda, vectors } = symmetricEigen(g, m, m); // descending
  const cut = Math.sqrt(2 ** -52) * Math.max(1, lambda[0]!);
  const order = Array.from(lambda.keys());
  const keptPos = order.filter((i) => lambda[i]! > cut);
  const keptNeg = order.filter((i) => lambda[i]! < -cut);
  const axes = [...keptPos, ...keptNeg];
  const p = axes.length;
  const coords = new Float64Array(m * p);
  axes.forEach((ax, c) => {
    const s = Math.sqrt(Math.abs(lambda[ax]!));
    for (let i = 0; i < m; i++) coords[i * p + c] = vectors[ax * m + i]! * s;
  });
  const out = new Float64Array(m);
  const subspaces = [
    { from: 0, p: keptPos.length, sign: 1 },
    { from: keptPos.length, p: keptNeg.length, sign: -1 },
  ];
  grp.levels.forEach((_, lv) => {
    const members = Int32Array.from(grp.rows.keys()).filter((i) => grp.codes[i] === lv);
    for (const sub of subspaces) {
      const med = spatialMedian({ coords, stride: p, from: sub.from, p: sub.p }, members);
      for (const i of members) {
        let s = 0;
        for (let c = 0; c < sub.p; c++) s += (coords[i * p + sub.from + c]! - med[c]!) ** 2;
        out[i] = out[i]! + sub.sign * s;
      }
    }
  });
  return out;
}

/** Between-group sum of squares of `values[perm[i]]` grouped by codes[i] (sum of squares of group sums / n_g, centred). */
function betweenSS(values: Float64Array, perm: Int32Array, grp: Grouping, sums: Float64Array): number {
  sums.fill(0);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[perm[i]!]!;
    sums[grp.codes[i]!] = sums[grp.codes[i]!]! + v;
    total += v;
  }
  let ss = -(total * total) / values.length;
  for (let c = 0; c < sums.length; c++) ss += sums[c]! ** 2 / grp.sizes[c]!;
  return ss;
}

/**
 * PERMDISP2, the test of homogeneity of multivariate dispersions (Anderson 2006, Biometrics 62:245,
 * doi:10.1111/j.1541-0420.2005.00440.x): distances to the group centre in the full PCoA space
 * (imaginary axes kept), one-way ANOVA F, p from permuting the residuals. Matches vegan
 * `betadisper(bias.adjust = FALSE)` + `permutest`. Samples with a null group are left out.
 * @throws {InputError} `id_mismatch` (one label per sample needed), `too_few_samples` (fewer than
 *   two groups, or no more samples than groups), `bad_argument` (permutations).
 */
export function permdisp(
  dm: DistanceMatrix,
  groups: readonly (string | null)[],
  options: PermdispOptions = {},
): PermdispResult {
  const type = options.type ?? "median";
  const grp = codeGroups(dm.ids, groups);
  const warnings = [...grp.warnings];
  const g = gowerCentred(dm, grp.rows);
  const sq = type === "centroid" ? centroidSquaredDistances(g, grp) : medianSquaredDistances(g, grp);
  const negatives = sq.filter((v) => v < 0).length;
  if (negatives > 0)
    warnings.push(`${negatives} squared distance(s) to the group centre were negative and set to 0`);
  const z = sq.map((v) => Math.sqrt(Math.max(0, v)));

  const m = z.length;
  const k = grp.levels.length;
  const sums = new Float64Array(k);
  const identity = Int32Array.from({ length: m }, (_, i) => i);
  const ssGroups = betweenSS(z, identity, grp, sums);
  const groupMean = Float64Array.from(sums, (s, c) => s / grp.sizes[c]!);
  const resid = Float64Array.from(z, (v, i) => v - groupMean[grp.codes[i]!]!);
  let ssTotalResid = 0;
  for (const v of resid) ssTotalResid += v * v;
  const dfG = k - 1;
  const dfR = m - k;
  const F = ssGroups / dfG / (ssTotalResid / dfR);
  // Permuted residuals: their total SS is ssTotalResid minus the square of their (zero) mean.
  let residMean = 0;
  for (const v of resid) residMean += v;
  residMean /= m;
  const residTotal = ssTotalResid - m * residMean * residMean;
  const statistic = (perm: Int32Array): number => {
    const b = betweenSS(resid, perm, grp, sums);
    return b / dfG / ((residTotal - b) / dfR);
  };
  const test = singleStatisticTest(m, F, statistic, options, warnings, grp.rows);
  const ids = Array.from(grp.rows, (i) => dm.ids[i]!);
  return {
    method: "PERMDISP",
    type,
    ids,
    groups: Array.from(grp.codes, (c) => grp.levels[c]!),
    distances: z,
    groupMeanDistance: Object.fromEntries(grp.levels.map((l, c) => [l, groupMean[c]!])),
    df: { groups: dfG, residual: dfR },
    sumOfSquares: { groups: ssGroups, residual: ssTotalResid },
    F,
    ...test,
  };
}
