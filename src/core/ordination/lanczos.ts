/**
 * The k largest eigenvalues and their eigenvectors of a large symmetric matrix B known only through
 * the product x -> Bx: the Lanczos method with full re-orthogonalisation.
 *
 *   q_1 random unit vector;  w = B q_j - alpha_j q_j - beta_{j-1} q_{j-1},  alpha_j = q_j' B q_j,
 *   w re-orthogonalised against q_1 .. q_j (classical Gram-Schmidt, gram-schmidt.ts, in
 *   WebAssembly SIMD where it exists; repeated when the pass shortens w below 1/sqrt(2) of its
 *   length: Daniel et al. 1976, doi:10.1090/S0025-5718-1976-0431641-8),
 *   beta_j = |w|, q_{j+1} = w / beta_j.
 * After m steps Q_m' B Q_m = T_m (tridiagonal alpha, beta); for an eigenpair (theta, s) of T_m the
 * Ritz pair (theta, Q_m s) has residual |B Q_m s - theta Q_m s| = beta_m |s_m| (Golub & Van Loan
 * 2013, sec. 10.1.4). We stop when the k largest Ritz pairs all have residual
 * <= tolerance * max|theta| (default 1e-13: eigenvector error <= residual / gap, eigenvalue error
 * <= residual^2 / gap; a rule derived from the 1e-9 promise is not looser on flat spectra, whose
 * gaps are small: docs/PERFORMANCE.md), or after n steps (then T_n is similar to B and the result
 * is exact). Cost: one product per step plus O(m n) per step for the re-orthogonalisation; steps
 * are typically a few times k for a matrix with a decaying spectrum, instead of the O(n^3) full
 * reduction.
 *
 * Breakdown (beta_j ~ 0: an invariant subspace was found) restarts from a new random vector
 * orthogonal to all q, so eigenvalues of multiplicity > 1 are still found. The start vector comes
 * from the seeded RNG: same input, same bytes. Eigenvectors are unit length with the sign
 * convention of symmetric-eigen.ts (largest-magnitude entry positive).
 * References: Lanczos C (1950) J Res Natl Bur Stand 45:255-282. doi:10.6028/jres.045.026;
 * Golub GH, Van Loan CF (2013) Matrix Computations, 4th ed., ch. 10. ISBN 978-1-4214-0794-4;
 * Parlett BN (1998) The Symmetric Eigenvalue Problem. SIAM. doi:10.1137/1.9781611971163
 */
import { createRng } from "../random/rng.js";
import { fixSign, tridiagonalEigen } from "../stats/symmetric-eigen.js";
import { type GramSchmidt, gramSchmidt } from "./gram-schmidt.js";

/** The k leading eigenpairs of a symmetric matrix, from {@link lanczosTopEigen}. */
export interface TopEigen {
  /** The k largest eigenvalues, descending. */
  values: Float64Array;
  /** Column-major n x k unit eigenvectors. */
  vectors: Float64Array;
  /** Lanczos steps taken (products with B). */
  steps: number;
}

/** Options of {@link lanczosTopEigen}. */
export interface LanczosOptions {
  /** Stop when every returned Ritz pair has residual <= tolerance * max|eigenvalue|. */
  tolerance?: number;
  /** Seed of the random start vector. */
  seed?: number;
}

/** How often (in steps) the Ritz values are checked for convergence. */
const CHECK_EVERY = 5;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * w -= Q (Q'w) by classical Gram-Schmidt (gram-schmidt.ts), repeated once when the pass shortened w
 * below 1/sqrt(2) of its length (the Daniel–Gragg–Kaufman–Stewart criterion; "twice is enough").
 */
function reorthogonalize(w: Float64Array, basis: GramSchmidt): void {
  for (let pass = 0; pass < 2; pass++) {
    const before = dot(w, w);
    basis.project(w);
    if (dot(w, w) >= 0.5 * before) return;
  }
}

/**
 * The k largest eigenvalues (descending) and unit eigenvectors of the symmetric n × n matrix given
 * by its product x -> Bx, by Lanczos with full re-orthogonalisation (module header; Lanczos 1950,
 * doi:10.6028/jres.045.026).
 */
export function lanczosTopEigen(
  apply: (x: Float64Array, out: Float64Array) => void,
  n: number,
  k: number,
  options: LanczosOptions = {},
): TopEigen {
  const kk = Math.max(0, Math.min(k, n));
  const tolerance = options.tolerance ?? 1e-13;
  const rng = createRng(options.seed ?? 20260101);
  const basis = gramSchmidt(n);
  const randomUnit = (): Float64Array | undefined => {
    const v = Float64Array.from({ length: n }, () => rng.normal());
    reorthogonalize(v, basis);
    const norm = Math.sqrt(dot(v, v));
    return norm > 1e-8 ? v.map((x) => x / norm) : undefined;
  };
  if (kk === 0) return { values: new Float64Array(0), vectors: new Float64Array(0), steps: 0 };
  const q: Float64Array[] = [randomUnit()!];
  basis.push(q[0]!);
  const alpha: number[] = [];
  const beta: number[] = [];
  let scale = 0;
  for (let j = 0; ; j++) {
    const w = new Float64Array(n);
    apply(q[j]!, w);
    const a = dot(q[j]!, w);
    alpha.push(a);
    const qj = q[j]!;
    const previous = j > 0 ? q[j - 1]! : qj;
    const bPrevious = j > 0 ? beta[j - 1]! : 0;
    for (let i = 0; i < n; i++) w[i]! -= a * qj[i]! + bPrevious * previous[i]!;
    reorthogonalize(w, basis);
    let b = Math.sqrt(dot(w, w));
    scale = Math.max(scale, Math.abs(a) + b + (j > 0 ? beta[j - 1]! : 0));
    const m = j + 1;
    const breakdown = b <= 1e-14 * scale;
    if (m === n || (m >= kk && (m % CHECK_EVERY === 0 || breakdown))) {
      const ritz = tridiagonalEigen(Float64Array.from(alpha), Float64Array.from(beta), kk);
      const norm = Math.max(Math.abs(ritz.values[0]!), Math.abs(ritz.values[m - 1]!), Number.MIN_VALUE);
      let converged = true;
      for (let c = 0; c < ritz.k && converged; c++) {
        converged = Math.abs(b * ritz.vectors[c * m + m - 1]!) <= tolerance * norm;
      }
      if (m === n || (converged && ritz.k === kk)) {
        const vectors = new Float64Array(n * kk);
        for (let c = 0; c < kk; c++) {
          const x = vectors.subarray(c * n, c * n + n);
          for (let i = 0; i < m; i++) {
            const s = ritz.vectors[c * m + i]!;
            const qi = q[i]!;
            for (let r = 0; r < n; r++) x[r]! += s * qi[r]!;
          }
          const len = Math.sqrt(dot(x, x));
          for (let r = 0; r < n; r++) x[r]! /= len;
          fixSign(x);
        }
        return { values: ritz.values.slice(0, kk), vectors, steps: m };
      }
    }
    let next: Float64Array | undefined;
    if (breakdown) {
      next = randomUnit();
      b = 0;
    } else {
      for (let i = 0; i < n; i++) w[i] = w[i]! / b;
      next = w;
    }
    if (!next) throw new RangeError("Lanczos: no new direction orthogonal to the Krylov basis");
    beta.push(b);
    q.push(next);
    basis.push(next);
  }
}
