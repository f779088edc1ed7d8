/**
 * Ordinary least squares for many responses that share one design matrix (one model per taxon):
 *
 *   B = (X'X)^-1 X' Y,   sigma2_j = RSS_j / (n - p),   se(B_cj) = sqrt(sigma2_j [(X'X)^-1]_cc)
 *
 * X is factorised once (Householder QR of src/core/stats/qr.ts, which also detects aliased
 * columns), H = (X'X)^-1 X' is formed once (p x n), and every response
 * costs 2np multiply-adds (in WebAssembly SIMD, two responses at a time, where there is one:
 * shared-design-simd.ts, the same bytes). This is the DA hot path (LinDA, MaAsLin, ALDEx2's per-instance model:
 * thousands of taxa x up to hundreds of Monte Carlo instances); `ols` in src/core/stats is the
 * general single-response fit and the slow twin these results are tested against.
 *
 * Memory layout: X is n x p row-major, Y is n x m row-major (one row per sample, one column per
 * taxon), so the inner loops run over taxa contiguously:
 *
 *   Y  [ y_11 y_12 ... y_1m | y_21 ... ]     B  [ b_11 ... b_1m | b_21 ... b_2m | ... ]  (p x m)
 *
 * Edge cases: a rank-deficient design (a column that is a linear combination of the others) throws
 * NumericalError naming the column; n <= p throws InputError (no residual degrees of freedom).
 * A response fitted exactly gives se = 0; callers report statistic 0 and p = 1 (`setWaldTest`).
 * Reference: Golub GH, Van Loan CF (2013) Matrix Computations, 4th ed., §5.3 (normal equations).
 */
import { checkResidualDf } from "../stats/ols.js";
import { householderQr, qrUnscaledCovariance } from "../stats/qr.js";
import { fitSharedDesignSimd, type SharedDesignSums } from "./shared-design-simd.js";

export interface Design {
  nRows: number;
  nCols: number;
  /** Row-major nRows x nCols. */
  x: Float64Array;
  columnNames: readonly string[];
}

export interface SharedDesignSolver {
  n: number;
  p: number;
  /** Residual degrees of freedom n - p. */
  df: number;
  x: Float64Array;
  /** (X'X)^-1, p x p. */
  xtxInv: Float64Array;
  /** (X'X)^-1 X', p x n. */
  h: Float64Array;
}

export interface SharedDesignFit {
  /** p x m coefficients, row-major (coefficient c of response j at c * m + j). */
  coef: Float64Array;
  /** Residual variance of each response. */
  sigma2: Float64Array;
}

/** Factorises a design once for `fitSharedDesign`. */
export function sharedDesignSolver(design: Design): SharedDesignSolver {
  const { nRows: n, nCols: p, x } = design;
  checkResidualDf(n, p);
  const xtxInv = qrUnscaledCovariance(householderQr(x, n, p, design.columnNames));
  const h = new Float64Array(p * n);
  for (let c = 0; c < p; c++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += xtxInv[c * p + k]! * x[i * p + k]!;
      h[c * n + i] = s;
    }
  }
  return { n, p, df: n - p, x, xtxInv, h };
}

/** Fits every column of Y (n x m, row-major). `out` buffers are reused when given. */
export function fitSharedDesign(
  solver: SharedDesignSolver,
  y: Float64Array,
  m: number,
  out?: SharedDesignFit,
): SharedDesignFit {
  const { n, p, x, h, df } = solver;
  const coef = out?.coef ?? new Float64Array(p * m);
  const sigma2 = out?.sigma2 ?? new Float64Array(m);
  coef.fill(0);
  sigma2.fill(0);
  const sums: SharedDesignSums = { h, x, y, n, p, m, coef, sigma2 };
  if (!fitSharedDesignSimd(sums)) sharedDesignLoops(sums);
  for (let j = 0; j < m; j++) sigma2[j]! /= df;
  return { coef, sigma2 };
}

/**
 * The coefficients B += H Y and the residual sums of squares of every response, added to `coef`
 * and `sigma2`: the TypeScript loops that shared-design-simd.ts runs two taxa at a time (the same
 * bytes), and where WebAssembly SIMD is missing.
 */
export function sharedDesignLoops({ h, x, y, n, p, m, coef, sigma2 }: SharedDesignSums): void {
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let c = 0; c < p; c++) {
      const hci = h[c * n + i]!;
      const base = c * m;
      for (let j = 0; j < m; j++) coef[base + j]! += hci * y[row + j]!;
    }
  }
  // residuals row by row, the fitted values of all m responses summed over c in the same order
  // (0 + x_i0 b_0j + x_i1 b_1j + ...) as one response at a time, but along contiguous rows of B
  const fitted = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    fitted.fill(0);
    for (let c = 0; c < p; c++) {
      const xic = x[i * p + c]!;
      const base = c * m;
      for (let j = 0; j < m; j++) fitted[j]! += xic * coef[base + j]!;
    }
    for (let j = 0; j < m; j++) {
      const r = y[row + j]! - fitted[j]!;
      sigma2[j]! += r * r;
    }
  }
}

/** Standard error of coefficient c of response j. */
export function coefficientSe(
  solver: SharedDesignSolver,
  fit: SharedDesignFit,
  c: number,
  j: number,
): number {
  return Math.sqrt(fit.sigma2[j]! * solver.xtxInv[c * solver.p + c]!);
}
