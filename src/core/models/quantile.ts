/**
 * Order statistics used by bootstrap and conformal intervals.
 * - `quantileType7`: linear interpolation between order statistics, h = (n - 1) q (R's default
 *   `quantile(type = 7)`, numpy's default).
 * - `kthSmallest`: the k-th smallest value (1-based) of a copy of the data.
 */
import { InputError } from "../errors.js";

export function quantileType7(values: ArrayLike<number>, q: number): number {
  const s = Float64Array.from(values).sort();
  if (s.length === 0) throw InputError.single({ code: "too_few_samples", message: "quantile of no values" });
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

export function kthSmallest(values: ArrayLike<number>, k: number): number {
  if (!(k >= 1 && k <= values.length)) {
    throw InputError.single({
      code: "out_of_range",
      message: `order statistic ${k} of ${values.length} values`,
    });
  }
  return Float64Array.from(values).sort()[k - 1]!;
}
