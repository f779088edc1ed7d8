/**
 * Taxon abundances as predictors or responses of host-response models: the prevalence-filtered
 * counts of the analysed samples (src/core/da/prepare.ts `filteredCounts`), CLR with a pseudocount
 * of 0.5, in natural-log units (ln x - mean ln x; a unit is an e-fold change relative to the
 * sample's geometric mean). Zeros: the pseudocount, as LinDA's default.
 */
import { clrWithPseudocount } from "../da/log-ratio.js";
import { type FilteredCounts, filteredCounts } from "../da/prepare.js";
import type { FeatureTable } from "../table/feature-table.js";

export const ASSOC_PSEUDOCOUNT = 0.5;

export interface ClrAbundance extends FilteredCounts {
  /** n x taxa natural-log CLR, row-major. */
  clr: Float64Array;
}

export function clrAbundance(
  table: FeatureTable,
  sampleIds: readonly string[],
  minPrevalence: number,
): ClrAbundance {
  const filtered = filteredCounts(table, sampleIds, minPrevalence);
  const clr = clrWithPseudocount(filtered.counts, sampleIds.length, filtered.taxa.length, ASSOC_PSEUDOCOUNT);
  for (let k = 0; k < clr.length; k++) clr[k]! *= Math.LN2;
  return { ...filtered, clr };
}
