/**
 * Standard normal tail probabilities and quantile.
 *
 *   pNormalUpper(z)    = P(Z > z)   = erfc(z / sqrt 2) / 2
 *   pNormalTwoSided(z) = P(|Z| > |z|) = erfc(|z| / sqrt 2)
 *   qNormal(p)         = z with P(Z <= z) = p
 * Computed directly from the complementary error function, so upper tails keep full relative
 * accuracy down to the smallest normal double (z ~ 37.5); never 1 - cdf.
 *
 * Edge cases: z = ±Infinity -> 0 or 1; NaN -> NaN. qNormal(0) = -Infinity, qNormal(1) = Infinity.
 * Matches: R 4.x `pnorm(z, lower.tail = FALSE)`, `2 * pnorm(-abs(z))`, `qnorm(p)` (to 1e-13).
 * Reference: Abramowitz M, Stegun IA (1964) Handbook of Mathematical Functions, 26.2.
 */

import erfc from "@stdlib/math-base-special-erfc";
import { checkProbability } from "./check-parameter.js";
import { invertUpperTail } from "./invert-upper-tail.js";

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Upper tail P(Z > z) of the standard normal, erfc(z/√2)/2 (R `pnorm(z, lower.tail = FALSE)`). */
export function pNormalUpper(z: number): number {
  return 0.5 * erfc(z * SQRT1_2);
}

/** Two-sided tail P(|Z| > |z|) of the standard normal (R `2 * pnorm(-abs(z))`). */
export function pNormalTwoSided(z: number): number {
  return Math.min(1, erfc(Math.abs(z) * SQRT1_2));
}

export function dNormal(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/**
 * Lower-tail quantile: the z with P(Z <= z) = p.
 * @throws {InputError} `bad_argument` when p is outside [0, 1].
 */
export function qNormal(p: number): number {
  checkProbability(p);
  if (p > 0.5) return -qNormal(1 - p);
  // For p <= 0.5 the root is <= 0; solve P(Z > -z) = p for -z >= 0 by symmetry, where upper tails are accurate.
  return -invertUpperTail(
    { upper: pNormalUpper, density: dNormal, lowerBound: Number.NEGATIVE_INFINITY, start: 0 },
    p,
  );
}
