/**
 * Brent's method for a 1-D minimum on [a, b]: golden-section steps with parabolic interpolation
 * when it is safe, stopping when the bracket is within 2 tol' of the current best, tol' =
 * sqrt(eps)|x|/... + tol/3 (Brent's `fmin`, the algorithm of R's `optimize`).
 *
 * Edge cases: finds a local minimum; callers wanting the global one bracket it first (e.g. by a
 * grid scan). The end points themselves are never evaluated, so a minimum at a boundary is
 * approached to within tol.
 * Matches: R 4.x `optimize(f, c(a, b), tol)` (same iterates).
 * Reference: Brent RP (1973) Algorithms for Minimization without Derivatives, ch. 5. Prentice-Hall.
 */

const GOLDEN = (3 - Math.sqrt(5)) / 2;
const SQRT_EPS = Math.sqrt(2.220446049250313e-16);

export interface MinimizeResult {
  x: number;
  value: number;
  evaluations: number;
}

export function brentMinimize(
  f: (x: number) => number,
  lower: number,
  upper: number,
  tol = 1e-10,
): MinimizeResult {
  let a = lower;
  let b = upper;
  let v = a + GOLDEN * (b - a);
  let w = v;
  let x = v;
  let fx = f(x);
  let fv = fx;
  let fw = fx;
  let d = 0;
  let e = 0;
  let evaluations = 1;
  const tol3 = tol / 3;
  for (;;) {
    const xm = (a + b) / 2;
    const tol1 = SQRT_EPS * Math.abs(x) + tol3;
    const t2 = 2 * tol1;
    if (Math.abs(x - xm) <= t2 - (b - a) / 2) break;
    let p = 0;
    let q = 0;
    let r = 0;
    if (Math.abs(e) > tol1) {
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2;
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    if (Math.abs(p) >= Math.abs(q * 0.5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      e = x < xm ? b - x : a - x;
      d = GOLDEN * e;
    } else {
      d = p / q;
      const u = x + d;
      if (u - a < t2 || b - u < t2) d = x < xm ? tol1 : -tol1;
    }
    const u = Math.abs(d) >= tol1 ? x + d : d > 0 ? x + tol1 : x - tol1;
    const fu = f(u);
    evaluations++;
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, value: fx, evaluations };
}
