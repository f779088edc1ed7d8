/**
 * Upper tail of the chi-square distribution with k degrees of freedom (real, > 0).
 *
 *   P(X > x) = Q(k/2, x/2)
 * with Q the regularised upper incomplete gamma function, evaluated directly by
 * @stdlib/math-base-special-gammainc (never 1 - cdf): full relative accuracy down to ~1e-300.
 *
 * Edge cases: x <= 0 -> 1; x = Infinity -> 0; NaN -> NaN; k <= 0 -> InputError.
 * Matches: R 4.x `pchisq(x, df, lower.tail = FALSE)`.
 * Reference: Abramowitz M, Stegun IA (1964) Handbook of Mathematical Functions, 26.4.19.
 */

import gammainc from "@stdlib/math-base-special-gammainc";
import { checkPositive } from "./check-parameter.js";

/**
 * Upper tail P(X > x) of the chi-square distribution with `df` degrees of freedom, computed directly
 * (never 1 − cdf), as R `pchisq(x, df, lower.tail = FALSE)`; Abramowitz & Stegun 26.4.19.
 * @throws {InputError} `bad_argument` when df is not a positive finite number.
 */
export function pChiSquareUpper(x: number, df: number): number {
  checkPositive("df", df);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return gammainc(x / 2, df / 2, true, true);
}
