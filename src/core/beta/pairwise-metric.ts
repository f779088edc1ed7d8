/**
 * The shape every beta metric implements, so that one driver (beta-diversity.ts) and one worker
 * pool (src/node/pool.ts) run them all: accumulate a block of stripes, then turn each pair's
 * accumulators and the row terms into a distance.
 */
import type { Tree } from "../phylo/tree.js";
import type { FeatureTable } from "../table/feature-table.js";
import type { PairDistance, StripeBlock } from "./stripes.js";

export const DEFAULT_GENERALIZED_ALPHA = 0.5;

/** Options of the beta metrics; each metric reads only the ones it uses. */
export interface BetaOptions {
  /** Needed by the UniFrac metrics. */
  tree?: Tree;
  /** generalized_unifrac's alpha in [0, 1]; default 0.5. */
  alpha?: number;
  /** aitchison's pseudocount, added to every cell; default 1. */
  pseudocount?: number;
}

/**
 * What every beta metric implements so one driver and one worker pool run them all: accumulate a
 * block of stripes, then turn each pair's accumulators and the row terms into a distance.
 */
export type PairwiseMetric = {
  needsTree: boolean;
  /** All-zero samples make the metric 0 / 0 (rejected with `all_zero_sample`). */
  rejectsEmptySamples: boolean;
  /**
   * Optional whole-matrix path: writes the accumulator of every pair i < j into the condensed
   * upper triangle `out` (zeros on entry) and returns the row terms; the same values, bit for bit,
   * as the stripes over all stripes (feature metrics: feature-units.ts). Metrics without it go
   * through stripes.
   */
  condensedSums?(table: FeatureTable, options: BetaOptions, out: Float64Array): Float64Array;
  /** Distance of a pair from the (shared) row terms and the pair's accumulators. */
  distance(table: FeatureTable, options: BetaOptions, rows: Float64Array): PairDistance;
} & (
  | {
      /** Accumulators of stripes [start, stop). Inputs are already validated. */
      stripes(table: FeatureTable, options: BetaOptions, start: number, stop: number): StripeBlock;
    }
  | {
      /** Work shared by every block (UniFrac's per-sample lists), done once; the returned function
       * gives the accumulators of stripes [start, stop). Inputs are already validated. */
      prepare(table: FeatureTable, options: BetaOptions): (start: number, stop: number) => StripeBlock;
      /** The pair term of UniFrac's sample-list kernels, whose prepared lists can also be built per
       * range of samples and joined (unifrac/node-units.ts: sampleLists, listStripes). */
      lists?: "both" | "min";
    }
);

/** (R_i + R_j - 2 A) / (R_i + R_j): Bray-Curtis and normalised weighted UniFrac. */
export function normalisedDifference(rows: Float64Array): PairDistance {
  return (i, j, a) => {
    const s = rows[i]! + rows[j]!;
    return Math.max(0, s - 2 * a) / s;
  };
}

/** (R_i + R_j - 2 A) / (R_i + R_j - A): Jaccard and unweighted UniFrac (shared / union). */
export function unsharedFraction(rows: Float64Array): PairDistance {
  return (i, j, a) => {
    const s = rows[i]! + rows[j]!;
    return Math.max(0, s - 2 * a) / (s - a);
  };
}
