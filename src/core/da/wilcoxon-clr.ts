/**
 * Wilcoxon rank-sum (Mann–Whitney) test on log2-CLR(counts + 0.5), two groups only: the simplest
 * compositionally aware test, and one of the most consistent across benchmark datasets (Nearing JT
 * et al. (2022) Nat Commun 13:342, doi:10.1038/s41467-022-28034-z).
 *
 * Per taxon: statistic = W of R's `wilcox.test(exposed, reference)` (sum of the exposed group's
 * ranks minus n1(n1 + 1)/2; large = higher in the exposed group), p from the normal approximation
 * with tie and continuity correction (`exact = FALSE, correct = TRUE`); q = BH across taxa.
 * log2_fold_change = difference of the group means of the CLR (already log2) and se its Welch
 * standard error sqrt(s1^2/n1 + s0^2/n0), reported so the rows share one scale with other methods;
 * the test itself is the rank test.
 * Covariates in the formula are ignored (the test is unadjusted) with a warning; an exposure that is
 * not a two-level factor is an InputError.
 * Matches: R 4.x `wilcox.test(x, y, exact = FALSE, correct = TRUE)` on the same CLR values.
 */
import { InputError } from "../errors.js";
import { mean, variance } from "../stats/descriptive.js";
import { wilcoxonRankSum } from "../stats/wilcoxon.js";
import { clrWithPseudocount } from "./log-ratio.js";
import type { DaInput } from "./prepare.js";
import { columnRows, emptyEstimates } from "./result-rows.js";
import type { DaMethodResult } from "./types.js";

const PSEUDOCOUNT = 0.5;

/**
 * Wilcoxon rank-sum test on log2-CLR(counts + 0.5) per taxon, BH across taxa (Nearing et al. 2022,
 * Nat Commun 13:342, doi:10.1038/s41467-022-28034-z); unadjusted for covariates.
 * @throws {InputError} `bad_argument` when the exposure is not a two-level factor.
 */
export function wilcoxonClr(input: DaInput): DaMethodResult {
  const { nSamples: n, nTaxa: m, groups } = input;
  if (groups === null) {
    throw InputError.single({
      code: "bad_argument",
      message: `wilcoxon_clr needs a two-level exposure; term '${input.term}' is not one`,
      key: "methods",
    });
  }
  const y = clrWithPseudocount(input.counts, n, m, PSEUDOCOUNT);
  let n1 = 0;
  for (let i = 0; i < n; i++) n1 += groups[i]!;
  const exposed = new Float64Array(n1);
  const reference = new Float64Array(n - n1);
  const est = emptyEstimates(m);
  for (let j = 0; j < m; j++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      if (groups[i] === 1) exposed[a++] = y[i * m + j]!;
      else reference[b++] = y[i * m + j]!;
    }
    const test = wilcoxonRankSum(exposed, reference, { exact: false, correct: true });
    est.statistic[j] = test.statistic;
    // all values tied (e.g. a taxon absent from every analysed sample after CLR): no evidence
    est.p[j] = Number.isNaN(test.p) ? 1 : test.p;
    est.estimate[j] = mean(exposed) - mean(reference);
    est.se[j] = Math.sqrt(variance(exposed) / exposed.length + variance(reference) / reference.length);
  }
  const warnings = input.hasCovariates
    ? [`wilcoxon_clr: covariates of '${input.design.columnNames.join(" + ")}' are ignored (unadjusted test)`]
    : [];
  return {
    rows: columnRows(input, "wilcoxon_clr", 0, est),
    summary: {
      method: "wilcoxon_clr",
      reference:
        "Wilcoxon F (1945) Biometrics Bull 1:80-83, doi:10.2307/3001968; on CLR as in Nearing et al. (2022)",
      parameters: { pseudocount: PSEUDOCOUNT, exact: false, correct: true },
      zeroHandling: `pseudocount ${PSEUDOCOUNT} added to every count before CLR`,
      taxaTested: m,
      warnings,
    },
  };
}
