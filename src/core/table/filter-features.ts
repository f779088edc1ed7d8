/**
 * Drops rare features: kept when present (> 0) in at least `minPrevalence` (a fraction of samples,
 * 0..1) AND with a total across samples of at least `minTotal`. Prevalence is counted on the
 * table as given (filter samples first). Matches QIIME 2 `feature-table filter-features
 * --p-min-samples ceil(minPrevalence * n) --p-min-frequency minTotal`.
 */
import { InputError } from "../errors.js";
import {
  featurePrevalenceCounts,
  type FeatureTable,
  featureTotals,
  nFeatures,
  nSamples,
} from "./feature-table.js";
import type { FilterResult } from "./filter-samples.js";
import { selectFeatures } from "./subset.js";

/**
 * Keeps features present in at least `minPrevalence` (fraction 0..1 of samples) with a total of at
 * least `minTotal` (same units as the table); QIIME 2 `feature-table filter-features`.
 * @throws {InputError} `out_of_range` when minPrevalence is outside [0, 1].
 */
export function filterFeatures(
  t: FeatureTable,
  options: { minPrevalence?: number; minTotal?: number },
): FilterResult {
  const minPrevalence = options.minPrevalence ?? 0;
  if (!(minPrevalence >= 0 && minPrevalence <= 1))
    throw InputError.single({
      code: "out_of_range",
      message: `minimum prevalence must be a fraction in [0, 1], got ${minPrevalence}`,
    });
  const minSamples = Math.ceil(minPrevalence * nSamples(t) - 1e-9);
  const minTotal = options.minTotal ?? 0;
  const prevalence = featurePrevalenceCounts(t);
  const totals = featureTotals(t);
  const keep: boolean[] = new Array(nFeatures(t));
  const dropped: string[] = [];
  for (let f = 0; f < nFeatures(t); f++) {
    keep[f] = prevalence[f]! >= minSamples && totals[f]! >= minTotal;
    if (!keep[f]) dropped.push(t.featureIds[f]!);
  }
  return { table: selectFeatures(t, keep), dropped };
}
