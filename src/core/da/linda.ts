/**
 * LinDA: linear models for differential abundance on CLR-transformed data, with a correction of
 * the compositional bias (Zhou H, He K, Chen J, Zhang X (2022) LinDA: linear models for
 * differential abundance analysis of microbiome compositional data. Genome Biol 23:95,
 * doi:10.1186/s13059-022-02655-5). Reference implementation: LinDA 0.2.0 `linda()` (GitHub
 * zhouhj1994/LinDA, commit af0f62f) with its defaults, fixed effects only. MicrobiomeStat 1.5.0
 * `linda()` (commit 6109b49, golden-tested too) runs the same steps with winsorisation at 0.97 by
 * default, and its adaptive rule, though it prints its choice, always adds the pseudocount (it sets
 * "Imputation" and then tests for "imputation"): its behaviour is
 * `{ winsorQuantile: 0.97, zeroHandling: "pseudocount" }` here.
 *
 * 1. Numeric formula variables are z-scored (LinDA's `scale()`; `input.standardizedDesign`), so a
 *    numeric term's log2 fold change is per standard deviation.
 * 2. Optional winsorisation (`winsor.quan`, off by default in LinDA 0.2.0): with P_ij = Y_ij / N_i,
 *    P_ij is capped at the type-7 quantile `winsorQuantile` of taxon j over samples and
 *    Y_ij = round(P_ij N_i) (R `round`: half to even).
 * 3. Zero handling, only when the table has a zero (else the counts are used as they are):
 *    - "adaptive" (default, `adaptive = TRUE`): regress log N on the design; if any non-intercept
 *      coefficient has p <= `depthCorrelationCutoff` (`corr.cut`, 0.1), impute, else pseudocount;
 *    - "pseudocount": Y + `pseudocount` (`pseudo.cnt`, 0.5) on every cell;
 *    - "imputation": a zero of taxon j in sample i becomes N_i / max{N_k : Y_kj = 0}.
 * 4. W = CLR(Y) in log2 units; per taxon OLS W_j = X b_j + e_j (df = n - p).
 * 5. Bias of each tested column c: the mode of {b_jc}, as LinDA `mlv(sqrt(n) b, method =
 *    "meanshift", kernel = "gaussian") / sqrt(n)` (kernel-mode.ts). `mode: "global"` (a departure,
 *    not the default) uses the global kernel-density maximum instead of the mean shift from the
 *    shorth.
 * 6. log2FoldChange = b_jc - bias, t = log2FoldChange / se_jc, p = 2 P(T_{n-p} > |t|), q = BH
 *    (`p.adj.method = "BH"`) across taxa per column.
 * Output is already on the log2 scale. Differences from `linda()`: taxa are filtered by the shared
 * prevalence rule (prepare.ts; equal to `prev.cut = minPrevalence` for n >= 20, LinDA's own
 * default is 0); a sample with no counts in the kept taxa is kept with a warning (LinDA drops it);
 * no mixed models.
 */
import { InputError } from "../errors.js";
import { pStudentTTwoSided } from "../stats/distributions/student-t.js";
import { quantileSorted } from "../stats/descriptive.js";
import { globalKernelMode, meanShiftMode } from "./kernel-mode.js";
import { clrRowsInPlace } from "./log-ratio.js";
import type { DaInput } from "./prepare.js";
import { columnRows, emptyEstimates, setWaldTest } from "./result-rows.js";
import { coefficientSe, fitSharedDesign, sharedDesignSolver } from "./shared-design-ols.js";
import type { DaMethodResult, DaMethodSummary, DaRow } from "./types.js";

/** How LinDA handles zeros: its adaptive rule (default), a pseudocount, or depth-based imputation. */
export type LindaZeroHandling = "adaptive" | "pseudocount" | "imputation";

