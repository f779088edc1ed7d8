/**
 * Sums over the rows of several columns of a column-major n x p matrix z at once, for the
 * coordinate-descent solvers (elastic-net.ts):
 *
 *   columnDots:    out[j] = ( sum_i (w_i z_ij) r_i ) / n      (w_i = 1 when no weights are given)
 *   columnSquares: out[j] = ( sum_i (w_i z_ij) z_ij ) / n
 *
 * for every j in a list of columns. Each of columnDots' column sums is accumulated in row order i = 0, 1, ..., n-1
 * exactly as a one-column loop does it (same products, same additions, same order), so every value
 * is identical bit for bit to the one-column result; four columns are summed in one pass over the
 * rows only so that their four independent chains of additions overlap in the processor instead of
 * each waiting for the previous addition (a dot product of n ~ 50 is bound by the addition's
 * latency, not by its arithmetic). Nothing is reassociated: this is not a blocked or SIMD sum.
 */

/**
 * out[cols[q]] = (sum_i w_i z_{i,cols[q]} r_i) / n for q < m, each sum in row order (bit-identical
 * to a one-column loop `g += w[i] * z[off + i] * r[i]`, or `g += z[off + i] * r[i]` when `w` is null).
 * `z` is column-major (column j at offset j n).
 */
export function columnDots(
  z: Float64Array,
  w: Float64Array | null,
  r: Float64Array,
  n: number,
  cols: Int32Array,
  m: number,
  out: Float64Array,
): void {
  let q = 0;
  for (; q + 4 <= m; q += 4) {
    const j0 = cols[q]!;
    const j1 = cols[q + 1]!;
    const j2 = cols[q + 2]!;
    const j3 = cols[q + 3]!;
    const o0 = j0 * n;
    const o1 = j1 * n;
    const o2 = j2 * n;
    const o3 = j3 * n;
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    if (w === null) {
      for (let i = 0; i < n; i++) {
        const ri = r[i]!;
        g0 += z[o0 + i]! * ri;
        g1 += z[o1 + i]! * ri;
        g2 += z[o2 + i]! * ri;
        g3 += z[o3 + i]! * ri;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const wi = w[i]!;
        const ri = r[i]!;
        g0 += wi * z[o0 + i]! * ri;
        g1 += wi * z[o1 + i]! * ri;
        g2 += wi * z[o2 + i]! * ri;
        g3 += wi * z[o3 + i]! * ri;
      }
    }
    out[j0] = g0 / n;
    out[j1] = g1 / n;
    out[j2] = g2 / n;
    out[j3] = g3 / n;
  }
  for (; q < m; q++) {
    const j = cols[q]!;
    const o = j * n;
    let g = 0;
    if (w === null) for (let i = 0; i < n; i++) g += z[o + i]! * r[i]!;
    else for (let i = 0; i < n; i++) g += w[i]! * z[o + i]! * r[i]!;
    out[j] = g / n;
  }
}

/**
 * out[cols[q]] = (sum_i w_i z_{i,cols[q]}^2) / n for q < m, each sum in row order (`v += w[i] *
 * z[off + i] * z[off + i]`), one column at a time (a small share of the solver's time).
 * `z` is column-major.
 */
export function columnSquares(
  z: Float64Array,
  w: Float64Array,
  n: number,
  cols: Int32Array,
  m: number,
  out: Float64Array,
): void {
  for (let q = 0; q < m; q++) {
    const j = cols[q]!;
    const o = j * n;
    let v = 0;
    for (let i = 0; i < n; i++) v += w[i]! * z[o + i]! * z[o + i]!;
    out[j] = v / n;
  }
}
