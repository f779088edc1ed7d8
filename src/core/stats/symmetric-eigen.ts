/**
 * Eigenvalues (all) and leading eigenvectors (top k) of a real symmetric matrix, for PCoA:
 *
 *   1. Householder reduction A = Q T Q' to a symmetric tridiagonal T (d on the diagonal, e below),
 *      keeping the reflectors H_j = I - beta_j v_j v_j' (Q = H_0 H_1 ... H_{n-3});   ~(4/3) n^3
 *   2. all eigenvalues of T by the implicit QL algorithm with shifts (EISPACK tql1);  O(n^2)
 *   3. for each of the k largest eigenvalues, inverse iteration on T - lambda I (tridiagonal LU
 *      with partial pivoting), re-orthogonalised against earlier vectors of close eigenvalues
 *      (|lambda_i - lambda_j| < 1e-3 ||T||, as LAPACK dstein), then y = Q x;           O(k n^2)
 * So the top axes of a 1000 x 1000 matrix cost about one reduction, not a full decomposition.
 *
 * Memory layout: `a` row-major n x n (symmetric; copied, not modified). The working copy keeps the
 * reflector v_j in row j, columns j+1 .. n-1. Output `vectors` is column-major n x k: vector c at
 * vectors[c*n .. c*n + n - 1], unit length, sign fixed so that its largest-magnitude entry is > 0.
 * Eigenvalues are returned in descending order.
 *
 * Edge cases: n = 0 or k = 0 return empty arrays; QL not converging within 30 iterations per
 * eigenvalue throws NumericalError (not seen on symmetric input).
 * References: Golub GH, Van Loan CF (2013) Matrix Computations, 4th ed., sec. 8.3 (tridiagonal
 * reduction, symmetric QR) and 8.2.2 (inverse iteration). Johns Hopkins. ISBN 978-1-4214-0794-4;
 * Bowdler H, Martin RS, Reinsch C, Wilkinson JH (1968) The QR and QL algorithms for symmetric
 * matrices. Numer Math 11:293-306. doi:10.1007/BF02166681
 */
import { InputError, NumericalError } from "../errors.js";

/** Eigenvalues (all, descending) and the leading k unit eigenvectors of a symmetric n × n matrix. */
export interface SymmetricEigen {
  n: number;
  /** All n eigenvalues, descending. */
  values: Float64Array;
  /** Column-major n x k unit eigenvectors of values[0 .. k-1]. */
  vectors: Float64Array;
  k: number;
}

interface Tridiagonal {
  d: Float64Array;
  /** e[i] = T[i+1][i], length n - 1 (or 0). */
  e: Float64Array;
  /** Row j holds v_j in columns j+1 .. n-1. */
  reflectors: Float64Array;
  beta: Float64Array;
}

/**
 * All eigenvalues (descending) and the k leading unit eigenvectors of the symmetric n × n matrix `a`
 * (row-major, not modified): Householder tridiagonalisation, implicit QL, inverse iteration (module
 * header). `k`: how many leading eigenvectors to compute, or a function choosing it from the
 * eigenvalues (which are computed first).
 * @throws {InputError} `bad_argument` when `a` does not hold n × n entries.
 * @throws {NumericalError} when QL does not converge (30 iterations for one eigenvalue).
 */
export function symmetricEigen(
  a: ArrayLike<number>,
  n: number,
  k: number | ((values: Float64Array) => number) = n,
): SymmetricEigen {
  if (a.length !== n * n)
    throw InputError.single({ code: "bad_argument", message: `matrix must have ${n} x ${n} entries` });
  if (n === 0) return { n, values: new Float64Array(0), vectors: new Float64Array(0), k: 0 };
  const t = tridiagonalize(a, n);
  const eig = tridiagonalEigen(t.d, t.e, k);
  const column = (c: number) => eig.vectors.subarray(c * n, c * n + n);
  let c = 0;
  for (; c + 4 <= eig.k; c += 4)
    backTransformFour(t, n, column(c), column(c + 1), column(c + 2), column(c + 3));
  for (; c < eig.k; c++) backTransform(t, n, column(c));
  for (c = 0; c < eig.k; c++) fixSign(column(c));
  return eig;
}

