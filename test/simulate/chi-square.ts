/**
 * Test helper: Pearson chi-square goodness of fit of observed counts against exact probabilities,
 * pooling adjacent cells until each expected count is >= 5 (Cochran's rule); p from the upper
 * regularised incomplete gamma, P(chi2_df > x) = Q(df / 2, x / 2).
 */
import gammainc from "@stdlib/math-base-special-gammainc";

export function chiSquareGoodnessOfFit(
  observed: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  total: number,
): { statistic: number; df: number; p: number } {
  const cells: { o: number; e: number }[] = [];
  let o = 0;
  let e = 0;
  for (let k = 0; k < observed.length; k++) {
    o += observed[k]!;
    e += probabilities[k]! * total;
    if (e >= 5) {
      cells.push({ o, e });
      o = 0;
      e = 0;
    }
  }
  if (cells.length === 0) throw new Error("too few expected counts");
  cells[cells.length - 1]!.o += o;
  cells[cells.length - 1]!.e += e;
  const statistic = cells.reduce((s, c) => s + (c.o - c.e) ** 2 / c.e, 0);
  const df = cells.length - 1;
  return { statistic, df, p: gammainc(statistic / 2, df / 2, true, true) };
}

/** Exact binomial pmf by summing logs (independent of the sampler's log-gamma route). */
export function binomialPmf(n: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  const logFact = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) logFact[i] = logFact[i - 1]! + Math.log(i);
  for (let k = 0; k <= n; k++) {
    out[k] = Math.exp(
      logFact[n]! - logFact[k]! - logFact[n - k]! + k * Math.log(p) + (n - k) * Math.log1p(-p),
    );
  }
  return out;
}
