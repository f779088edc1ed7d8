/**
 * Where one value sits in a reference distribution, as a fraction in [0, 1].
 *
 * - `percentileFromQuantiles(v, levels, q)`: inverse of a piecewise-linear quantile function known
 *   at `levels` (e.g. the model's training quantiles at 0, 0.05, 0.25, 0.5, 0.75, 0.95, 1). For
 *   q_i <= v <= q_{i+1} with q_i < q_{i+1}: level_i + (level_{i+1} - level_i)(v - q_i)/(q_{i+1} - q_i).
 *   Where several quantiles equal v (ties, e.g. many zero abundances), the midpoint of the levels
 *   with q = v. Below q_0 -> levels[0]; above the last -> the last level. This is the exact inverse
 *   of R's `quantile(type = 7)` interpolation between the stored levels.
 * - `empiricalPercentile(v, sample)`: mid-rank percentile (#{x < v} + #{x = v} / 2) / n, the
 *   "percentile rank" of the value (Roscoe 1975; R: `mean(x < v) + mean(x == v) / 2`).
 *
 * Edge cases: a non-finite v or an empty reference throws (the caller reports null instead).
 */
import { InputError } from "../errors.js";

/**
 * Where `value` sits (a fraction in [0, 1]) in a distribution known by its quantiles at `levels`:
 * the inverse of R's type-7 interpolation, ties at the midpoint of their levels.
 * @throws {InputError} `bad_argument` when value is not finite or levels and quantiles do not match.
 */
export function percentileFromQuantiles(
  value: number,
  levels: readonly number[],
  quantiles: readonly number[],
): number {
  const k = quantiles.length;
  if (k === 0 || k !== levels.length || !Number.isFinite(value)) {
    throw InputError.single({
      code: "bad_argument",
      message: `percentile of ${value} from ${k} quantiles at ${levels.length} levels`,
    });
  }
  if (value < quantiles[0]!) return levels[0]!;
  if (value > quantiles[k - 1]!) return levels[k - 1]!;
  let first = -1;
  let last = -1;
  for (let i = 0; i < k; i++) {
    if (quantiles[i] === value) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first >= 0) return (levels[first]! + levels[last]!) / 2;
  let i = 0;
  while (quantiles[i + 1]! < value) i++;
  const lo = quantiles[i]!;
  const hi = quantiles[i + 1]!;
  return levels[i]! + ((levels[i + 1]! - levels[i]!) * (value - lo)) / (hi - lo);
}

/**
 * Mid-rank percentile of `value` among `sample`: (#{x < v} + #{x = v} / 2) / n (R
 * `mean(x < v) + mean(x == v) / 2`).
 * @throws {InputError} `bad_argument` when value is not finite or the sample is empty.
 */
export function empiricalPercentile(value: number, sample: ArrayLike<number>): number {
  if (sample.length === 0 || !Number.isFinite(value)) {
    throw InputError.single({
      code: "bad_argument",
      message: `percentile of ${value} among ${sample.length} reference values`,
    });
  }
  let below = 0;
  let equal = 0;
  for (let i = 0; i < sample.length; i++) {
    const x = sample[i]!;
    if (x < value) below++;
    else if (x === value) equal++;
  }
  return (below + equal / 2) / sample.length;
}
