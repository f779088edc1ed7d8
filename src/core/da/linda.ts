/**
 * LinDA: linear models for differential abundance on CLR-transformed data, with a correction of
 * the compositional bias (Zhou H, He K, Chen J, Zhang X (2022) LinDA: linear models for
 * differential abundance analysis of microbiome compositional data. Genome Biol 23:95,
 * doi:10.1186/s13059-022-02655-5), as MicrobiomeStat `linda()` with fixed effects only.
 *
 * 1. Zero handling (`zeroHandling`, default "adaptive" as linda(adaptive = TRUE)):
 *    - "pseudocount": Y = counts + 0.5;
 *    - "imputation": a zero of taxon j in sample i becomes N_i / max{N_k : Y_kj = 0}, i.e. a
 *      pseudocount proportional to the sample's depth N_i (at most 1);
 *    - "adaptive": regress log N on the design; if any non-intercept coefficient has p < 0.1
 *      (depth confounded with a covariate), use imputation, else the pseudocount.
 * 2. W = CLR(Y) in log2 units (log2 Y_ij - mean_j log2 Y_ij).
 * 3. Per taxon OLS W_j = X b_j + e_j: estimate b_jc, se_jc (shared design, df = n - p).
 * 4. Bias: under the compositional model every CLR coefficient carries the same offset
 *    -mean_k(true b_kc); most taxa are null, so the offset is the mode of {b_jc}. LinDA estimates it
 *    with a Gaussian-kernel mode (see kernel-mode.ts) and reports b_jc - mode.
 * 5. t = (b_jc - mode) / se_jc, p = 2 P(T_{n-p} > |t|) (the mode's variance is ignored, as in the
 *    paper: it is O(1/m) of a taxon's variance), q = BH across taxa per coefficient.
 * Output is already on the log2 scale (no conversion). Not implemented: mixed models (random
 * effects) and winsorisation (linda's `winsor.quan`, off by default there too).
 */
import { pStudentTTwoSided } from "../stats/distributions/student-t.js";
import { kernelDensityMode } from "./kernel-mode.js";
import { clrRowsInPlace } from "./log-ratio.js";
import type { DaInput } from "./prepare.js";
import { columnRows, emptyEstimates, setWaldTest } from "./result-rows.js";
import { coefficientSe, fitSharedDesign, sharedDesignSolver } from "./shared-design-ols.js";
import type { DaMethodResult, DaRow } from "./types.js";

export type LindaZeroHandling = "adaptive" | "pseudocount" | "imputation";

export interface LindaOptions {
  zeroHandling?: LindaZeroHandling;
  /** Pseudocount for "pseudocount" (default 0.5). */
  pseudocount?: number;
  /** p-value threshold of the depth-covariate test in "adaptive" mode (default 0.1). */
  depthCorrelationCutoff?: number;
}

export const LINDA_REFERENCE = "Zhou H et al. (2022) Genome Biol 23:95, doi:10.1186/s13059-022-02655-5";

export function linda(input: DaInput, options: LindaOptions = {}): DaMethodResult {
  const { nSamples: n, nTaxa: m, counts } = input;
  const pseudocount = options.pseudocount ?? 0.5;
  const cutoff = options.depthCorrelationCutoff ?? 0.1;
  const solver = sharedDesignSolver(input.design);
  let zero = options.zeroHandling ?? "adaptive";
  if (zero === "adaptive") zero = depthConfounded(input, solver, cutoff) ? "imputation" : "pseudocount";
  const y = zero === "imputation" ? imputeZeros(counts, n, m) : counts.map((v) => v + pseudocount);
  clrRowsInPlace(y, n, m);
  const fit = fitSharedDesign(solver, y, m);
  const rows: DaRow[] = [];
  const biases: number[] = [];
  let degenerate = 0;
  input.termColumns.forEach((c, t) => {
    const est = emptyEstimates(m);
    const beta = fit.coef.subarray(c * m, (c + 1) * m);
    const bias = kernelDensityMode(beta);
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
    summary: {
      method: "linda",
      reference: LINDA_REFERENCE,
      parameters: {
        zeroHandling: zero,
        pseudocount,
        df: solver.df,
        bias: biases.map((b) => b.toPrecision(6)).join(","),
      },
      zeroHandling:
        zero === "imputation"
          ? "zeros imputed as N_i / max depth among the taxon's zero samples (depth confounded with the design)"
          : `pseudocount ${pseudocount} added to every count`,
      taxaTested: m,
      warnings,
    },
  };
}

/** LinDA's adaptive rule: is log depth associated (p < cutoff) with any non-intercept column? */
function depthConfounded(
  input: DaInput,
  solver: ReturnType<typeof sharedDesignSolver>,
  cutoff: number,
): boolean {
  const { nSamples: n, nTaxa: m, counts, design } = input;
  const logDepth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += counts[i * m + j]!;
    logDepth[i] = Math.log(s);
  }
  const fit = fitSharedDesign(solver, logDepth, 1);
  for (let c = design.intercept ? 1 : 0; c < design.nCols; c++) {
    const se = coefficientSe(solver, fit, c, 0);
    if (se > 0 && pStudentTTwoSided(fit.coef[c]! / se, solver.df) < cutoff) return true;
  }
  return false;
}

/** LinDA imputation: zero (i, j) -> N_i / max{N_k : counts_kj = 0}; other counts unchanged. */
export function imputeZeros(counts: Float64Array, n: number, m: number): Float64Array {
  const depth = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) depth[i]! += counts[i * m + j]!;
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
