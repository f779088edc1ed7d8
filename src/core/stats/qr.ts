/**
 * Householder QR decomposition X = QR of an n x p matrix (n >= p) with rank-deficiency detection,
 * least-squares solve and (R'R)^{-1}, shared by OLS and the IRLS fits of GLMs.
 *
 * Step j reflects column j below the diagonal onto e_j: v = x - alpha e_1, alpha = -sign(x_1)||x||,
 * H = I - 2 v v' / (v'v), applied to the remaining columns. Column j is declared aliased (linearly
 * dependent on columns 0..j-1) when the norm of its part orthogonal to them, ||x_{j:n}||, falls below
 * tol x its original norm, tol = 1e-7 — the criterion of R's LINPACK `dqrdc2` used by `lm` (R then
 * pivots the column out and reports an NA coefficient; we raise NumericalError naming it).
 *
 * Memory layout: `a` is column-major (column j at a[j*n .. j*n+n)); after the decomposition its
 * upper triangle holds R (off-diagonal) and the rows j+1..n of column j hold v (v_j kept in `v0`).
 *
 * Reference: Golub GH, Van Loan CF (2013) Matrix Computations, 4th ed., §5.1–5.2. ISBN 978-1421407944.
 */

import { NumericalError } from "../errors.js";

export interface QrDecomposition {
  n: number;
  p: number;
  a: Float64Array;
  /** First component of each Householder vector. */
  v0: Float64Array;
  /** Diagonal of R. */
  rDiag: Float64Array;
  /** v'v of each Householder vector. */
  vtv: Float64Array;
}

export const ALIAS_TOLERANCE = 1e-7;

/** Decomposes the row-major n x p matrix `x`; throws NumericalError naming the first aliased column (tolerance `tol`). */
export function householderQr(
  x: Float64Array,
  n: number,
  p: number,
  columnNames: readonly string[],
  tol = ALIAS_TOLERANCE,
): QrDecomposition {
  const a = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) a[j * n + i] = x[i * p + j]!;
  const v0 = new Float64Array(p);
  const rDiag = new Float64Array(p);
  const vtvs = new Float64Array(p);
  const norm0 = new Float64Array(p);
  for (let j = 0; j < p; j++) norm0[j] = columnNorm(a, j * n, n);
  for (let j = 0; j < p; j++) {
    const col = j * n;
    const norm = columnNorm(a, col + j, n - j);
    if (!(norm > tol * norm0[j]!) || norm0[j] === 0) {
      throw new NumericalError(
        `design column '${columnNames[j] ?? j}' is aliased: it is a linear combination of the columns before it (or constant zero), so its coefficient is not estimable; remove it or the term it belongs to`,
      );
    }
    const x0 = a[col + j]!;
    const alpha = x0 > 0 ? -norm : norm;
    v0[j] = x0 - alpha;
    rDiag[j] = alpha;
    // v'v = (x0 - alpha)^2 + sum_{i>j} x_i^2 = 2 norm (norm + |x0|).
    const vtv = 2 * norm * (norm + Math.abs(x0));
    vtvs[j] = vtv;
    for (let k = j + 1; k < p; k++) reflect(a, col, j, v0[j]!, vtv, a, k * n, n);
  }
  return { n, p, a, v0, rDiag, vtv: vtvs };
}

function columnNorm(a: Float64Array, start: number, len: number): number {
  let scale = 0;
  for (let i = 0; i < len; i++) scale = Math.max(scale, Math.abs(a[start + i]!));
  if (scale === 0) return 0;
  let s = 0;
  for (let i = 0; i < len; i++) {
    const v = a[start + i]! / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/** Applies H_j (vector in column `col` of `a`, rows j..n) to target[tStart + j .. tStart + n). */
function reflect(
  a: Float64Array,
  col: number,
  j: number,
  v0: number,
  vtv: number,
  target: Float64Array,
  tStart: number,
  n: number,
): void {
  let s = v0 * target[tStart + j]!;
  for (let i = j + 1; i < n; i++) s += a[col + i]! * target[tStart + i]!;
  const f = (2 * s) / vtv;
  target[tStart + j]! -= f * v0;
  for (let i = j + 1; i < n; i++) target[tStart + i]! -= f * a[col + i]!;
}

/** Q'y (length n): the first p entries are the "effects" of the columns, the rest the residual part. */
export function qrQty(qr: QrDecomposition, y: ArrayLike<number>): Float64Array {
  const qty = Float64Array.from(y);
  for (let j = 0; j < qr.p; j++) reflect(qr.a, j * qr.n, j, qr.v0[j]!, qr.vtv[j]!, qty, 0, qr.n);
  return qty;
}

/** Least-squares coefficients b minimising ||y - Xb||: back-substitution R b = (Q'y)_{1..p}. */
export function qrSolve(qr: QrDecomposition, y: ArrayLike<number>): Float64Array {
  const qty = qrQty(qr, y);
  const { n, p, a, rDiag } = qr;
  const b = new Float64Array(p);
  for (let j = p - 1; j >= 0; j--) {
    let s = qty[j]!;
    for (let k = j + 1; k < p; k++) s -= a[k * n + j]! * b[k]!;
    b[j] = s / rDiag[j]!;
  }
  return b;
}

/** (X'X)^{-1} = R^{-1} R^{-T}, row-major p x p. */
export function qrUnscaledCovariance(qr: QrDecomposition): Float64Array {
  const { n, p, a, rDiag } = qr;
  // rInv: upper triangular inverse of R, row-major.
  const rInv = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    rInv[j * p + j] = 1 / rDiag[j]!;
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += a[k * n + i]! * rInv[k * p + j]!;
      rInv[i * p + j] = -s / rDiag[i]!;
    }
  }
  const cov = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let k = j; k < p; k++) s += rInv[i * p + k]! * rInv[j * p + k]!;
      cov[i * p + j] = s;
      cov[j * p + i] = s;
    }
  }
  return cov;
}
