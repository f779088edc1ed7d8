/**
 * Order statistics used by conformal intervals: `kthSmallest`, the k-th smallest value (1-based)
 * of a copy of the data. The type-7 quantile is stats/descriptive.ts's `quantileType7`.
 */
import { InputError } from "../errors.js";

export function kthSmallest(values: ArrayLike<number>, k: number): number {
  if (!(k >= 1 && k <= values.length)) {
    throw InputError.single({
      code: "out_of_range",
      message: `order statistic ${k} of ${values.length} values`,
    });
  }
  return Float64Array.from(values).sort()[k - 1]!;
}