/** Options of {@link linda}; defaults are LinDA 0.2.0 `linda()`'s. */
export interface LindaOptions {
  /** Default "adaptive" (LinDA `adaptive = TRUE`). */
  zeroHandling?: LindaZeroHandling;
  /** Pseudocount added when the pseudocount approach is used (default 0.5). */
  pseudocount?: number;
  /** p-value cutoff (p <= cutoff) of the depth-covariate test in "adaptive" mode (default 0.1). */
  depthCorrelationCutoff?: number;
  /** Winsorisation quantile (LinDA `winsor.quan`; default none; MicrobiomeStat `linda()`: 0.97). */
  winsorQuantile?: number;
  /** Bias estimator: "meanshift" (default, LinDA/modeest) or "global" (global density maximum). */
  mode?: "meanshift" | "global";
}

export const LINDA_REFERENCE =
  "Zhou H et al. (2022) Genome Biol 23:95, doi:10.1186/s13059-022-02655-5; LinDA 0.2.0 linda() defaults";

/**
 * LinDA: linear models on log2-CLR with a correction of the compositional bias by the mode of the
 * coefficients (Zhou et al. 2022, Genome Biol 23:95, doi:10.1186/s13059-022-02655-5), equal by
 * default to LinDA 0.2.0 `linda()`.
 * @throws {InputError} `out_of_range` (winsorQuantile outside (0, 1], or another option out of range).
 * @throws {NumericalError} when the design is singular.
 */
export function linda(input: DaInput, options: LindaOptions = {}): DaMethodResult {
  const { nSamples: n, nTaxa: m } = input;
  const pseudocount = options.pseudocount ?? 0.5;
  const cutoff = options.depthCorrelationCutoff ?? 0.1;
  const mode = options.mode ?? "meanshift";
  if (options.winsorQuantile !== undefined && !(options.winsorQuantile > 0 && options.winsorQuantile <= 1)) {
    throw InputError.single({
      code: "out_of_range",
      message: `linda winsorQuantile must be in (0, 1], got ${options.winsorQuantile}`,
      key: "winsor_quantile",
    });
  }
  const design = input.standardizedDesign;
  const solver = sharedDesignSolver(design);
  const counts =
    options.winsorQuantile === undefined
      ? input.counts
      : winsorize(input.counts, n, m, options.winsorQuantile);
  let zero: LindaZeroHandling | "none" = counts.includes(0) ? (options.zeroHandling ?? "adaptive") : "none";
  if (zero === "adaptive")
    zero = depthConfounded(counts, n, m, solver, cutoff) ? "imputation" : "pseudocount";
  const y =
    zero === "imputation"
      ? imputeZeros(counts, n, m)
      : counts.map((v) => (zero === "pseudocount" ? v + pseudocount : v));
  clrRowsInPlace(y, n, m);
  const fit = fitSharedDesign(solver, y, m);
  const rows: DaRow[] = [];
  const biases: number[] = [];
  let degenerate = 0;
  input.termColumns.forEach((c, t) => {
    const est = emptyEstimates(m);
    const beta = fit.coef.subarray(c * m, (c + 1) * m);
    const bias = mode === "global" ? globalKernelMode(beta) : meanShiftBias(beta, n);
    biases.push(bias);
    for (let j = 0; j < m; j++) {
      est.estimate[j] = beta[j]! - bias;
      est.se[j] = coefficientSe(solver, fit, c, j);
      if (setWaldTest(est, j, (s) => pStudentTTwoSided(s, solver.df))) degenerate++;
    }
    rows.push(...columnRows(input, "linda", t, est));
  });
  const warnings =
    degenerate > 0 ? [`linda: ${degenerate} taxon-term fit(s) had zero residual variance (p = 1)`] : [];
  return {
    rows,
    summary: lindaSummary(
      {
        zeroHandling: zero,
        pseudocount,
        winsorQuantile: options.winsorQuantile ?? "none",
        mode,
        standardize: true,
        df: solver.df,
        bias: biasText(biases),
      },
      zeroHandlingText(zero, pseudocount),
      m,
      warnings,
    ),
  };
}

