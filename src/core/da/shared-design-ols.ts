/**
 * Ordinary least squares for many responses that share one design matrix (one model per taxon):
 *
 *   B = (X'X)^-1 X' Y,   sigma2_j = RSS_j / (n - p),   se(B_cj) = sqrt(sigma2_j [(X'X)^-1]_cc)
 *
 * X'X is factorised once (Cholesky), H = (X'X)^-1 X' is formed once (p x n), and every response
 * costs 2np multiply-adds. This is the DA hot path (LinDA, MaAsLin, ALDEx2's per-instance model:
 * thousands of taxa x up to hundreds of Monte Carlo instances); `ols` in src/core/stats is the
 * general single-response fit and the slow twin these results are tested against.
 *
 * Memory layout: X is n x p row-major, Y is n x m row-major (one row per sample, one column per
 * taxon), so the inner loops run over taxa contiguously:
 *
 *   Y  [ y_11 y_12 ... y_1m | y_21 ... ]     B  [ b_11 ... b_1m | b_21 ... b_2m | ... ]  (p x m)
 *
 * Edge cases: a rank-deficient design (a column that is a linear combination of the others) throws
 * NumericalError naming the column; n <= p throws NumericalError (no residual degrees of freedom).
 * A constant response gives se = 0 and a NaN t statistic that callers report as p = 1 (see
 * `tStatistic`).
 * Reference: Golub GH, Van Loan CF (2013) Matrix Computations, 4th ed., §5.3 (normal equations).
 */
import { NumericalError } from "../errors.js";

export interface Design {
  nRows: number;
  nCols: number;
  /** Row-major nRows x nCols. */
  x: Float64Array;
  columnNames?: readonly string[];
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

/**
 * Inverse of a symmetric positive-definite p x p matrix by Cholesky decomposition. Returns the
 * index of the first pivot that is not positive (relative to the diagonal) instead when the matrix
 * is singular.
 */
export function choleskyInverse(a: Float64Array, p: number): Float64Array | number {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]!;
    for (let k = 0; k < j; k++) d -= l[j * p + k]! ** 2;
    if (!(d > 1e-10 * Math.max(1, Math.abs(a[j * p + j]!)))) return j;
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = s / ljj;
    }
  }
  // inverse of L (lower triangular), then A^-1 = L^-T L^-1
  const li = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    li[j * p + j] = 1 / l[j * p + j]!;
    for (let i = j + 1; i < p; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * p + k]! * li[k * p + j]!;
      li[i * p + j] = s / l[i * p + i]!;
    }
  }
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += li[k * p + i]! * li[k * p + j]!;
      inv[i * p + j] = s;
      inv[j * p + i] = s;
    }
  }
  return inv;
}

/** X'X of a row-major design, optionally with 0/1 row weights. */
export function crossProduct(
  x: Float64Array,
  n: number,
  p: number,
  weight?: ArrayLike<number>,
): Float64Array {
  const xtx = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const w = weight === undefined ? 1 : weight[i]!;
    if (w === 0) continue;
    for (let a = 0; a < p; a++) {
      const xa = x[i * p + a]! * w;
      for (let b = 0; b <= a; b++) xtx[a * p + b]! += xa * x[i * p + b]!;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtx[b * p + a] = xtx[a * p + b]!;
  return xtx;
}

/** Factorises a design once for `fitSharedDesign`. */
export function sharedDesignSolver(design: Design): SharedDesignSolver {
  const { nRows: n, nCols: p, x } = design;
  if (n <= p) throw new NumericalError(`the model has ${p} coefficients but only ${n} samples`);
  const xtxInv = choleskyInverse(crossProduct(x, n, p), p);
  if (typeof xtxInv === "number") {
    const name = design.columnNames?.[xtxInv] ?? `column ${xtxInv + 1}`;
    throw new NumericalError(
      `the design is rank deficient: '${name}' is a linear combination of other columns`,
    );
  }
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
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let c = 0; c < p; c++) {
      const hci = h[c * n + i]!;
      const base = c * m;
      for (let j = 0; j < m; j++) coef[base + j]! += hci * y[row + j]!;
    }
  }
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) {
      let fitted = 0;
      for (let c = 0; c < p; c++) fitted += x[i * p + c]! * coef[c * m + j]!;
      const r = y[row + j]! - fitted;
      sigma2[j]! += r * r;
    }
  }
  for (let j = 0; j < m; j++) sigma2[j]! /= df;
  return { coef, sigma2 };
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
