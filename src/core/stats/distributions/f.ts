/**
 * Upper tail of the F distribution with (d1, d2) degrees of freedom (real, > 0).
 *
 *   P(F > f) = I_{d2/(d2+d1 f)}(d2/2, d1/2)                 when d1 f >= d2
 *            = I^c_{d1 f/(d2+d1 f)}(d1/2, d2/2)  (same value, used when d1 f < d2 to keep digits)
 * with I the regularised incomplete beta function and I^c its upper form (./beta-tail.ts), evaluated directly
 * (never 1 - cdf), so p-values keep full relative accuracy down to ~1e-300.
 *
 * Edge cases: f <= 0 -> 1; f = Infinity -> 0; NaN -> NaN; d1 or d2 <= 0 -> InputError.
 * Matches: R 4.x `pf(f, df1, df2, lower.tail = FALSE)`.
 * Reference: Abramowitz M, Stegun IA (1964) Handbook of Mathematical Functions, 26.6.2.
 */

import betainc from "@stdlib/math-base-special-betainc";
import { betaUpper } from "./beta-tail.js";
import { checkPositive } from "./check-parameter.js";

/**
 * Upper tail P(F > f) of the F distribution with (df1, df2) degrees of freedom, accurate down to
 * ~1e-300, as R `pf(f, df1, df2, lower.tail = FALSE)`; Abramowitz & Stegun 26.6.2.
 * @throws {InputError} `bad_argument` when df1 or df2 is not a positive finite number.
 */
export function pFUpper(f: number, df1: number, df2: number): number {
  checkPositive("df1", df1);
  checkPositive("df2", df2);
  if (Number.isNaN(f)) return Number.NaN;
  if (f <= 0) return 1;
  if (f === Number.POSITIVE_INFINITY) return 0;
  const num = df1 * f;
  if (num >= df2) return betainc(df2 / (df2 + num), df2 / 2, df1 / 2, true, false);
  return betaUpper(num / (df2 + num), df1 / 2, df2 / 2);
}
