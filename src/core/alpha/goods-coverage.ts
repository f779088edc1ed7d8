/**
 * Good's coverage: C = 1 - F1 / N, F1 = number of singletons, N = total count.
 *
 * Edge cases: needs integer counts (alphaDiversity rejects other tables with `fractional_count`);
 * an all-zero sample gives NaN (reported by alphaDiversity).
 * Matches: scikit-bio 0.5.8 `goods_coverage(counts)`; R `1 - colSums(counts == 1) / colSums(counts)`.
 * Reference: Good IJ (1953) The population frequencies of species and the estimation of population
 * parameters. Biometrika 40:237-264. doi:10.1093/biomet/40.3-4.237
 */
export function goodsCoverage(counts: ArrayLike<number>): number {
  let n = 0;
  let f1 = 0;
  for (let i = 0; i < counts.length; i++) {
    const x = counts[i]!;
    n += x;
    if (x === 1) f1++;
  }
  return n > 0 ? 1 - f1 / n : Number.NaN;
}
