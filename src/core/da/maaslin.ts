/**
 * MaAsLin2-style linear models (Mallick H, Rahnavard A, McIver LJ et al. (2021) Multivariable
 * association discovery in population-scale meta-omics studies. PLoS Comput Biol 17:e1009442,
 * doi:10.1371/journal.pcbi.1009442), with MaAsLin2's defaults `normalization = "TSS"`,
 * `transform = "LOG"`, `analysis_method = "LM"`, `correction = "BH"`:
 *
 * 1. TSS: each sample divided by its total over the taxa kept by the prevalence filter.
 * 2. LOG: log2(x), zeros replaced per taxon by half the taxon's smallest non-zero relative
 *    abundance (MaAsLin2's `LOG` transform, applied to each feature column).
 * 3. Per taxon OLS log2(x_j) = X b_j + e_j with the formula's covariates; t test on each exposure
 *    column, df = n - p; q = BH across taxa per column.
 * Already on the log2 scale. Differences from MaAsLin2: continuous metadata are not standardised
 * (`standardize = TRUE` there), so coefficients of numeric exposures are per unit, not per SD; BH
 * runs per exposure column rather than over all metadata columns at once; no random effects.
 */
import { pStudentTTwoSided } from "../stats/distributions/student-t.js";
import type { DaInput } from "./prepare.js";
import { columnRows, emptyEstimates, setWaldTest } from "./result-rows.js";
import { coefficientSe, fitSharedDesign, sharedDesignSolver } from "./shared-design-ols.js";
import type { DaMethodResult, DaRow } from "./types.js";

export const MAASLIN_REFERENCE =
  "Mallick H et al. (2021) PLoS Comput Biol 17:e1009442, doi:10.1371/journal.pcbi.1009442";

export function maaslin(input: DaInput): DaMethodResult {
  const { nSamples: n, nTaxa: m } = input;
  const y = logRelativeAbundance(input.counts, n, m);
  const solver = sharedDesignSolver(input.design);
  const fit = fitSharedDesign(solver, y, m);
  const rows: DaRow[] = [];
  let degenerate = 0;
  input.termColumns.forEach((c, t) => {
    const est = emptyEstimates(m);
    for (let j = 0; j < m; j++) {
      est.estimate[j] = fit.coef[c * m + j]!;
      est.se[j] = coefficientSe(solver, fit, c, j);
      if (setWaldTest(est, j, (s) => pStudentTTwoSided(s, solver.df))) degenerate++;
    }
    rows.push(...columnRows(input, "maaslin", t, est));
  });
  return {
    rows,
    summary: {
      method: "maaslin",
      reference: MAASLIN_REFERENCE,
      parameters: { normalization: "TSS", transform: "LOG", analysis: "LM", df: solver.df },
      zeroHandling: "zeros replaced per taxon by half its smallest non-zero relative abundance before log2",
      taxaTested: m,
      warnings:
        degenerate > 0 ? [`maaslin: ${degenerate} taxon-term fit(s) had zero residual variance (p = 1)`] : [],
    },
  };
}

/** TSS then per-taxon half-minimum log2 (n x m row-major in, new matrix out). */
export function logRelativeAbundance(counts: Float64Array, n: number, m: number): Float64Array {
  const y = new Float64Array(counts.length);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let j = 0; j < m; j++) total += counts[i * m + j]!;
    for (let j = 0; j < m; j++) y[i * m + j] = total > 0 ? counts[i * m + j]! / total : 0;
  }
  const halfMin = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  for (let k = 0; k < y.length; k++) {
    const v = y[k]!;
    if (v > 0 && v < halfMin[k % m]!) halfMin[k % m] = v;
  }
  for (let j = 0; j < m; j++) halfMin[j]! /= 2;
  for (let k = 0; k < y.length; k++) y[k] = Math.log2(y[k]! > 0 ? y[k]! : halfMin[k % m]!);
  return y;
}
