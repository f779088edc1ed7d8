/**
 * Stripes in bounded memory, and stripe blocks as cluster jobs. Layout and merge rule: stripes.ts
 * (Striped UniFrac, McDonald et al. 2018, doi:10.1038/s41592-018-0187-8).
 *
 * A range of stripes [start, stop) is computed in chunks of `chunkStripes(n)` stripes (about 32 MB
 * of accumulators each), from inputs prepared once for the range (betaStripeSource); each chunk's accumulators are turned into distances in place,
 *   d[(k - k0) * n + i] = distance(i, (i + k + 1) mod n, acc1, acc2),
 * and handed on (written into the condensed matrix, or streamed to a partial file), so computing a
 * matrix holds one condensed matrix plus one chunk, never all stripe accumulators at once.
 * Distances in stripe layout are merged with the same `mergeStripeBlock` (identity distance), so
 * the result is identical bit for bit to `betaDiversity` for any chunking and any split into jobs.
 */
import { InputError } from "../errors.js";
import type { FeatureTable } from "../table/feature-table.js";
import { type BetaMetricId, betaCondensedInto, betaMetrics, betaStripeSource } from "./beta-diversity.js";
import type { BetaOptions } from "./pairwise-metric.js";
import { mergeStripeBlock, nStripes, type PairDistance, type StripeBlock } from "./stripes.js";

/** Accumulator values per chunk (4 Mi doubles = 32 MB; generalized UniFrac holds two). */
export const CHUNK_VALUES = 1 << 22;

/** Stripes per chunk for n samples. */
export function chunkStripes(n: number): number {
  return Math.max(1, Math.floor(CHUNK_VALUES / Math.max(1, n)));
}

/**
 * Stripe range of job `index` (1-based) of `count`: [floor((I-1) T / N), floor(I T / N)) with
 * T = nStripes(n). Jobs are within one stripe of each other in size; when N > T some are empty.
 */
export function stripeJobRange(n: number, index: number, count: number): [number, number] {
  if (!(Number.isInteger(count) && count >= 1 && Number.isInteger(index) && index >= 1 && index <= count)) {
    throw InputError.single({
      code: "out_of_range",
      message: `stripe job ${index}/${count}: need integers 1 <= I <= N`,
    });
  }
  const total = nStripes(n);
  return [Math.floor(((index - 1) * total) / count), Math.floor((index * total) / count)];
}

/**
 * Computes stripes [start, stop) chunk by chunk and calls `onBlock(block, distance)` with each
 * chunk's accumulators and the metric's pair distance. `source`: see forEachStripeDistances.
 */
function forEachStripeBlock(
  table: FeatureTable,
  metricId: BetaMetricId,
  options: BetaOptions,
  start: number,
  stop: number,
  step: number,
  source: ((k0: number, k1: number) => StripeBlock) | undefined,
  onBlock: (block: StripeBlock, distance: PairDistance) => void,
): void {
  let distance: PairDistance | undefined;
  let stripesOf = source;
  for (let k0 = start; k0 < stop; k0 += step) {
    const k1 = Math.min(stop, k0 + step);
    stripesOf ??= betaStripeSource(table, metricId, options);
    const block = stripesOf(k0, k1);
    distance ??= betaMetrics[metricId].distance(table, options, block.rows);
    onBlock(block, distance);
  }
}

/**
 * Computes stripes [start, stop) chunk by chunk and calls `onChunk(k0, k1, d)` with the distances
 * of stripes [k0, k1) in stripe layout (d is reused by nothing: it may be kept). Inputs must be
 * valid (validateBeta). `step` (stripes per chunk) changes memory only, never the result.
 * `source` is the work shared by all blocks when already prepared (betaStripeSource's, or
 * UniFrac's lists built on several threads); prepared here otherwise.
 */
export function forEachStripeDistances(
  table: FeatureTable,
  metricId: BetaMetricId,
  options: BetaOptions,
  start: number,
  stop: number,
  onChunk: (k0: number, k1: number, d: Float64Array) => void,
  step = chunkStripes(table.sampleIds.length),
  source?: (k0: number, k1: number) => StripeBlock,
): void {
  forEachStripeBlock(table, metricId, options, start, stop, step, source, (block, distance) => {
    mergeStripeBlock(block, distance, block.acc1, "stripes");
    onChunk(block.start, block.stop, block.acc1);
  });
}

const EMPTY = new Float64Array(0);

/** Writes the distances of stripes [k0, k1), in stripe layout, into the condensed matrix. */
export function mergeStripeDistances(
  n: number,
  k0: number,
  k1: number,
  d: Float64Array,
  condensed: Float64Array,
): void {
  mergeStripeBlock(
    { n, start: k0, stop: k1, rows: EMPTY, acc1: d, acc2: EMPTY },
    (_i, _j, a) => a,
    condensed,
  );
}

/**
 * Computes stripes [start, stop) straight into the condensed matrix (zeros on entry), one chunk at
 * a time (each chunk's distances written from its accumulators); all stripes at once through the
 * metric's condensed path when it has one. `source`: see forEachStripeDistances.
 */
export function betaStripesInto(
  table: FeatureTable,
  metricId: BetaMetricId,
  options: BetaOptions,
  start: number,
  stop: number,
  condensed: Float64Array,
  source?: (k0: number, k1: number) => StripeBlock,
): void {
  const n = table.sampleIds.length;
  if (start === 0 && stop === nStripes(n) && betaCondensedInto(table, metricId, options, condensed)) return;
  forEachStripeBlock(table, metricId, options, start, stop, chunkStripes(n), source, (block, distance) =>
    mergeStripeBlock(block, distance, condensed),
  );
}
