/**
 * Alternative hypotheses and the conversion of a statistic's tail probabilities into a p-value,
 * shared by the tests: two-sided p = min(1, 2 min(P(T <= t), P(T >= t))), "greater" = P(T >= t),
 * "less" = P(T <= t), as R's `htest` functions.
 */

export type Alternative = "two-sided" | "greater" | "less";

export function pFromTails(lower: number, upper: number, alternative: Alternative): number {
  if (alternative === "greater") return upper;
  if (alternative === "less") return lower;
  return Math.min(1, 2 * Math.min(lower, upper));
}
