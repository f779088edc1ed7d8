/**
 * Exact binomial sampler: X ~ Binomial(n, p), P(X = k) = C(n, k) p^k (1 - p)^(n - k).
 *
 * Method: inversion by chop-down search from the mode (Kemp 1986 for the Poisson; Devroye 1986,
 * "Non-Uniform Random Variate Generation", ch. X.4). One uniform U is compared with the cumulative
 * mass accumulated in the order m, m-1, m+1, m-2, m+2, ... around the mode m = floor((n + 1) p);
 * each k is returned with probability exactly f(k) (up to floating point), whatever the order, and
 * the expected number of steps is O(sqrt(n p (1 - p))). For m >= 16, f(m) comes from log-gamma
 * (no underflow for large n, unlike starting at f(0) = (1 - p)^n); below, from f(0) = (1 - p)^n,
 * which cannot underflow there, by the ratio; neighbours follow by the same ratio
 *   f(k + 1) / f(k) = (n - k) / (k + 1) * p / (1 - p).
 * For p > 1/2 it returns n - Binomial(n, 1 - p). If rounding leaves U above the total mass (chance
 * ~1e-15), the draw is repeated with a fresh uniform (rejection, so still exact).
 *
 * Edge cases: n = 0 or p = 0 -> 0; p = 1 -> n. n must be a non-negative integer, 0 <= p <= 1.
 * Why not @stdlib/random-base-binomial 0.2.2: it is biased whenever n p >= 10 (Binomial(20, 0.5)
 * has mean 10.54 there); this sampler is checked by chi-square goodness of fit in the tests.
 */
import { InputError } from "../errors.js";
import gammaln from "@stdlib/math-base-special-gammaln";
import type { Rng } from "../random/rng.js";

/** Below this mode, f(mode) is built from f(0) by the ratio (cheaper than three log-gammas). */
const SMALL_MODE = 16;

/**
 * An exact Binomial(n, p) draw by chop-down inversion from the mode (Devroye 1986, Non-Uniform
 * Random Variate Generation, ch. X.4), O(√(np(1 − p))) steps.
 * @throws {InputError} `out_of_range` unless n is an integer ≥ 0 and p is in [0, 1].
 */
export function sampleBinomial(rng: Rng, n: number, p: number): number {
  if (!(n >= 0) || !Number.isInteger(n))
    throw InputError.single({
      code: "out_of_range",
      message: `binomial n must be an integer >= 0, got ${n}`,
    });
  if (!(p >= 0 && p <= 1))
    throw InputError.single({ code: "out_of_range", message: `binomial p must be in [0, 1], got ${p}` });
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - chopDownFromMode(rng, n, 1 - p);
  return chopDownFromMode(rng, n, p);
}

function chopDownFromMode(rng: Rng, n: number, p: number): number {
  const ratio = p / (1 - p);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  let modeMass: number;
  if (mode < SMALL_MODE) {
    // f(0) = (1 - p)^n >= exp(-2 SMALL_MODE) here (n p < SMALL_MODE, p <= 1/2): no underflow.
    modeMass = Math.exp(n * Math.log1p(-p));
    for (let k = 0; k < mode; k++) modeMass *= ((n - k) / (k + 1)) * ratio;
  } else {
    const logChoose = gammaln(n + 1) - gammaln(mode + 1) - gammaln(n - mode + 1);
    modeMass = Math.exp(logChoose + mode * Math.log(p) + (n - mode) * Math.log1p(-p));
  }
  for (;;) {
    let u = rng.uniform() - modeMass;
    if (u < 0) return mode;
    let lo = mode;
    let hi = mode;
    let massLo = modeMass;
    let massHi = modeMass;
    while (massLo > 0 || massHi > 0) {
      if (lo > 0 && massLo > 0) {
        massLo *= lo / ((n - lo + 1) * ratio);
        lo--;
        u -= massLo;
        if (u < 0) return lo;
      } else massLo = 0;
      if (hi < n && massHi > 0) {
        massHi *= ((n - hi) / (hi + 1)) * ratio;
        hi++;
        u -= massHi;
        if (u < 0) return hi;
      } else massHi = 0;
    }
  }
}
