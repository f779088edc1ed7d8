/**
 * Negative binomial regression (log link) with the dispersion theta estimated by maximum
 * likelihood, alternating with IRLS exactly as MASS `glm.nb`:
 *   1. Poisson IRLS fit -> mu;  theta = theta.ml(y, mu)
 *   2. repeat: IRLS for NB(theta) started at eta = log(mu); theta' = theta.ml(y, mu_before_refit);
 *      mu = refitted means; until |L - L_old| / d1 + |theta_old - theta'| / d2 <= epsilon
 *      (d1 = sqrt(2 max(1, df_residual)), d2 = 1, L the NB log-likelihood) or 25 alternations.
 * theta.ml: Newton–Raphson on the score
 *   U(theta) = sum[psi(theta + y) - psi(theta) + ln theta + 1 - ln(theta + mu) - (y + theta)/(mu + theta)]
 * with the expected information, from theta_0 = n / sum (y/mu - 1)^2, step tolerance eps^(1/4).
 * Wald tests use dispersion 1; se(theta) = 1/sqrt(information). AIC = -2L + 2p + 2. An offset
 * (options.offset) enters every IRLS fit as in ./glm.ts.
 * As glm.nb, coefficients and deviance come from the last IRLS fit and theta from the update after it.
 *
 * Edge cases: theta running to infinity (no overdispersion) or alternation/IRLS non-convergence ->
 * warnings in the result, not exceptions; a negative theta estimate is truncated at 0 with a warning
 * (as MASS). Counts must be non-negative integers (InputError otherwise).
 * Matches: MASS 7.3 `summary(glm.nb(y ~ ...))` coefficients, se, z, p, deviance, theta, SE.theta,
 * twologlik, AIC (1e-8 relative on test/fixtures/extra/glm_counts.json).
 * Reference: Venables WN, Ripley BD (2002) Modern Applied Statistics with S, 4th ed., §7.4.
 * doi:10.1007/978-0-387-21706-2
 */

import type { DesignMatrix } from "./design-matrix.js";
import {
  checkGlmResponse,
  checkOffset,
  type GlmFit,
  type GlmOptions,
  glmSummary,
  irls,
  nullDeviance,
} from "./glm.js";
import { negativeBinomialFamily, negativeBinomialLogLik, poissonFamily } from "./glm-families.js";
import { checkResidualDf, type RegressionDesign } from "./ols.js";
import { digamma, trigamma } from "./special/digamma.js";

/**
 * A negative binomial GLM: the {@link GlmFit} fields plus the dispersion theta (MASS `glm.nb`'s `theta`,
 * `SE.theta`).
 */
export interface GlmNbFit extends GlmFit {
  theta: number;
  thetaSE: number;
  /** 2 x the log-likelihood at (coefficients, theta). */
  twoLogLik: number;
  /** Number of theta/IRLS alternations. */
  alternations: number;
}

const THETA_EPS = 2.220446049250313e-16 ** 0.25;

interface ThetaEstimate {
  theta: number;
  se: number;
  warnings: string[];
}

/** MASS `theta.ml`: Newton–Raphson for the NB dispersion given the means. */
export function thetaMl(y: ArrayLike<number>, mu: ArrayLike<number>, limit = 25): ThetaEstimate {
  const n = y.length;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i]! / mu[i]! - 1) ** 2;
  let t0 = n / ss;
  let info = Number.NaN;
  let it = 0;
  let del = 1;
  while (++it < limit && Math.abs(del) > THETA_EPS) {
    t0 = Math.abs(t0);
    let score = 0;
    info = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i]!;
      const mi = mu[i]!;
      score += digamma(t0 + yi) - digamma(t0) + Math.log(t0) + 1 - Math.log(t0 + mi) - (yi + t0) / (mi + t0);
      info += -trigamma(t0 + yi) + trigamma(t0) - 1 / t0 + 2 / (mi + t0) - (yi + t0) / (mi + t0) ** 2;
    }
    del = score / info;
    t0 += del;
  }
  const warnings: string[] = [];
  if (t0 < 0) {
    t0 = 0;
    warnings.push("theta estimate truncated at zero");
  }
  if (it === limit) warnings.push("theta.ml iteration limit reached");
  return { theta: t0, se: Math.sqrt(1 / info), warnings };
}

/**
 * Negative binomial regression (log link) with theta by maximum likelihood, alternating with IRLS as
 * MASS `glm.nb` (Venables & Ripley 2002, §7.4, doi:10.1007/978-0-387-21706-2); y[i] belongs to design row i.
 * @throws {InputError} `out_of_range` (y not non-negative integer counts), `non_finite` /
 *   `bad_argument` (response or offset of the wrong length or not finite), `too_few_samples` (n ≤ p).
 * @throws {NumericalError} when a design column is aliased.
 */
export function glmNegativeBinomial(
  design: RegressionDesign | DesignMatrix,
  y: ArrayLike<number>,
  options: GlmOptions = {},
): GlmNbFit {
  checkGlmResponse(poissonFamily, y, design.nRows);
  checkResidualDf(design.nRows, design.nCols);
  checkOffset(options.offset, design.nRows);
  const maxIt = options.maxIterations ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const eta0 = Float64Array.from(y, (v) => poissonFamily.linkfun(poissonFamily.startMu(v)));
  let fit = irls(design, y, poissonFamily, eta0, options);
  const irlsWarnings = fit.converged ? [] : ["the initial Poisson IRLS fit did not converge"];
  let mu = fit.mu;
  let est = thetaMl(y, mu, maxIt);
  let family = negativeBinomialFamily(est.theta);
  const d1 = Math.sqrt(2 * Math.max(1, design.nRows - design.nCols));
  let del = 1;
  let lm = negativeBinomialLogLik(est.theta, y, mu);
  let lm0 = lm + 2 * d1;
  let iter = 0;
  while (++iter <= maxIt && Math.abs(lm0 - lm) / d1 + Math.abs(del) > epsilon) {
    const eta = mu.map((m) => family.linkfun(m));
    fit = irls(design, y, family, eta, options);
    const t0 = est.theta;
    est = thetaMl(y, mu, maxIt);
    family = negativeBinomialFamily(est.theta);
    mu = fit.mu;
    del = t0 - est.theta;
    lm0 = lm;
    lm = negativeBinomialLogLik(est.theta, y, mu);
  }
  const fitFamily = negativeBinomialFamily(est.theta + del);
  const summary = glmSummary(design, y, fitFamily, fit, options, 1);
  // glm.nb refits the null model with an offset using the updated theta (the fit's own uses the old one).
  const intercept = design.intercept ?? design.columnNames.includes("(Intercept)");
  if (options.offset && intercept) summary.nullDeviance = nullDeviance(family, y, true, options);
  const warnings = [...irlsWarnings, ...est.warnings, ...summary.warnings];
  if (iter > maxIt) warnings.push(`theta/IRLS alternation limit (${maxIt}) reached`);
  const twoLogLik = 2 * lm;
  return {
    ...summary,
    method: "negative binomial GLM (log link), theta by ML alternating with IRLS (MASS glm.nb), Wald z-tests",
    aic: -twoLogLik + 2 * design.nCols + 2,
    theta: est.theta,
    thetaSE: est.se,
    twoLogLik,
    alternations: iter - 1,
    warnings,
  };
}
