/**
 * Gower's centred matrix of a distance matrix (Gower 1966, Biometrika 53:325,
 * doi:10.1093/biomet/53.3-4.325), the common start of PCoA, PERMANOVA and PERMDISP:
 *
 *   A = -1/2 d_ij^2,   G = (I - 11'/n) A (I - 11'/n)
 *     = A_ij - mean_i(A) - mean_j(A) + mean(A)
 *
 * tr(G) = sum_{i<j} d_ij^2 / n is the total sum of squares of PERMANOVA. When d is not Euclidean
 * (Bray–Curtis) G has negative eigenvalues; nothing here drops them.
 * Matches vegan 2.6-4 `-GowerDblcen(as.matrix(d^2))/2` (adonis2) and betadisper's `dblcen(-d^2/2)`.
 *
 * Output: square, row-major m x m Float64Array over the selected rows (`rows[i]` indexes dm.ids).
 */
import { type DistanceMatrix, condensedIndex } from "../beta/distance-matrix.js";

/**
 * Gower's centred matrix G = J(−½ d²)J over the selected rows (default all), square row-major;
 * Gower 1966, doi:10.1093/biomet/53.3-4.325. tr(G) is PERMANOVA's total sum of squares.
 */
export function gowerCentred(dm: DistanceMatrix, rows?: ArrayLike<number>): Float64Array {
  const n = dm.ids.length;
  const idx = rows ?? Int32Array.from({ length: n }, (_, i) => i);
  const m = idx.length;
  const g = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const ia = idx[a]!;
    for (let b = a + 1; b < m; b++) {
      const ib = idx[b]!;
      const d = ia === ib ? 0 : dm.condensed[condensedIndex(n, ia, ib)]!;
      const v = -0.5 * d * d;
      g[a * m + b] = v;
      g[b * m + a] = v;
    }
  }
  const rowMean = new Float64Array(m);
  let grand = 0;
  for (let a = 0; a < m; a++) {
    let s = 0;
    for (let b = 0; b < m; b++) s += g[a * m + b]!;
    rowMean[a] = s / m;
    grand += s;
  }
  grand /= m * m;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) g[a * m + b] = g[a * m + b]! - rowMean[a]! - rowMean[b]! + grand;
  }
  return g;
}

/** Trace of a square row-major matrix. */
export function trace(g: Float64Array, m: number): number {
  let t = 0;
  for (let a = 0; a < m; a++) t += g[a * m + a]!;
  return t;
}
