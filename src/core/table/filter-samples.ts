/**
 * Drops samples whose depth (total count) is below `minDepth` (or above `maxDepth`), returning the
 * dropped IDs so the caller reports them (never a silent drop). Matches QIIME 2
 * `feature-table filter-samples --p-min-frequency`.
 */
import { type FeatureTable, nSamples, sampleTotals } from "./feature-table.js";
import { selectSamples } from "./subset.js";

/** A filtered table and the IDs the filter removed, so callers can report them. */
export interface FilterResult {
  table: FeatureTable;
  /** IDs removed, in table order. */
  dropped: string[];
}

/**
 * Keeps samples whose total count (depth, in reads) lies in [minDepth, maxDepth] (defaults 0 and ∞);
 * QIIME 2 `feature-table filter-samples --p-min-frequency`.
 */
export function filterSamplesByDepth(
  t: FeatureTable,
  options: { minDepth?: number; maxDepth?: number },
): FilterResult {
  const min = options.minDepth ?? 0;
  const max = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const depth = sampleTotals(t);
  const keep: number[] = [];
  const dropped: string[] = [];
  for (let s = 0; s < nSamples(t); s++) {
    if (depth[s]! >= min && depth[s]! <= max) keep.push(s);
    else dropped.push(t.sampleIds[s]!);
  }
  return { table: selectSamples(t, keep), dropped };
}
