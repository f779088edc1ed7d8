/**
 * Mode of a sample by Gaussian kernel density estimation, as LinDA uses to estimate the
 * compositional bias (the coefficient shared by the majority of null taxa).
 *
 *   f(t) = (1 / (n h)) sum_i phi((t - x_i) / h),   h = 0.9 min(sd, IQR / 1.34) n^(-1/5)
 *
 * (Silverman's rule, R `bw.nrd0`). The global maximum is located among the data points (O(n^2);
 * R `density()` uses a 512-point grid, which misses peaks narrower than its spacing), then
 * refined by mean-shift iterations
 * t <- sum_i w_i x_i / sum_i w_i, w_i = phi((t - x_i) / h) (Comaniciu & Meer 2002), which climb to
 * the local maximum of f next to the grid point. LinDA calls `modeest::mlv(method = "meanshift")`,
 * a mean shift with a Gaussian kernel; starting from the grid maximum makes the result the global
 * mode rather than the mode nearest an arbitrary start.
 * Matches: the maximum of R `density(x)` to within its grid spacing.
 *
 * Edge cases: non-finite values are ignored; one value (or all equal) returns that value; no
 * finite value returns NaN (callers check n >= 2 first).
 * References: Silverman BW (1986) Density Estimation, §3.4.2; Comaniciu D, Meer P (2002) IEEE
 * TPAMI 24:603-619, doi:10.1109/34.1000236; Zhou H et al. (2022) Genome Biol 23:95.
 */

export function kernelDensityMode(values: ArrayLike<number>): number {
  const x = Float64Array.from(values).filter(Number.isFinite).sort();
  const n = x.length;
  if (n === 0) return Number.NaN;
  if (x[0] === x[n - 1]) return x[0]!;
  const h = silvermanBandwidth(x);
  // start at the data point of highest density: unlike a fixed grid, it cannot step over a
  // peak narrower than the grid spacing (many identical null coefficients give a tiny IQR and h)
  let best = x[0]!;
  let bestDensity = -1;
  for (let g = 0; g < n; g++) {
    if (g > 0 && x[g] === x[g - 1]) continue;
    const d = density(x, x[g]!, h);
    if (d > bestDensity) {
      bestDensity = d;
      best = x[g]!;
    }
  }
  let t = best;
  for (let iter = 0; iter < 200; iter++) {
    let sw = 0;
    let swx = 0;
    for (let i = 0; i < n; i++) {
      const z = (t - x[i]!) / h;
      const w = Math.exp(-0.5 * z * z);
      sw += w;
      swx += w * x[i]!;
    }
    const next = swx / sw;
    if (Math.abs(next - t) < 1e-10 * h) return next;
    t = next;
  }
  return t;
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

/** R `bw.nrd0` on sorted values. */
function silvermanBandwidth(sorted: Float64Array): number {
  const n = sorted.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += sorted[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  let lo = Math.min(sd, iqr / 1.34);
  if (!(lo > 0)) lo = sd || Math.abs(sorted[0]!) || 1;
  return 0.9 * lo * n ** -0.2;
}

/** R type-7 quantile of sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, prob: number): number {
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
