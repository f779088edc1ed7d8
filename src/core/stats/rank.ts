/**
 * Average ranks ("midranks") and tie groups.
 *
 *   rank(x_i) = 1 + #{j : x_j < x_i} + (#{j : x_j = x_i} - 1) / 2
 * so the ranks always sum to n(n + 1)/2. `tieSizes` lists the size t of every group of equal values
 * with t >= 2, for the usual tie corrections sum(t^3 - t) (`tieCorrection`).
 * Ties are exact double equality (no tolerance; R `rank` does the same, see the fixtures README on
 * 15-digit ties in R's `table`).
 *
 * Edge cases: empty input -> empty ranks; NaN anywhere -> InputError (drop missing values first).
 * Matches: R 4.x `rank(x, ties.method = "average")`, scipy `rankdata(x, method = "average")`.
 * Reference: Kendall MG (1948) Rank Correlation Methods, ch. 3. Griffin.
 */

import { InputError } from "../errors.js";

/** Average ranks (1-based, ties averaged) and the sizes of the tie groups. */
export interface Ranking {
  ranks: Float64Array;
  /** Sizes of the tie groups with two or more members, in increasing order of value. */
  tieSizes: number[];
}

/**
 * Average ranks ("midranks"; R `rank(x, ties.method = "average")`), summing to n(n + 1)/2, with the
 * tie-group sizes for tie corrections. Ties are exact double equality.
 * @throws {InputError} `non_finite` when x holds a NaN.
 */
export function rankAverage(x: ArrayLike<number>): Ranking {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(x[i]!)) {
      throw InputError.single({
        code: "non_finite",
        message: `cannot rank a missing value (NaN at position ${i})`,
        hint: "drop missing values before ranking",
      });
    }
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    x[a]! < x[b]! ? -1 : x[a]! > x[b]! ? 1 : 0,
  );
  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && x[order[end]!] === x[order[start]!]) end++;
    const mid = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = mid;
    if (end - start > 1) tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/** sum over tie groups of t^3 - t. */
export function tieCorrection(tieSizes: readonly number[]): number {
  let s = 0;
  for (const t of tieSizes) s += t * t * t - t;
  return s;
}
