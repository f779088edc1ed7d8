/**
 * MaAsLin2 linear models (Mallick H, Rahnavard A, McIver LJ et al. (2021) Multivariable
 * association discovery in population-scale meta-omics studies. PLoS Comput Biol 17:e1009442,
 * doi:10.1371/journal.pcbi.1009442). Reference implementation: Maaslin2 1.15.1 `Maaslin2()`
 * (GitHub biobakery/Maaslin2, commit 02ba513; the LM path is unchanged since 1.0) with its
 * defaults `min_abundance = 0`, `min_prevalence = 0.1`, `min_variance = 0`,
 * `normalization = "TSS"`, `transform = "LOG"`, `analysis_method = "LM"`, `correction = "BH"`,
 * `standardize = TRUE`:
 *
 * 1. Filter (Maaslin2.R): a taxon is kept when it is non-zero in MORE than `minPrevalence` x n
 *    samples (strictly; n = analysed samples) and its counts have non-zero variance. This runs on
 *    the taxa that passed the shared filter (prepare.ts), a superset whenever minPrevalence x n >= 1.
 * 2. TSS: each sample divided by its total over the kept taxa.
 * 3. LOG (`LOG()` in utility_scripts.R): per taxon, zeros replaced by half its smallest non-zero
 *    proportion, then log2.
 * 4. Numeric metadata z-scored (`standardize`, default true; `input.standardizedDesign`), so a
 *    numeric term's coefficient is per standard deviation.
 * 5. Per taxon OLS (gaussian `glm`) log2(x_j) = X b_j + e_j; t test of each coefficient, df = n - p.
 * 6. q = BH over ALL non-intercept coefficients of all kept taxa together (fit.R: `p.adjust` on the
 *    stacked coefficient table), so covariate coefficients enter the correction; the rows report the
 *    tested term's columns.
 * log2_fold_change = MaAsLin2's `coef`: the change in log2 relative abundance (TSS proportion) per
 * unit of a factor contrast, or per SD of a numeric variable. Differences from `Maaslin2()`:
 * samples with a missing formula variable are dropped before filtering and standardising
 * (MaAsLin2 filters and scales over all samples and drops them in each fit); a sample with no
 * counts in the kept taxa gets every taxon's half-minimum (MaAsLin2's TSS gives NaN there); no
 * random effects.
 */
import { adjustPValues } from "../stats/p-adjust.js";
import { pStudentTTwoSided } from "../stats/distributions/student-t.js";
import type { DaInput } from "./prepare.js";
import { columnRows, emptyEstimates, setWaldTest } from "./result-rows.js";
import { coefficientSe, fitSharedDesign, sharedDesignSolver } from "./shared-design-ols.js";
import type { DaMethodResult, DaMethodSummary, DaRow } from "./types.js";

export const MAASLIN_REFERENCE =
  "Mallick H et al. (2021) PLoS Comput Biol 17:e1009442, doi:10.1371/journal.pcbi.1009442; Maaslin2 1.15.1 defaults";

/** Options of {@link maaslin}. */
export interface MaaslinOptions {
  /** z-score numeric metadata (MaAsLin2 `standardize`, default true). */
  standardize?: boolean;
}

/**
 * MaAsLin2 linear models on log2 of TSS abundances (half-minimum zeros), BH across taxa (Mallick et
 * al. 2021, PLoS Comput Biol 17:e1009442, doi:10.1371/journal.pcbi.1009442), equal to Maaslin2
 * 1.15.1 `Maaslin2()` with its defaults.
 * @throws {NumericalError} when the design is singular.
 */
export function maaslin(input: DaInput, options: MaaslinOptions = {}): DaMethodResult {
  const standardize = options.standardize ?? true;
  const n = input.nSamples;
  const kept = maaslinKeptTaxa(input);
  const m = kept.length;
  const y = logRelativeAbundance(subsetColumns(input.counts, n, input.nTaxa, kept), n, m);
  const solver = sharedDesignSolver(standardize ? input.standardizedDesign : input.design);
  const fit = fitSharedDesign(solver, y, m);
  // every non-intercept coefficient (fit.R drops the first row of each coefficient table)
  const p = solver.p;
  const estimates = Array.from({ length: p }, () => emptyEstimates(m));
  let degenerate = 0;
  for (let c = 1; c < p; c++) {
    const est = estimates[c]!;
    for (let j = 0; j < m; j++) {
      est.estimate[j] = fit.coef[c * m + j]!;
      est.se[j] = coefficientSe(solver, fit, c, j);
      if (setWaldTest(est, j, (s) => pStudentTTwoSided(s, solver.df)) && input.termColumns.includes(c))
        degenerate++;
    }
  }
  const allP = new Float64Array((p - 1) * m);
  for (let c = 1; c < p; c++) allP.set(estimates[c]!.p, (c - 1) * m);
  const allQ = adjustPValues(allP, "bh");
  const rows: DaRow[] = [];
  input.termColumns.forEach((c, t) => {
    const q = allQ.subarray((c - 1) * m, c * m);
    rows.push(...columnRows(input, "maaslin", t, { ...estimates[c]!, q }, kept));
  });
  const dropped = input.nTaxa - m;
  const warnings: string[] = [];
  if (dropped > 0)
    warnings.push(
      `maaslin: ${dropped} taxon/taxa not tested (MaAsLin2 keeps taxa non-zero in more than ${input.minPrevalence} x ${n} samples, with non-zero variance)`,
    );
  if (degenerate > 0)
    warnings.push(`maaslin: ${degenerate} taxon-term fit(s) had zero residual variance (p = 1)`);
  return {
    rows,
    summary: maaslinSummary(
      {
        analysis: "LM",
        standardize,
        correction: "BH over all non-intercept coefficients",
        minPrevalence: input.minPrevalence,
        df: solver.df,
      },
      m,
      warnings,
    ),
  };
}

/**
 * The summary of a MaAsLin2 fit (fixed-effects or mixed form): TSS normalisation and LOG
 * transform with the form's own parameters, the number of taxa tested and warnings.
 */
export function maaslinSummary(
  parameters: DaMethodSummary["parameters"],
  taxaTested: number,
  warnings: string[],
): DaMethodSummary {
  return {
    method: "maaslin",
    reference: MAASLIN_REFERENCE,
    parameters: { normalization: "TSS", transform: "LOG", ...parameters },
    zeroHandling: "zeros replaced per taxon by half its smallest non-zero relative abundance before log2",
    taxaTested,
    warnings,
  };
}

/** MaAsLin2's filter: non-zero in > minPrevalence * n samples and non-constant counts. */
function maaslinKeptTaxa(input: DaInput): number[] {
  const { nSamples: n, nTaxa: m, counts } = input;
  const minSamples = n * input.minPrevalence;
  const kept: number[] = [];
  for (let j = 0; j < m; j++) {
    let present = 0;
    let constant = true;
    for (let i = 0; i < n; i++) {
      const v = counts[i * m + j]!;
      if (v > 0) present++;
      if (v !== counts[j]) constant = false;
    }
    if (present > minSamples && !constant) kept.push(j);
  }
  return kept;
}

/** Columns `cols` of an n x m row-major matrix. */
function subsetColumns(x: Float64Array, n: number, m: number, cols: readonly number[]): Float64Array {
  if (cols.length === m) return x;
  const k = cols.length;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[i * k + c] = x[i * m + cols[c]!]!;
  return out;
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
