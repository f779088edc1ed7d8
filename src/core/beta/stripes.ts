/**
 * Stripes: the layout in which every pairwise kernel (Bray-Curtis ... UniFrac) accumulates, as in
 * Striped UniFrac (McDonald et al. 2018, doi:10.1038/s41592-018-0187-8).
 *
 * Stripe k (0 <= k < nStripes(n) = floor(n / 2)) holds, for every sample i, the pair
 * (i, (i + k + 1) mod n). Together the stripes cover every unordered pair once, except that for
 * even n the last stripe (offset n/2) holds each of its pairs twice, with identical values.
 *
 *   n = 5                 slot i:  0      1      2      3      4
 *   stripe 0 (offset 1)          (0,1)  (1,2)  (2,3)  (3,4)  (4,0)
 *   stripe 1 (offset 2)          (0,2)  (1,3)  (2,4)  (3,0)  (4,1)
 *
 * A block of stripes [start, stop) is one Float64Array of (stop - start) * n values, stripe-major:
 *   acc[(k - start) * n + i]   <->   pair (i, (i + k + 1) mod n)
 * Every stripe has n slots, so equal blocks are equal work; blocks are independent, so they can be
 * computed by different workers or processes and merged: merged blocks equal a full run bit for bit.
 */
import { InputError } from "../errors.js";
import { condensedIndex } from "./distance-matrix.js";

/** Number of stripes for n samples: ⌊n / 2⌋. */
export function nStripes(n: number): number {
  return Math.floor(n / 2);
}

/** Accumulators of one block of stripes [start, stop) for n samples. */
export interface StripeBlock {
  n: number;
  start: number;
  stop: number;
  /** Per-sample row terms (the same in every block). */
  rows: Float64Array;
  /** (stop - start) * n pair accumulators. */
  acc1: Float64Array;
  /** A second accumulator (generalized UniFrac's denominator); empty when unused. */
  acc2: Float64Array;
}

export function createStripeBlock(
  n: number,
  start: number,
  stop: number,
  twoAccumulators: boolean,
): StripeBlock {
  if (
    !(Number.isInteger(start) && Number.isInteger(stop) && 0 <= start && start <= stop && stop <= nStripes(n))
  ) {
    throw InputError.single({
      code: "out_of_range",
      message: `stripe block [${start}, ${stop}) is outside [0, ${nStripes(n)})`,
    });
  }
  const size = (stop - start) * n;
  return {
    n,
    start,
    stop,
    rows: new Float64Array(n),
    acc1: new Float64Array(size),
    acc2: new Float64Array(twoAccumulators ? size : 0),
  };
}

/** Splits [0, nStripes(n)) into at most `parts` contiguous blocks of near-equal size. */
export function stripeRanges(n: number, parts: number): [number, number][] {
  const total = nStripes(n);
  const p = Math.max(1, Math.min(parts, total));
  const out: [number, number][] = [];
  for (let b = 0; b < p; b++) {
    const start = Math.floor((b * total) / p);
    const stop = Math.floor(((b + 1) * total) / p);
    if (stop > start) out.push([start, stop]);
  }
  return out;
}

/** Pair distance from the row terms and the two accumulators of the pair. */
export type PairDistance = (i: number, j: number, a1: number, a2: number) => number;

/**
 * Writes the distances of one block into `out`: the condensed upper triangle (layout "condensed",
 * the default) or the block's own stripe layout (layout "stripes"; `out` may be `block.acc1`
 * itself, as each slot is read before it is written). The condensed layout is written row by row
 * of the triangle: sample i's pairs (i, i + k + 1), k = start .. stop - 1, are consecutive entries
 * of row i until i + k + 1 wraps past n, and the wrapped pairs (i, j), j < i, consecutive entries
 * of row j, so the writes run along the matrix instead of jumping a row per pair (the stripe rows
 * read meanwhile stay in cache). Every pair gets the same value whatever the order.
 */
export function mergeStripeBlock(
  block: StripeBlock,
  distance: PairDistance,
  out: Float64Array,
  layout: "condensed" | "stripes" = "condensed",
): void {
  const { n, start, stop, acc1, acc2 } = block;
  const hasTwo = acc2.length > 0;
  if (layout === "stripes") {
    for (let k = start; k < stop; k++) {
      const base = (k - start) * n;
      for (let i = 0; i < n; i++) {
        let j = i + k + 1;
        if (j >= n) j -= n;
        out[base + i] = distance(i, j, acc1[base + i]!, hasTwo ? acc2[base + i]! : 0);
      }
    }
    return;
  }
  // pairs (i, i + k + 1) with i + k + 1 < n: row i of the triangle, from (i, i + start + 1) on
  for (let i = 0; i < n; i++) {
    const end = Math.min(stop, n - 1 - i);
    let p = condensedIndex(n, i, i + start + 1);
    for (let k = start, x = i; k < end; k++, p++, x += n)
      out[p] = distance(i, i + k + 1, acc1[x]!, hasTwo ? acc2[x]! : 0);
  }
  // pairs (i, j = i + k + 1 - n) that wrap, j < i: row j, slot i = j + n - k - 1 (k >= j), from
  // column i = n - 1 - max(start, j) down
  for (let j = 0; j < n; j++) {
    const k0 = Math.max(start, j);
    let p = condensedIndex(n, j, j + n - k0 - 1);
    for (let k = k0, x = (k0 - start) * n + j + n - k0 - 1; k < stop; k++, p--, x += n - 1)
      out[p] = distance(j + n - k - 1, j, acc1[x]!, hasTwo ? acc2[x]! : 0);
  }
}
