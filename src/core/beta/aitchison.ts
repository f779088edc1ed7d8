/**
 * Aitchison distance: the Euclidean distance between centred log-ratio (CLR) vectors,
 *   clr(x)_f = ln(x_f + c) - (1/m) sum_g ln(x_g + c),   d(x, y) = || clr(x) - clr(y) ||_2,
 * with pseudocount c (default 1) added to EVERY cell and the mean taken over ALL m features of the
 * table, including features that are zero in every sample (dropping them changes the distances).
 *
 * Sparse form: with a_f = ln(x_f + c) - ln c = ln(1 + x_f / c) (0 where x_f = 0), h = mean_f a_f
 * and delta = h_x - h_y,
 *   d^2 = sum_f (a_xf - a_yf - delta)^2 = Q_x + Q_y - 2 sum_f a_xf a_yf - m delta^2,
 * Q = sum_f a_f^2; the cross sum runs over features present in both (pair-kernel.ts, "product").
 * Rounding can make d^2 a tiny negative number for near-identical samples: it is clamped to 0.
 *
 * Edge cases: c must be > 0 (ln 0); negative values are rejected; all-zero samples are allowed.
 * Matches: vegan 2.6-4 `vegdist(x, "aitchison", pseudocount = 1)`; scikit-bio 0.5.8
 * `clr(counts + 1)` + Euclidean.
 * Reference: Aitchison J (1986) The Statistical Analysis of Compositional Data. Chapman & Hall.
 * doi:10.1007/978-94-009-4109-0
 */
import { type FeatureTable, nFeatures, nSamples } from "../table/feature-table.js";
import { featureCondensedSums, featureStripes } from "./feature-units.js";
import type { BetaOptions, PairwiseMetric } from "./pairwise-metric.js";

function shiftedLogs(table: FeatureTable, options: BetaOptions): Float64Array {
  const c = options.pseudocount ?? 1;
  const out = new Float64Array(table.values.length);
  for (let k = 0; k < out.length; k++) out[k] = Math.log1p(table.values[k]! / c);
  return out;
}

export const aitchison: PairwiseMetric = {
  needsTree: false,
  rejectsEmptySamples: false,
  stripes: (table, options, start, stop) =>
    featureStripes(table, shiftedLogs(table, options), "product", start, stop),
  condensedSums: (table, options, out) =>
    featureCondensedSums(table, shiftedLogs(table, options), "product", out),
  distance: (table, options, rows) => {
    const m = nFeatures(table);
    const a = shiftedLogs(table, options);
    const mean = new Float64Array(nSamples(table));
    for (let s = 0; s < mean.length; s++) {
      let sum = 0;
      for (let k = table.colPtr[s]!; k < table.colPtr[s + 1]!; k++) sum += a[k]!;
      mean[s] = sum / m;
    }
    return (i, j, cross) => {
      const delta = mean[i]! - mean[j]!;
      return Math.sqrt(Math.max(0, rows[i]! + rows[j]! - 2 * cross - m * (delta * delta)));
    };
  },
};
