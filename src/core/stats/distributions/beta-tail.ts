/**
 * Upper regularised incomplete beta function I^c_x(a, b) = 1 - I_x(a, b), computed so that
 * whichever of the two is below 1/2 comes straight from @stdlib/math-base-special-betainc
 * (full relative accuracy in the tail) and the other by subtraction from 1 (no cancellation, as
 * it is at least 1/2). stdlib's direct upper form loses ~1e-9 absolute when the result is near 1
 * and x is tiny (e.g. x = 1e-16, a = b = 1/2), hence this guard.
 *
 * Reference: DiDonato AR, Morris AH (1992) Algorithm 708: significant digit computation of the
 * incomplete beta function ratios. ACM TOMS 18:360–373. doi:10.1145/131766.131776
 */

import betainc from "@stdlib/math-base-special-betainc";

export function betaUpper(x: number, a: number, b: number): number {
  const lower = betainc(x, a, b, true, false);
  return lower <= 0.5 ? 1 - lower : betainc(x, a, b, true, true);
}
