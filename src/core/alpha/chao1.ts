/**
 * Chao1 richness estimator, bias-corrected form:
 *   S_chao1 = S_obs + F1 (F1 - 1) / (2 (F2 + 1)),
 * F1 = number of singletons (x_i = 1), F2 = number of doubletons (x_i = 2).
 *
 * Edge cases: needs integer counts (alphaDiversity rejects other tables with `fractional_count`);
 * defined for every sample (no division by zero); an all-zero sample gives 0.
 * Matches: vegan 2.6-4 `estimateR(x)["S.chao1", ]` and scikit-bio 0.5.8
 * `chao1(counts, bias_corrected=True)`, which are the same formula. (scikit-bio's default
 * `bias_corrected=False`, S_obs + F1^2 / (2 F2), is a different definition.)
 * Reference: Chao A (1987) Estimating the population size for capture-recapture data with unequal
 * catchability. Biometrics 43:783-791. doi:10.2307/2531532
 */
export function chao1(counts: ArrayLike<number>): number {
  let sObs = 0;
  let f1 = 0;
  let f2 = 0;
  for (let i = 0; i < counts.length; i++) {
    const x = counts[i]!;
    if (x > 0) sObs++;
    if (x === 1) f1++;
    else if (x === 2) f2++;
  }
  return sObs + (f1 * (f1 - 1)) / (2 * (f2 + 1));
}
