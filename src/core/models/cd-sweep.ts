/**
 * One sweep of cyclic coordinate descent over the working set of the elastic net (elastic-net.ts):
 * for each coordinate j in it, in increasing j (only the non-zero ones when `nonzeroOnly`),
 *
 *   g_j = sum_i z_ij r_i,   b_j <- S(g_j / n + v_j b_j, l1) / (v_j + l2),   r_i -= (Delta b_j) wz_ij
 *
 * with S(t, l1) = sign(t) max(|t| - l1, 0), the residual kept weighted (r_i = w_i (y~_i - eta_i)) and
 * wz_ij = w_i z_ij; it returns max v_j (Delta b_j)^2. A coordinate's update is applied to r in the
 * same pass over the rows that sums the next visited coordinate's gradient on the updated r
 * (column-dots.ts' residualPass); when that coordinate is at 0 (it usually stays there, leaving r as
 * it is), the pass also sums the gradient of the one after it, used if it did stay.
 *
 * The whole sweep runs in WebAssembly (cd-simd.ts, the same operations in the same order, so the
 * same bytes: tested) when its arrays are views of the kernels' memory: a call per sweep instead of
 * one per coordinate. The TypeScript loop here is the reference and runs elsewhere.
 * Reference: Friedman J, Hastie T, Tibshirani R (2010) J Stat Softw 33(1):1-22, section 2 and 3.
 * doi:10.18637/jss.v033.i01
 */
import { simdSweep } from "./cd-simd.js";
import { type ResidualPass, residualPass } from "./column-dots.js";

/** The arrays of a sweep: column-major z and wz (n rows), v, b, r, the working-set list, 2 sums. */
export interface SweepArrays {
  n: number;
  z: Float64Array;
  wz: Float64Array;
  v: Float64Array;
  b: Float64Array;
  r: Float64Array;
  work: Int32Array;
  sums: Float64Array;
}

/** One sweep over the first `workSize` entries of the working-set list; returns max v_j (Delta b_j)^2. */
export type Sweep = (workSize: number, l1: number, l2: number, nonzeroOnly: boolean) => number;

/** The {@link Sweep} on these arrays: WebAssembly when all are views of its memory, else TypeScript. */
export function coordinateSweep(a: SweepArrays): Sweep {
  const simd = simdSweep(a.z);
  const { buffer } = a.z;
  const inMemory = [a.wz, a.v, a.b, a.r, a.work, a.sums].every((t) => t.buffer === buffer);
  if (simd !== null && inMemory) {
    const { n, z, wz, v, b, r, work, sums } = a;
    return (workSize, l1, l2, nonzeroOnly) =>
      simd(
        z.byteOffset,
        wz.byteOffset,
        v.byteOffset,
        b.byteOffset,
        r.byteOffset,
        work.byteOffset,
        workSize,
        n,
        l1,
        l2,
        nonzeroOnly ? 1 : 0,
        sums.byteOffset,
      );
  }
  const pass = residualPass(a.z, a.wz, a.r, a.n, a.sums);
  return (workSize, l1, l2, nonzeroOnly) => sweepTs(a, pass, workSize, l1, l2, nonzeroOnly);
}

/** The soft-thresholding operator S(g, t) = sign(g) max(|g| - t, 0) of the coordinate update (elastic-net.ts). */
export function softThreshold(g: number, t: number): number {
  if (g > t) return g - t;
  if (g < -t) return g + t;
  return 0;
}

/** The first position >= q of the working set that the sweep visits (workSize when none). */
function nextCoordinate(
  work: Int32Array,
  workSize: number,
  b: Float64Array,
  nonzeroOnly: boolean,
  q: number,
): number {
  while (q < workSize && nonzeroOnly && b[work[q]!] === 0) q++;
  return q;
}

/** {@link Sweep} in TypeScript (module header). */
function sweepTs(
  a: SweepArrays,
  pass: ResidualPass,
  workSize: number,
  l1: number,
  l2: number,
  nonzeroOnly: boolean,
): number {
  const { n, v, b, work, sums } = a;
  let maxDelta = 0;
  let pending = 0; // column offset in wz and step d of the update not yet applied to r (d = 0: none)
  let pendingD = 0;
  let ahead = -1; // the position whose gradient on r (after the pending update) is gAhead (-1: none)
  let gAhead = 0;
  let q = nextCoordinate(work, workSize, b, nonzeroOnly, 0);
  while (q < workSize) {
    const j = work[q]!;
    const bj = b[j]!;
    let g = gAhead;
    if (ahead !== q) {
      ahead = bj === 0 ? nextCoordinate(work, workSize, b, nonzeroOnly, q + 1) : workSize;
      const second = ahead < workSize ? work[ahead]! * n : -1;
      pass(pending, pendingD, j * n, second);
      pendingD = 0;
      g = sums[0]!;
      gAhead = sums[1]!;
    }
    const bNew = softThreshold(g / n + v[j]! * bj, l1) / (v[j]! + l2);
    const d = bNew - bj;
    if (d !== 0) {
      b[j] = bNew;
      maxDelta = Math.max(maxDelta, v[j]! * d * d);
      pending = j * n;
      pendingD = d;
      ahead = -1;
    }
    q = nextCoordinate(work, workSize, b, nonzeroOnly, q + 1);
  }
  if (pendingD !== 0) pass(pending, pendingD, 0, -1);
  return maxDelta;
}