/**
 * All eigenvalues (descending) and the top-k unit eigenvectors of the symmetric tridiagonal matrix
 * with diagonal `d` and sub-diagonal `e` (steps 2 and 3 above; also the Ritz step of Lanczos).
 */
export function tridiagonalEigen(
  d: Float64Array,
  e: Float64Array,
  k: number | ((values: Float64Array) => number),
): SymmetricEigen {
  const n = d.length;
  const values = tridiagonalEigenvalues(d, e);
  const kk = Math.max(0, Math.min(typeof k === "number" ? k : k(values), n));
  const vectors = new Float64Array(n * kk);
  const norm = values.reduce((m, x) => Math.max(m, Math.abs(x)), 0) || 1;
  for (let c = 0; c < kk; c++) {
    const x = vectors.subarray(c * n, c * n + n);
    inverseIteration(d, e, values[c]!, norm, x);
    for (let p = 0; p < c; p++) {
      if (Math.abs(values[p]! - values[c]!) < 1e-3 * norm) {
        orthogonalize(x, vectors.subarray(p * n, p * n + n));
      }
    }
    normalize(x);
  }
  return { n, values, vectors, k: kk };
}

function tridiagonalize(a: ArrayLike<number>, n: number): Tridiagonal {
  const w = Float64Array.from(a);
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(0, n - 1));
  const beta = new Float64Array(n);
  const p = new Float64Array(n);
  for (let j = 0; j < n - 2; j++) {
    const row = j * n;
    let norm2 = 0;
    for (let i = j + 1; i < n; i++) norm2 += w[row + i]! * w[row + i]!;
    const x0 = w[row + j + 1]!;
    const alpha = x0 > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    e[j] = alpha;
    const vv = norm2 - x0 * x0 + (x0 - alpha) * (x0 - alpha);
    if (norm2 === 0 || vv === 0) {
      e[j] = x0;
      beta[j] = 0;
      continue;
    }
    w[row + j + 1] = x0 - alpha; // v_j now sits in row j, columns j+1..n-1
    const b = 2 / vv;
    beta[j] = b;
    // p = b S v over the trailing block S = w[j+1.., j+1..]; K = b v'p / 2; q = p - K v
    let vp = 0;
    for (let r = j + 1; r < n; r++) {
      let s = 0;
      const rr = r * n;
      for (let c = j + 1; c < n; c++) s += w[rr + c]! * w[row + c]!;
      p[r] = b * s;
      vp += w[row + r]! * p[r]!;
    }
    const kk = (b * vp) / 2;
    for (let r = j + 1; r < n; r++) p[r]! -= kk * w[row + r]!;
    // S -= v q' + q v'
    for (let r = j + 1; r < n; r++) {
      const rr = r * n;
      const vr = w[row + r]!;
      const qr = p[r]!;
      for (let c = j + 1; c < n; c++) w[rr + c]! -= vr * p[c]! + qr * w[row + c]!;
    }
  }
  for (let i = 0; i < n; i++) d[i] = w[i * n + i]!;
  if (n >= 2) e[n - 2] = w[(n - 1) * n + (n - 2)]!;
  return { d, e, reflectors: w, beta };
}

/** tql1: implicit QL with shifts; returns the eigenvalues of (d, e), descending. */
function tridiagonalEigenvalues(diag: Float64Array, sub: Float64Array): Float64Array {
  const n = diag.length;
  const d = Float64Array.from(diag);
  const e = new Float64Array(n);
  e.set(sub);
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n && Math.abs(e[m]!) > eps * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 30) throw new NumericalError(`symmetric eigensolver: no convergence at eigenvalue ${l}`);
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l]! += f;
    e[l] = 0;
  }
  return d.sort().reverse();
}

