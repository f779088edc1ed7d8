/**
 * Inverts a continuous, strictly decreasing upper-tail function S(x) = P(X > x): finds x with
 * S(x) = q. Newton steps on log S (the tails are near-exponential there, so Newton converges in a
 * few steps even for q ~ 1e-300), safeguarded by bisection inside a bracket that is widened by
 * doubling until it contains the root. Accurate to ~1e-14 relative in x (bounded by the accuracy
 * of S itself).
 *
 * Edge cases: q = 0 -> +Infinity, q = 1 -> the lower end of the support (`lowerBound`).
 * Reference: Press WH et al. (2007) Numerical Recipes, 3rd ed., §9.4 (rtsafe). ISBN 978-0521880688.
 */

export interface UpperTail {
  /** S(x) = P(X > x), computed directly (not 1 - cdf). */
  upper: (x: number) => number;
  /** The density at x. */
  density: (x: number) => number;
  /** Lower end of the support (-Infinity for the normal and t). */
  lowerBound: number;
  /** A starting guess for the root. */
  start: number;
}

const MAX_ITER = 200;

export function invertUpperTail(dist: UpperTail, q: number): number {
  if (q === 0) return Number.POSITIVE_INFINITY;
  if (q === 1) return dist.lowerBound;
  const logQ = Math.log(q);
  // Bracket [lo, hi] with S(lo) >= q >= S(hi).
  let lo = dist.start;
  let hi = dist.start;
  let step = 1;
  while (dist.upper(hi) > q) {
    lo = hi;
    hi += step;
    step *= 2;
  }
  step = 1;
  while (dist.upper(lo) < q) {
    hi = lo;
    lo = Number.isFinite(dist.lowerBound) ? dist.lowerBound + (lo - dist.lowerBound) / 2 : lo - step;
    step *= 2;
  }
  let x = Math.min(Math.max(dist.start, lo), hi);
  for (let iter = 0; iter < MAX_ITER; iter++) {
    const s = dist.upper(x);
    if (s === q) return x;
    if (s > q) lo = x;
    else hi = x;
    // d log S / dx = -f / S, so the Newton step on log S(x) - log q is (log S - log q) * S / f.
    const f = dist.density(x);
    let next = x + ((Math.log(s) - logQ) * s) / f;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = (lo + hi) / 2;
    if (
      Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x)) ||
      hi - lo <= 1e-15 * Math.max(1, Math.abs(x))
    ) {
      return next;
    }
    x = next;
  }
  return x;
}
