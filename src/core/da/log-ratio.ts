/**
 * Centred log-ratio (CLR) of the rows of a dense samples x taxa matrix, in place, in log2 units:
 *
 *   clr(x)_ij = log2 x_ij - (1/m) sum_k log2 x_ik
 *
 * (Aitchison 1986, The Statistical Analysis of Compositional Data, ch. 4). Every value must be
 * positive: callers add a pseudocount, impute zeros or draw Dirichlet instances first. log2 is the
 * unit of ALDEx2, LinDA and MaAsLin2 output, so differences of CLR values are log2 fold changes
 * relative to the geometric mean of the sample.
 */

/** Replaces each positive value by its log2 CLR within its row (row-major n x m). */
export function clrRowsInPlace(y: Float64Array, n: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const row = i * m;
    let mean = 0;
    for (let j = 0; j < m; j++) {
      const v = Math.log2(y[row + j]!);
      y[row + j] = v;
      mean += v;
    }
    mean /= m;
    for (let j = 0; j < m; j++) y[row + j]! -= mean;
  }
}

/** log2 CLR of counts + pseudocount (a new matrix). */
export function clrWithPseudocount(
  counts: Float64Array,
  n: number,
  m: number,
  pseudocount: number,
): Float64Array {
  const y = new Float64Array(counts.length);
  for (let k = 0; k < y.length; k++) y[k] = counts[k]! + pseudocount;
  clrRowsInPlace(y, n, m);
  return y;
}