/** Inverse iteration: x ~ eigenvector of the tridiagonal (d, e) for eigenvalue lambda. */
function inverseIteration(
  d: Float64Array,
  e: Float64Array,
  lambda: number,
  norm: number,
  x: Float64Array,
): void {
  const n = d.length;
  const tiny = 2 ** -52 * norm;
  // LU of T - lambda I with partial pivoting: U has up to two super-diagonals (u1, u2).
  const u0 = new Float64Array(n);
  const u1 = new Float64Array(n);
  const u2 = new Float64Array(n);
  const mult = new Float64Array(n);
  const swap = new Uint8Array(n);
  let curD = d[0]! - lambda;
  let curS = n > 1 ? e[0]! : 0;
  for (let i = 0; i < n - 1; i++) {
    const a = e[i]!;
    const b = d[i + 1]! - lambda;
    const c = i + 1 < n - 1 ? e[i + 1]! : 0;
    if (Math.abs(curD) >= Math.abs(a)) {
      const m = curD === 0 ? 0 : a / curD;
      u0[i] = curD === 0 ? tiny : curD;
      u1[i] = curS;
      mult[i] = m;
      curD = b - m * curS;
      curS = c;
    } else {
      const m = curD / a;
      u0[i] = a;
      u1[i] = b;
      u2[i] = c;
      mult[i] = m;
      swap[i] = 1;
      curD = curS - m * b;
      curS = -m * c;
    }
  }
  u0[n - 1] = curD === 0 ? tiny : curD;
  x.fill(1);
  for (let iter = 0; iter < 3; iter++) {
    for (let i = 0; i < n - 1; i++) {
      if (swap[i] === 1) {
        const t = x[i]!;
        x[i] = x[i + 1]!;
        x[i + 1] = t - mult[i]! * x[i]!;
      } else x[i + 1]! -= mult[i]! * x[i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i]!;
      if (i + 1 < n) s -= u1[i]! * x[i + 1]!;
      if (i + 2 < n) s -= u2[i]! * x[i + 2]!;
      x[i] = s / (Math.abs(u0[i]!) < tiny ? tiny : u0[i]!);
    }
    normalize(x);
  }
}

function normalize(x: Float64Array): void {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < x.length; i++) x[i]! *= inv;
}

function orthogonalize(x: Float64Array, against: Float64Array): void {
  let dot = 0;
  for (let i = 0; i < x.length; i++) dot += x[i]! * against[i]!;
  for (let i = 0; i < x.length; i++) x[i]! -= dot * against[i]!;
}

/** y = H_0 H_1 ... H_{n-3} x, in place. */
function backTransform(t: Tridiagonal, n: number, x: Float64Array): void {
  for (let j = n - 3; j >= 0; j--) {
    const b = t.beta[j]!;
    if (b === 0) continue;
    const row = j * n;
    let dot = 0;
    for (let i = j + 1; i < n; i++) dot += t.reflectors[row + i]! * x[i]!;
    const s = b * dot;
    for (let i = j + 1; i < n; i++) x[i]! -= s * t.reflectors[row + i]!;
  }
}

/**
 * backTransform of four vectors at once: each reflector is read once for the four (the same
 * operations in the same order per vector, so the same bytes as four separate calls).
 */
function backTransformFour(
  t: Tridiagonal,
  n: number,
  x0: Float64Array,
  x1: Float64Array,
  x2: Float64Array,
  x3: Float64Array,
): void {
  const r = t.reflectors;
  for (let j = n - 3; j >= 0; j--) {
    const b = t.beta[j]!;
    if (b === 0) continue;
    const row = j * n;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    for (let i = j + 1; i < n; i++) {
      const v = r[row + i]!;
      d0 += v * x0[i]!;
      d1 += v * x1[i]!;
      d2 += v * x2[i]!;
      d3 += v * x3[i]!;
    }
    const s0 = b * d0;
    const s1 = b * d1;
    const s2 = b * d2;
    const s3 = b * d3;
    for (let i = j + 1; i < n; i++) {
      const v = r[row + i]!;
      x0[i]! -= s0 * v;
      x1[i]! -= s1 * v;
      x2[i]! -= s2 * v;
      x3[i]! -= s3 * v;
    }
  }
}

/** Makes the largest-magnitude entry positive (the sign convention of every eigenvector here). */
export function fixSign(x: Float64Array): void {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (Math.abs(x[i]!) > Math.abs(x[best]!)) best = i;
  if (x[best]! < 0) for (let i = 0; i < x.length; i++) x[i] = -x[i]!;
}
