/**
 * Sum of squared proportions D = sum_i p_i^2, p_i = x_i / sum(x): the Simpson concentration
 * (the probability that two draws with replacement are the same feature), shared by `simpson` and
 * `inverseSimpson`. NaN for an all-zero sample. Summed with compensation (compensated-sum.ts).
 * Reference: Simpson EH (1949) Measurement of diversity. Nature 163:688. doi:10.1038/163688a0
 */
import { CompensatedSum } from "./compensated-sum.js";

export function sumOfSquaredProportions(counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  if (!(total > 0)) return Number.NaN;
  const d = new CompensatedSum();
  for (let i = 0; i < counts.length; i++) {
    const p = counts[i]! / total;
    d.add(p * p);
  }
  return d.value;
}
