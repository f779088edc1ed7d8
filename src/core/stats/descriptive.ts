/**
 * Descriptive statistics shared by every layer of the core: the one mean, median and quantile.
 *
 *   mean(x)      = sum(x) / n                       (NaN for no values)
 *   median(x)    = middle order statistic, or the mean of the two middle ones (NaN for no values)
 *   quantile(x, p), R type 7 (R's and numpy's default; Hyndman & Fan 1996, Am Stat 50:361,
 *   doi:10.2307/2684934): with sorted x_(1) <= ... <= x_(n), h = (n - 1) p, lo = floor(h),
 *     Q(p) = (1 - g) x_(lo+1) + g x_(lo+2),  g = h - lo,
 *   computed exactly as R's `quantile.default` does (x_(lo+1) itself when g = 0 or the two order
 *   statistics are equal), so results match R to the last bit.
 * Matches: R 4.x `mean`, `median`, `quantile(x, p, type = 7)`.
 */
import { InputError } from "../errors.js";

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length === 0 ? Number.NaN : s / values.length;
}

/** Median of a copy of the values (NaN for none); the values are left unsorted. */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  if (s.length === 0) return Number.NaN;
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** R type-7 quantile of ascending-sorted values (NaN for none). */
export function quantileSorted(sorted: ArrayLike<number>, prob: number): number {
  if (sorted.length === 0) return Number.NaN;
  // R's 1-based index: h = index - floor(index) rounds as R's does (1 + 9 * 0.025 - 1 != 9 * 0.025).
  const index = 1 + (sorted.length - 1) * prob;
  const lo = Math.floor(index) - 1;
  const hi = Math.min(Math.ceil(index), sorted.length) - 1;
  const h = index - (lo + 1);
  if (!(h > 0) || sorted[hi] === sorted[lo]) return sorted[lo]!;
  return (1 - h) * sorted[lo]! + h * sorted[hi]!;
}

/**
 * R type-7 quantile of unsorted values (sorts a copy).
 * @throws InputError `too_few_samples` when there are no values.
 */
export function quantileType7(values: ArrayLike<number>, prob: number): number {
  if (values.length === 0)
    throw InputError.single({ code: "too_few_samples", message: "quantile of no values" });
  return quantileSorted(Float64Array.from(values).sort(), prob);
}
