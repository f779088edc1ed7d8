/**
 * Summary of a table as `gutresponse summarize` prints it: dimensions, total count, sparsity
 * (fraction of zero cells = 1 - nnz / (samples x features)), and the depth distribution (min,
 * quartiles, max) with quantiles of R's default type 7 (linear interpolation between order
 * statistics, Hyndman & Fan 1996, doi:10.2307/2684934), as `quantile(colSums(x))` prints them.
 */
import {
  type FeatureTable,
  isIntegral,
  nFeatures,
  nnz,
  nSamples,
  sampleTotals,
} from "../table/feature-table.js";
import { quantileSorted } from "./descriptive.js";

/**
 * What `gutresponse summarize` prints: dimensions, non-zeros, sparsity (fraction of zero cells),
 * total count and the depth quartiles (R type 7).
 */
export interface TableSummary {
  samples: number;
  features: number;
  nonZero: number;
  sparsity: number;
  totalCount: number;
  integerCounts: boolean;
  depth: { min: number; q1: number; median: number; q3: number; max: number };
  /** Samples with no reads at all. */
  emptySamples: string[];
}

/** Summarises a table's shape, sparsity and per-sample depth distribution (R `quantile(colSums(x))`). */
export function summarizeTable(t: FeatureTable): TableSummary {
  const totals = sampleTotals(t);
  const sorted = totals.slice().sort();
  let total = 0;
  for (const x of totals) total += x;
  const cells = nSamples(t) * nFeatures(t);
  return {
    samples: nSamples(t),
    features: nFeatures(t),
    nonZero: nnz(t),
    sparsity: cells === 0 ? Number.NaN : 1 - nnz(t) / cells,
    totalCount: total,
    integerCounts: isIntegral(t),
    depth: {
      min: quantileSorted(sorted, 0),
      q1: quantileSorted(sorted, 0.25),
      median: quantileSorted(sorted, 0.5),
      q3: quantileSorted(sorted, 0.75),
      max: quantileSorted(sorted, 1),
    },
    emptySamples: t.sampleIds.filter((_, s) => totals[s] === 0),
  };
}
