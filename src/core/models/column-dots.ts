/**
 * Sums over the rows of columns of a column-major n x p matrix z, for the coordinate-descent solver
 * (elastic-net.ts):
 *
 *   residualPass:  r_i <- r_i - d wz_i over one column of wz, then sum_i za_i r_i and sum_i zb_i r_i
 *                  for two columns of z on the updated r (one pass over the rows)
 *   columnDots:    out[j] = ( sum_i z_ij r_i ) / n            for every j in a list of columns
 *   columnSquares: out[j] = ( sum_i (w_i z_ij) z_ij ) / n     (and w z_j kept for the updates)
 *
 * Summation order: the even rows i = 0, 2, 4, ... (with the last row of an odd n) and the odd rows
 * i = 1, 3, ... are summed in row order into two partial sums, added at the end,
 * (sum_even) + (sum_odd). This is the order of the two f64 lanes of the WebAssembly SIMD kernels
 * (cd-simd.ts), which run all three when the arrays are views of their memory, with the same
 * bytes as the TypeScript loops here (tested); the loops run elsewhere. A sum of
 * n ~ 40 terms in one chain would wait on the latency of every addition; two chains (and, in
 * columnDots, four columns per pass over the rows) let the processor overlap them. The values differ
 * from a plain row-order sum only by rounding.
 */
import { simdDots, simdPass, simdSquares } from "./cd-simd.js";

/**
 * One pass over the rows, (off, d, a, b) => void: r_i -= d wz[off + i] for every row (d = 0 leaves
 * each r_i as it is), then into sums[0] and sums[1] the sums over i of z[a + i] r_i and z[b + i] r_i
 * (b < 0: sums[1] is not used; the kernel may sum anything there), in the header's order. The SIMD
 * kernel when all four arrays are views of its memory, else the TypeScript loop.
 */
export type ResidualPass = (off: number, d: number, a: number, b: number) => void;

/** The {@link ResidualPass} on these arrays (n rows). */
export function residualPass(
  z: Float64Array,
  wz: Float64Array,
  r: Float64Array,
  n: number,
  sums: Float64Array,
): ResidualPass {
  const simd = simdPass(r);
  if (simd !== null && z.buffer === r.buffer && wz.buffer === r.buffer && sums.buffer === r.buffer) {
    const zb = z.byteOffset;
    const wzb = wz.byteOffset;
    const rb = r.byteOffset;
    const sb = sums.byteOffset;
    return (off, d, a, b) => simd(wzb + 8 * off, d, zb + 8 * a, zb + 8 * (b < 0 ? a : b), rb, n, sb);
  }
  return (off, d, a, b) => residualPassTs(z, wz, off, d, a, b, r, n, sums);
}

/** {@link ResidualPass} in TypeScript. */
function residualPassTs(
  z: Float64Array,
  wz: Float64Array,
  off: number,
  d: number,
  a: number,
  b: number,
  r: Float64Array,
  n: number,
  sums: Float64Array,
): void {
  const two = b >= 0;
  let ga0 = 0;
  let ga1 = 0;
  let gb0 = 0;
  let gb1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = r[i]! - d * wz[off + i]!;
    const r1 = r[i + 1]! - d * wz[off + i + 1]!;
    r[i] = r0;
    r[i + 1] = r1;
    ga0 += z[a + i]! * r0;
    ga1 += z[a + i + 1]! * r1;
    if (two) {
      gb0 += z[b + i]! * r0;
      gb1 += z[b + i + 1]! * r1;
    }
  }
  if (i < n) {
    const r0 = r[i]! - d * wz[off + i]!;
    r[i] = r0;
    ga0 += z[a + i]! * r0;
    if (two) gb0 += z[b + i]! * r0;
  }
  sums[0] = ga0 + ga1;
  sums[1] = gb0 + gb1;
}