/**
 * The summary of a LinDA fit (fixed-effects or mixed form): the method's name and reference with
 * the form's own parameters, its zero handling in words, the number of taxa tested and warnings.
 */
export function lindaSummary(
  parameters: DaMethodSummary["parameters"],
  zeroHandling: string,
  taxaTested: number,
  warnings: string[],
): DaMethodSummary {
  return { method: "linda", reference: LINDA_REFERENCE, parameters, zeroHandling, taxaTested, warnings };
}

/** The per-column biases as the summary records them (6 significant digits, comma-separated). */
export const biasText = (biases: readonly number[]): string => biases.map((b) => b.toPrecision(6)).join(",");

/**
 * LinDA 0.2.0's bias of one coefficient column: mlv(sqrt(n) b, method = "meanshift", kernel =
 * "gaussian") / sqrt(n), the Gaussian-kernel mode of the coefficients over taxa (kernel-mode.ts).
 */
export function meanShiftBias(beta: ArrayLike<number>, n: number): number {
  const rootN = Math.sqrt(n);
  return meanShiftMode(Float64Array.from(beta, (b) => rootN * b)) / rootN;
}

/** The zero handling of a LinDA fit in words (the summary's `zeroHandling`). */
export function zeroHandlingText(zero: LindaZeroHandling | "none", pseudocount: number): string {
  if (zero === "imputation")
    return "zeros imputed as N_i / max depth among the taxon's zero samples (depth associated with the design)";
  if (zero === "none") return "no zeros: counts used as they are";
  return `pseudocount ${pseudocount} added to every count`;
}

/** Sample totals of an n x m row-major matrix. */
export function rowTotals(counts: Float64Array, n: number, m: number): Float64Array {
  const depth = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) depth[i]! += counts[i * m + j]!;
  return depth;
}

/** LinDA's adaptive rule: is log depth associated (p <= cutoff) with any non-intercept column? */
function depthConfounded(
  counts: Float64Array,
  n: number,
  m: number,
  solver: ReturnType<typeof sharedDesignSolver>,
  cutoff: number,
): boolean {
  const logDepth = rowTotals(counts, n, m).map(Math.log);
  const fit = fitSharedDesign(solver, logDepth, 1);
  for (let c = 1; c < solver.p; c++) {
    const se = coefficientSe(solver, fit, c, 0);
    if (se > 0 && pStudentTTwoSided(fit.coef[c]! / se, solver.df) <= cutoff) return true;
  }
  return false;
}

/** LinDA imputation: zero (i, j) -> N_i / max{N_k : counts_kj = 0}; other counts unchanged. */
export function imputeZeros(counts: Float64Array, n: number, m: number): Float64Array {
  const depth = rowTotals(counts, n, m);
  const maxZeroDepth = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++)
      if (counts[i * m + j] === 0 && depth[i]! > maxZeroDepth[j]!) maxZeroDepth[j] = depth[i]!;
  }
  const y = new Float64Array(counts.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const v = counts[i * m + j]!;
      y[i * m + j] = v > 0 ? v : depth[i]! / maxZeroDepth[j]!;
    }
  }
  return y;
}

/** LinDA `winsor.fun`: cap each taxon's proportions at their `quantile`, back to rounded counts. */
function winsorize(counts: Float64Array, n: number, m: number, quantile: number): Float64Array {
  const depth = rowTotals(counts, n, m);
  const y = new Float64Array(counts.length);
  const column = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) column[i] = counts[i * m + j]! / depth[i]!;
    const cut = quantileSorted(Float64Array.from(column).sort(), quantile);
    for (let i = 0; i < n; i++) y[i * m + j] = roundHalfEven(Math.min(column[i]!, cut) * depth[i]!);
  }
  return y;
}

/** R `round(x)`: to the nearest integer, halves to even (IEC 60559). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
