/**
 * Descriptive statistics shared by every layer of the core: the one mean, variance, median and
 * quantile.
 *
 *   mean(x)      = sum(x) / n                       (NaN for no values)
 *   variance(x)  = sum (x_i - mean(x))^2 / (n - 1)  (two-pass; NaN for fewer than two values)
 *   median(x)    = middle order statistic, or the mean of the two middle ones (NaN for no values);
 *                  `medianInPlace` finds the order statistics by selection (Hoare 1961, Algorithm
 *                  65: FIND, Commun ACM 4:321, doi:10.1145/366622.366647) in linear time on average
 *   quantile(x, p), R type 7 (R's and numpy's default; Hyndman & Fan 1996, Am Stat 50:361,
 *   doi:10.2307/2684934): with sorted x_(1) <= ... <= x_(n), h = (n - 1) p, lo = floor(h),
 *     Q(p) = (1 - g) x_(lo+1) + g x_(lo+2),  g = h - lo,
 *   computed exactly as R's `quantile.default` does (x_(lo+1) itself when g = 0 or the two order
 *   statistics are equal), so results match R to the last bit.
 * Matches: R 4.x `mean`, `var`, `median`, `quantile(x, p, type = 7)`.
 */
import { InputError } from "../errors.js";

/** Arithmetic mean (R `mean`); NaN for no values. */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length === 0 ? Number.NaN : s / values.length;
}

/**
 * Sample variance with denominator n - 1 (R `var`), two-pass about `mean(values)`; NaN for fewer
 * than two values.
 */
export function variance(values: ArrayLike<number>): number {
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i]! - m) ** 2;
  return values.length < 2 ? Number.NaN : ss / (values.length - 1);
}

/** Median of a copy of the values (NaN for none); the values are left unsorted. */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  if (s.length === 0) return Number.NaN;
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/**
 * Median (R `median`) by selection, without a copy: reorders `values` (linear time on average, for
 * hot loops over scratch arrays); NaN for no values.
 */
export function medianInPlace(values: Float32Array | Float64Array): number {
  if (values.length === 0) return Number.NaN;
  const h = values.length >> 1;
  const upper = select(values, h);
  if (values.length % 2 === 1) return upper;
  // select leaves every value left of h no larger than the h-th: the lower middle is their maximum
  let lower = values[0]!;
  for (let i = 1; i < h; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

/** The k-th smallest value (0-based), leaving every value left of k no larger (Hoare's FIND). */
function select(a: Float32Array | Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
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
