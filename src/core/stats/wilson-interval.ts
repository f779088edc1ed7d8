/**
 * Wilson score interval for a binomial proportion (Wilson 1927): with p = x / n and z the
 * standard-normal quantile of the level (1.959963984540054 for 95%),
 *
 *   centre = (p + z^2 / (2n)) / (1 + z^2 / n)
 *   half   = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / (4 n^2))
 *
 * Unlike the Wald interval it stays inside [0, 1] and is not degenerate at x = 0 or x = n
 * (e.g. 0 of 20 gives [0, 0.161]). Matches R `prop.test(x, n, correct = FALSE)$conf.int` and
 * statsmodels `proportion_confint(x, n, method = "wilson")`.
 * Edge cases: n = 0 gives [0, 1]; x outside [0, n] or non-integer counts are an InputError (`out_of_range`).
 * Reference: Wilson EB (1927) Probable inference, the law of succession, and statistical
 * inference. JASA 22:209-212, doi:10.1080/01621459.1927.10502953.
 */
import { InputError } from "../errors.js";

/** The standard-normal 97.5% quantile, z of a 95% two-sided interval. */
export const Z_95 = 1.959963984540054;

/** A confidence interval for a proportion, within [0, 1]. */
export interface ProportionInterval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927, JASA 22:209,
 * doi:10.1080/01621459.1927.10502953), as R `prop.test(x, n, correct = FALSE)$conf.int`; [0, 1] when
 * trials = 0.
 * @throws {InputError} `out_of_range` unless 0 ≤ successes ≤ trials are integers.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): ProportionInterval {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw InputError.single({
      code: "out_of_range",
      message: `wilsonInterval needs integers 0 <= successes <= trials, got ${successes}/${trials}`,
    });
  }
  if (trials === 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
