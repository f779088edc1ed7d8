/**
 * Mode of a sample by Gaussian-kernel mean shift, as LinDA estimates the compositional bias (the
 * coefficient shared by the majority of null taxa).
 *
 * `meanShiftMode` is `modeest::mlv(x, method = "meanshift", kernel = "gaussian")` (modeest 2.4.0,
 * the call in LinDA 0.2.0 and MicrobiomeStat's `linda()`), step for step:
 *   1. start: the shorth, mean of the shortest half y[i..i+k] of the sorted values, k = ceil(n/2) - 1
 *      (modeest `venter(type = "shorth")`; tied shortest halves: i = mean of their positions,
 *      truncated as R indexes with a fractional subscript);
 *   2. h = 0.9 min(sd, IQR / 1.34) n^(-1/5) (R `bw.nrd0`, Silverman's rule);
 *   3. iterate t <- sum_i w_i x_i / sum_i w_i, w_i = phi((x_i - t) / h) (Fukunaga & Hostetler
 *      1975), at most 1000 times, stopping when |t_new / t - 1| < sqrt(machine eps); the value
 *      returned is the t before that last step, as modeest returns it.
 * Mean shift climbs to the local density maximum next to its start, so the result is the mode of
 * the basin that holds the shortest half.
 *
 * `globalKernelMode` (a departure kept as the `mode: "global"` option of LinDA) starts instead at
 * the data point of highest kernel density (O(n^2)), then refines by the same mean shift to
 * convergence (|step| < 1e-10 h): the global mode of the kernel density, even when many identical
 * null coefficients form a peak narrower than any grid.
 *
 * Edge cases: non-finite values are ignored; one value (or all equal) returns that value; no
 * finite value returns NaN (callers check n >= 2 first).
 * References: Fukunaga K, Hostetler L (1975) IEEE Trans Inf Theory 21:32-40,
 * doi:10.1109/TIT.1975.1055330; Silverman BW (1986) Density Estimation, §3.4.2; Rousseeuw PJ,
 * Leroy AM (1988) Stat Neerl 42:103-116 (shorth); Comaniciu D, Meer P (2002) IEEE TPAMI
 * 24:603-619, doi:10.1109/34.1000236; Zhou H et al. (2022) Genome Biol 23:95.
 */
import { quantileSorted, variance } from "../stats/descriptive.js";

const MODEEST_TOLERANCE = Math.sqrt(2 ** -52);
const MODEEST_MAX_ITER = 1000;

/** modeest 2.4.0 `mlv(x, method = "meanshift", kernel = "gaussian")`. */
export function meanShiftMode(values: ArrayLike<number>): number {
  const x = Float64Array.from(values).filter(Number.isFinite);
  const n = x.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(x).sort();
  if (sorted[0] === sorted[n - 1]) return sorted[0]!;
  const h = silvermanBandwidth(x, sorted);
  let t = shorth(sorted);
  for (let iter = 0; iter < MODEEST_MAX_ITER; iter++) {
    const next = meanShiftStep(x, t, h);
    if (Math.abs(next / t - 1) < MODEEST_TOLERANCE) break;
    t = next;
  }
  return t;
}

/** Global maximum of the Gaussian kernel density, refined by mean shift to convergence. */
export function globalKernelMode(values: ArrayLike<number>): number {
  const x = Float64Array.from(values).filter(Number.isFinite).sort();
  const n = x.length;
  if (n === 0) return Number.NaN;
  if (x[0] === x[n - 1]) return x[0]!;
  const h = silvermanBandwidth(x, x);
  let t = x[0]!;
  let bestDensity = -1;
  for (let g = 0; g < n; g++) {
    if (g > 0 && x[g] === x[g - 1]) continue;
    const d = density(x, x[g]!, h);
    if (d > bestDensity) {
      bestDensity = d;
      t = x[g]!;
    }
  }
  for (let iter = 0; iter < 200; iter++) {
    const next = meanShiftStep(x, t, h);
    if (Math.abs(next - t) < 1e-10 * h) return next;
    t = next;
  }
  return t;
}

/** One mean-shift step from t: the Gaussian-kernel-weighted mean of x. */
function meanShiftStep(x: Float64Array, t: number, h: number): number {
  let sw = 0;
  let swx = 0;
  for (let i = 0; i < x.length; i++) {
    const z = (x[i]! - t) / h;
    const w = Math.exp(-0.5 * z * z);
    sw += w;
    swx += w * x[i]!;
  }
  return swx / sw;
}

/** modeest `shorth`: mean of the shortest half of sorted values (ties: mean position, truncated). */
function shorth(sorted: Float64Array): number {
  const n = sorted.length;
  const k = Math.ceil(n / 2) - 1;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i + k < n; i++) min = Math.min(min, sorted[i + k]! - sorted[i]!);
  let sumPos = 0;
  let ties = 0;
  for (let i = 0; i + k < n; i++) {
    if (sorted[i + k]! - sorted[i]! === min) {
      sumPos += i + 1;
      ties++;
    }
  }
  const start = Math.floor(sumPos / ties) - 1;
  let s = 0;
  for (let i = start; i <= start + k; i++) s += sorted[i]!;
  return s / (k + 1);
}

/** Unnormalised Gaussian kernel density at t (the argmax does not need the constant). */
function density(sorted: Float64Array, t: number, h: number): number {
  let s = 0;
  for (let i = 0; i < sorted.length; i++) {
    const z = (t - sorted[i]!) / h;
    s += Math.exp(-0.5 * z * z);
  }
  return s;
}

/** R `bw.nrd0(x)` (x in its original order, `sorted` the same values sorted). */
function silvermanBandwidth(x: Float64Array, sorted: Float64Array): number {
  const n = sorted.length;
  const sd = Math.sqrt(variance(sorted));
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  let lo = Math.min(sd, iqr / 1.34);
  if (!lo) lo = sd || Math.abs(x[0]!) || 1;
  return 0.9 * lo * n ** -0.2;
}
