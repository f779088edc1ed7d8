/**
 * Relative abundance (total-sum scaling): x_sf / sum_f x_sf, so each sample sums to 1 (up to
 * rounding). Matches vegan `decostand(x, "total")` and phyloseq `transform_sample_counts(x, \(v) v /
 * sum(v))`. A sample with total 0 has no composition: an InputError naming it (`all_zero_sample`).
 */
import { InputError, listIds } from "../errors.js";
import { type FeatureTable, nSamples, sampleTotals } from "./feature-table.js";

/**
 * Throws `all_zero_sample` listing every sample whose total is 0.
 * @throws {InputError} `all_zero_sample`.
 */
export function requireNonEmptySamples(t: FeatureTable, totals = sampleTotals(t)): void {
  const empty = t.sampleIds.filter((_, s) => totals[s] === 0);
  if (empty.length > 0) {
    throw InputError.single({
      code: "all_zero_sample",
      message: `${empty.length} sample(s) have no reads at all: ${listIds(empty)}`,
      hint: "remove empty samples first (filterSamplesByDepth with minDepth 1)",
    });
  }
}

/**
 * Total-sum scaling: each value divided by its sample's total, so samples sum to 1 (vegan
 * `decostand(x, "total")`).
 * @throws {InputError} `all_zero_sample` naming every sample with total 0.
 */
export function relativeAbundance(t: FeatureTable): FeatureTable {
  const totals = sampleTotals(t);
  requireNonEmptySamples(t, totals);
  const values = new Float64Array(t.values.length);
  for (let s = 0; s < nSamples(t); s++) {
    for (let k = t.colPtr[s]!; k < t.colPtr[s + 1]!; k++) values[k] = t.values[k]! / totals[s]!;
  }
  return { ...t, values };
}
