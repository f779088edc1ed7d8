/**
 * Exponential-family distributions with their canonical links for IRLS (./glm.ts), written as R's
 * `binomial()`, `poisson()` and MASS `negative.binomial(theta)` family objects so that fits agree
 * with R to the last digits, including R's guards:
 * - logit: mu = 1/(1 + e^-eta), clamped to [eps, 1 - eps] (eps = 2.2e-16) for |eta| > 30, where
 *   dmu/deta is also eps (R `C_logit_linkinv`, `C_logit_mu_eta`);
 * - log: mu = max(e^eta, eps), dmu/deta = max(e^eta, eps);
 * - unit deviances: binomial 2[y ln(y/mu) + (1-y) ln((1-y)/(1-mu))] (0 ln 0 = 0); Poisson
 *   2[y ln(y/mu) - (y - mu)]; negative binomial 2[y ln(max(1, y)/mu) - (y + theta) ln((y + theta)/(mu + theta))];
 * - starting values: binomial mu = (y + 1/2)/2, Poisson mu = y + 0.1 (R `initialize`).
 * - AIC: binomial and Poisson -2 loglik + 2p (Bernoulli y in {0, 1}); negative binomial as glm.nb.
 *
 * Reference: McCullagh P, Nelder JA (1989) Generalized Linear Models, 2nd ed., ch. 2, 4, 6.
 * doi:10.1007/978-1-4899-3242-6
 */

import gammaln from "@stdlib/math-base-special-gammaln";

export interface GlmFamily {
  name: "binomial" | "poisson" | "negative binomial";
  link: "logit" | "log";
  linkfun: (mu: number) => number;
  linkinv: (eta: number) => number;
  muEta: (eta: number) => number;
  variance: (mu: number) => number;
  devResid: (y: number, mu: number) => number;
  startMu: (y: number) => number;
  /** -2 log-likelihood of the fitted means. */
  minusTwoLogLik: (y: ArrayLike<number>, mu: ArrayLike<number>) => number;
  /** Whether y is a valid response value. */
  validY: (y: number) => boolean;
  /** Message for fitted values at the boundary (separation), or undefined. */
  boundaryWarning: (mu: ArrayLike<number>) => string | undefined;
}

const EPS = 2.220446049250313e-16;
const THRESH = 30;

function yLogY(y: number, mu: number): number {
  return y > 0 ? y * Math.log(y / mu) : 0;
}

const logLink = {
  link: "log" as const,
  linkfun: (mu: number) => Math.log(mu),
  linkinv: (eta: number) => Math.max(Math.exp(eta), EPS),
  muEta: (eta: number) => Math.max(Math.exp(eta), EPS),
};

function ratesWarning(mu: ArrayLike<number>): string | undefined {
  for (let i = 0; i < mu.length; i++) if (mu[i]! < 10 * EPS) return "fitted rates numerically 0 occurred";
  return undefined;
}

export const binomialFamily: GlmFamily = {
  name: "binomial",
  link: "logit",
  linkfun: (mu) => Math.log(mu / (1 - mu)),
  linkinv: (eta) => (eta < -THRESH ? EPS : eta > THRESH ? 1 - EPS : 1 / (1 + Math.exp(-eta))),
  muEta: (eta) => {
    if (eta > THRESH || eta < -THRESH) return EPS;
    const e = Math.exp(eta);
    return e / ((1 + e) * (1 + e));
  },
  variance: (mu) => mu * (1 - mu),
  devResid: (y, mu) => 2 * (yLogY(y, mu) + yLogY(1 - y, 1 - mu)),
  startMu: (y) => (y + 0.5) / 2,
  minusTwoLogLik: (y, mu) => {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i]! === 1 ? Math.log(mu[i]!) : Math.log(1 - mu[i]!);
    return -2 * s;
  },
  validY: (y) => y === 0 || y === 1,
  boundaryWarning: (mu) => {
    for (let i = 0; i < mu.length; i++) {
      if (mu[i]! > 1 - 10 * EPS || mu[i]! < 10 * EPS) {
        return "fitted probabilities numerically 0 or 1 occurred (complete or quasi-complete separation?)";
      }
    }
    return undefined;
  },
};

function logPoisson(y: number, mu: number): number {
  return (y === 0 ? 0 : y * Math.log(mu)) - mu - gammaln(y + 1);
}

export const poissonFamily: GlmFamily = {
  name: "poisson",
  ...logLink,
  variance: (mu) => mu,
  devResid: (y, mu) => 2 * (yLogY(y, mu) - (y - mu)),
  startMu: (y) => y + 0.1,
  minusTwoLogLik: (y, mu) => {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += logPoisson(y[i]!, mu[i]!);
    return -2 * s;
  },
  validY: (y) => y >= 0 && Number.isInteger(y),
  boundaryWarning: ratesWarning,
};

/** Negative binomial log-likelihood (MASS glm.nb `loglik`). */
export function negativeBinomialLogLik(theta: number, y: ArrayLike<number>, mu: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!;
    const mi = mu[i]!;
    s +=
      gammaln(theta + yi) -
      gammaln(theta) -
      gammaln(yi + 1) +
      theta * Math.log(theta) +
      yi * Math.log(mi + (yi === 0 ? 1 : 0)) -
      (theta + yi) * Math.log(theta + mi);
  }
  return s;
}

export function negativeBinomialFamily(theta: number): GlmFamily {
  return {
    name: "negative binomial",
    ...logLink,
    variance: (mu) => mu + (mu * mu) / theta,
    devResid: (y, mu) =>
      2 * (y * Math.log(Math.max(1, y) / mu) - (y + theta) * Math.log((y + theta) / (mu + theta))),
    startMu: (y) => y + (y === 0 ? 1 / 6 : 0),
    minusTwoLogLik: (y, mu) => -2 * negativeBinomialLogLik(theta, y, mu),
    validY: (y) => y >= 0 && Number.isInteger(y),
    boundaryWarning: ratesWarning,
  };
}
