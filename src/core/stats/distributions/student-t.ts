/**
 * Student t tail probabilities and quantile with ν degrees of freedom (ν > 0, real; ν = Infinity is
 * the normal).
 *
 *   P(T > t) = I_{ν/(ν+t²)}(ν/2, 1/2) / 2                         for t >= 0
 *            = I^c_{t²/(ν+t²)}(1/2, ν/2) / 2  (same value; used when t² < ν, where ν/(ν+t²) ≈ 1
 *                                              would lose digits; I^c via ./beta-tail.ts)
 *   pStudentTTwoSided(t, ν) = 2 P(T > |t|)
 * with I the regularised incomplete beta function and I^c its upper (complementary) form, both
 * evaluated directly by @stdlib/math-base-special-betainc: accurate to ~1e-15 relative far into the
 * tail (1e-300), never 1 - cdf.
 *
 * Edge cases: t = 0 -> two-sided 1; |t| = Infinity -> 0; NaN -> NaN; ν <= 0 -> InputError.
 * Matches: R 4.x `2 * pt(abs(t), df, lower.tail = FALSE)`, `qt(p, df)`.
 * Reference: Abramowitz M, Stegun IA (1964) Handbook of Mathematical Functions, 26.7.1 and 26.5.27.
 */

import betainc from "@stdlib/math-base-special-betainc";
import gammaln from "@stdlib/math-base-special-gammaln";
import { betaUpper } from "./beta-tail.js";
import { checkPositive, checkProbability } from "./check-parameter.js";
import { invertUpperTail } from "./invert-upper-tail.js";
import { dNormal, pNormalTwoSided, pNormalUpper } from "./normal.js";

/** P(T > |t|) for the magnitude of t. */
function halfTail(t: number, df: number): number {
  const t2 = t * t;
  if (t2 < df) return 0.5 * betaUpper(t2 / (df + t2), 0.5, df / 2);
  return 0.5 * betainc(df / (df + t2), df / 2, 0.5, true, false);
}

/**
 * Two-sided tail P(|T| > |t|) of Student's t with `df` degrees of freedom (df = ∞ is the normal), as
 * R `2 * pt(abs(t), df, lower.tail = FALSE)`; Abramowitz & Stegun 26.7.1.
 * @throws {InputError} `bad_argument` when df is not positive.
 */
export function pStudentTTwoSided(t: number, df: number): number {
  checkPositive("df", df, true);
  if (df === Number.POSITIVE_INFINITY) return pNormalTwoSided(t);
  if (Number.isNaN(t)) return Number.NaN;
  return Math.min(1, 2 * halfTail(t, df));
}

/**
 * One-sided upper tail P(T > t).
 * @throws {InputError} `bad_argument` when df is not positive.
 */
export function pStudentTUpper(t: number, df: number): number {
  checkPositive("df", df, true);
  if (df === Number.POSITIVE_INFINITY) return pNormalUpper(t);
  if (Number.isNaN(t)) return Number.NaN;
  const half = halfTail(t, df);
  return t >= 0 ? half : 1 - half;
}

export function dStudentT(t: number, df: number): number {
  if (df === Number.POSITIVE_INFINITY) return dNormal(t);
  const logC = gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Lower-tail quantile: the t with P(T <= t) = p.
 * @throws {InputError} `bad_argument` when p is outside [0, 1] or df is not positive.
 */
export function qStudentT(p: number, df: number): number {
  checkProbability(p);
  checkPositive("df", df, true);
  if (p > 0.5) return -qStudentT(1 - p, df);
  return -invertUpperTail(
    {
      upper: (x) => pStudentTUpper(x, df),
      density: (x) => dStudentT(x, df),
      lowerBound: Number.NEGATIVE_INFINITY,
      start: 0,
    },
    p,
  );
}