/**
 * out[cols[q]] = (sum_i z_{i,cols[q]} r_i) / n for q < m, in the header's order. `z` is column-major
 * (column j at offset j n).
 */
export function columnDots(
  z: Float64Array,
  r: Float64Array,
  n: number,
  cols: Int32Array,
  m: number,
  out: Float64Array,
): void {
  const simd = simdDots(r);
  if (simd !== null && z.buffer === r.buffer && cols.buffer === r.buffer && out.buffer === r.buffer) {
    simd(z.byteOffset, cols.byteOffset, m, r.byteOffset, n, out.byteOffset);
    return;
  }
  const odd = n & 1;
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
    let e0 = 0;
    let e1 = 0;
    let e2 = 0;
    let e3 = 0;
    let f0 = 0;
    let f1 = 0;
    let f2 = 0;
    let f3 = 0;
    for (let i = 0; i < n - odd; i += 2) {
      const r0 = r[i]!;
      const r1 = r[i + 1]!;
      e0 += z[o0 + i]! * r0;
      f0 += z[o0 + i + 1]! * r1;
      e1 += z[o1 + i]! * r0;
      f1 += z[o1 + i + 1]! * r1;
      e2 += z[o2 + i]! * r0;
      f2 += z[o2 + i + 1]! * r1;
      e3 += z[o3 + i]! * r0;
      f3 += z[o3 + i + 1]! * r1;
    }
    if (odd === 1) {
      const r0 = r[n - 1]!;
      e0 += z[o0 + n - 1]! * r0;
      e1 += z[o1 + n - 1]! * r0;
      e2 += z[o2 + n - 1]! * r0;
      e3 += z[o3 + n - 1]! * r0;
    }
    out[j0] = (e0 + f0) / n;
    out[j1] = (e1 + f1) / n;
    out[j2] = (e2 + f2) / n;
    out[j3] = (e3 + f3) / n;
  }
  for (; q < m; q++) {
    const o = cols[q]! * n;
    let e = 0;
    let f = 0;
    for (let i = 0; i < n - odd; i += 2) {
      e += z[o + i]! * r[i]!;
      f += z[o + i + 1]! * r[i + 1]!;
    }
    if (odd === 1) e += z[o + n - 1]! * r[n - 1]!;
    out[cols[q]!] = (e + f) / n;
  }
}

/**
 * out[cols[q]] = (sum_i (w_i z_ij) z_ij) / n for j = cols[q], q < m, in the header's order, one
 * column at a time (a small share of the solver's time); the products w_i z_ij are stored in the
 * same place of `wz` (which may be z itself when w = 1). `z` and `wz` are column-major.
 */
export function columnSquares(
  z: Float64Array,
  w: Float64Array,
  n: number,
  cols: Int32Array,
  m: number,
  out: Float64Array,
  wz: Float64Array,
): void {
  const simd = simdSquares(z);
  const { buffer } = z;
  if (
    simd !== null &&
    w.buffer === buffer &&
    cols.buffer === buffer &&
    out.buffer === buffer &&
    wz.buffer === buffer
  ) {
    simd(z.byteOffset, w.byteOffset, cols.byteOffset, m, n, out.byteOffset, wz.byteOffset);
    return;
  }
  const odd = n & 1;
  for (let q = 0; q < m; q++) {
    const o = cols[q]! * n;
    let e = 0;
    let f = 0;
    for (let i = 0; i < n - odd; i += 2) {
      const t0 = w[i]! * z[o + i]!;
      const t1 = w[i + 1]! * z[o + i + 1]!;
      e += t0 * z[o + i]!;
      f += t1 * z[o + i + 1]!;
      wz[o + i] = t0;
      wz[o + i + 1] = t1;
    }
    if (odd === 1) {
      const t = w[n - 1]! * z[o + n - 1]!;
      e += t * z[o + n - 1]!;
      wz[o + n - 1] = t;
    }
    out[cols[q]!] = (e + f) / n;
  }
}
