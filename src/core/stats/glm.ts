/**
 * Generalised linear models by iteratively reweighted least squares (IRLS), as R's `glm.fit`.
 *
 * Iteration (Fisher scoring; canonical links, so also Newton–Raphson):
 *   z = eta + (y - mu) / mu'(eta),   w = mu'(eta)^2 / V(mu),   b = argmin || sqrt(w) (z - X b) ||^2
 * from eta = g(mu_start), until |dev - dev_old| / (|dev| + 0.1) < epsilon (1e-8) or 25 iterations;
 * a non-finite deviance halves the step towards the previous coefficients (as R). Wald tests:
 * se = sqrt(diag (X'WX)^{-1}) from the QR of the last weighted fit (dispersion 1), z = b / se,
 * p = P(|Z| > |z|). An optional offset o enters as eta = X b + o (z excludes it). Null deviance: the
 * intercept-only fit (mean of y, or IRLS with the offset) with an intercept, mu = g^-1(o) without.
 * AIC = -2 loglik + 2p.
 *
 * Edge cases: no convergence -> `converged: false` and a warning (not an exception); fitted
 * probabilities at 0 or 1 (separation) or rates at 0 -> warning, estimates as R (large |b|, huge se);
 * aliased column -> NumericalError naming it (QR tolerance 1e-11 = min(1e-7, epsilon / 1000), as
 * glm.fit); y outside the family's support or not finite -> InputError; n <= p -> InputError.
 * Matches: R 4.x `summary(glm(y ~ ., family = binomial()))` / `poisson()`: coefficients, se, z, p,
 * deviance, null deviance, AIC, iterations (1e-8 relative on the shared references).
 * Reference: McCullagh P, Nelder JA (1989) Generalized Linear Models, 2nd ed., §2.5.
 * doi:10.1007/978-1-4899-3242-6
 */

import { InputError } from "../errors.js";
import type { DesignMatrix } from "./design-matrix.js";
import { pNormalTwoSided } from "./distributions/normal.js";
import { binomialFamily, type GlmFamily, poissonFamily } from "./glm-families.js";
import { checkResidualDf, checkResponse, linearPredictor, type RegressionDesign } from "./ols.js";
import { householderQr, type QrDecomposition, qrSolve, qrUnscaledCovariance } from "./qr.js";

/** Options of {@link glm} and {@link glmNegativeBinomial}. */
export interface GlmOptions {
  /** Maximum IRLS iterations (default 25, as R). */
  maxIterations?: number;
  /** Relative deviance change for convergence (default 1e-8, as R). */
  epsilon?: number;
  /** Known term added to the linear predictor, e.g. log(library size) for counts (default none). */
  offset?: ArrayLike<number>;
}

/**
 * A fitted GLM as R's `summary(glm())` reports it: coefficients on the link scale with Wald se, z and
 * p, deviances, AIC, convergence and warnings.
 */
export interface GlmFit {
  method: string;
  family: GlmFamily["name"];
  link: GlmFamily["link"];
  columnNames: string[];
  coefficients: number[];
  se: number[];
  z: number[];
  p: number[];
  deviance: number;
  nullDeviance: number;
  aic: number;
  n: number;
  dfResidual: number;
  dfNull: number;
  converged: boolean;
  iterations: number;
  fitted: Float64Array;
  warnings: string[];
}

/** Result of the IRLS loop before the Wald summary. */
export interface IrlsResult {
  coefficients: Float64Array;
  qr: QrDecomposition;
  mu: Float64Array;
  deviance: number;
  converged: boolean;
  iterations: number;
}

export function totalDeviance(family: GlmFamily, y: ArrayLike<number>, mu: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) d += family.devResid(y[i]!, mu[i]!);
  return d;
}

export function checkGlmResponse(family: GlmFamily, y: ArrayLike<number>, nRows: number): void {
  checkResponse(y, nRows);
  for (let i = 0; i < y.length; i++) {
    if (!family.validY(y[i]!)) {
      throw InputError.single({
        code: "out_of_range",
        message: `response value ${y[i]} at design row ${i} is not valid for the ${family.name} family`,
        hint: family.name === "binomial" ? "code the outcome as 0/1" : "counts must be non-negative integers",
      });
    }
  }
}

export function checkOffset(offset: ArrayLike<number> | undefined, nRows: number): void {
  if (offset === undefined) return;
  let finite = offset.length === nRows;
  for (let i = 0; finite && i < offset.length; i++) finite = Number.isFinite(offset[i]!);
  if (!finite) {
    throw InputError.single({
      code: "bad_argument",
      message: `the offset must have one finite value per design row (${nRows})`,
      key: "offset",
    });
  }
}

/** IRLS from the linear predictor `eta0` (R glm.fit with etastart). */
export function irls(
  design: RegressionDesign,
  y: ArrayLike<number>,
  family: GlmFamily,
  eta0: Float64Array,
  options: GlmOptions = {},
): IrlsResult {
  const { x, nRows: n, nCols: p, columnNames } = design;
  const maxIt = options.maxIterations ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const tol = Math.min(1e-7, epsilon / 1000);
  const offset = options.offset;
  const predictor = (b: Float64Array) => {
    const e = linearPredictor(x, n, p, b);
    if (offset) for (let i = 0; i < n; i++) e[i]! += offset[i]!;
    return e;
  };
  let eta: Float64Array = eta0;
  let mu: Float64Array = eta.map((e) => family.linkinv(e));
  let devOld = totalDeviance(family, y, mu);
  let coefOld: Float64Array | undefined;
  let coef: Float64Array = new Float64Array(p);
  let qr: QrDecomposition | undefined;
  const wx = new Float64Array(n * p);
  const wz = new Float64Array(n);
  for (let iter = 1; iter <= maxIt; iter++) {
    for (let i = 0; i < n; i++) {
      const d = family.muEta(eta[i]!);
      const w = Math.sqrt((d * d) / family.variance(mu[i]!));
      wz[i] = (eta[i]! - (offset ? offset[i]! : 0) + (y[i]! - mu[i]!) / d) * w;
      for (let j = 0; j < p; j++) wx[i * p + j] = x[i * p + j]! * w;
    }
    qr = householderQr(wx, n, p, columnNames, tol);
    let start: Float64Array = qrSolve(qr, wz);
    eta = predictor(start);
    mu = eta.map((e) => family.linkinv(e));
    let dev = totalDeviance(family, y, mu);
    for (let halving = 0; !Number.isFinite(dev) && coefOld && halving < maxIt; halving++) {
      const prev: Float64Array = coefOld;
      start = start.map((b, j) => (b + prev[j]!) / 2);
      eta = predictor(start);
      mu = eta.map((e) => family.linkinv(e));
      dev = totalDeviance(family, y, mu);
    }
    coef = start;
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < epsilon) {
      return { coefficients: coef, qr, mu, deviance: dev, converged: true, iterations: iter };
    }
    devOld = dev;
    coefOld = start;
  }
  return { coefficients: coef, qr: qr!, mu, deviance: devOld, converged: false, iterations: maxIt };
}

/**
 * Deviance of the intercept-only (or empty) model, as R's glm: mean(y) with an intercept and no
 * offset; the IRLS fit of intercept + offset with both; g^-1(offset) (or g^-1(0)) without an intercept.
 */
export function nullDeviance(
  family: GlmFamily,
  y: ArrayLike<number>,
  intercept: boolean,
  options: GlmOptions = {},
): number {
  const n = y.length;
  const offset = options.offset;
  if (intercept && offset) {
    const ones = { x: new Float64Array(n).fill(1), nRows: n, nCols: 1, columnNames: ["(Intercept)"] };
    const eta0 = Float64Array.from(y, (v) => family.linkfun(family.startMu(v)));
    return irls(ones, y, family, eta0, options).deviance;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]! / n;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const m = intercept ? mean : family.linkinv(offset ? offset[i]! : 0);
    d += family.devResid(y[i]!, m);
  }
  return d;
}

/** Wald summary of an IRLS fit (dispersion 1). */
export function glmSummary(
  design: RegressionDesign,
  y: ArrayLike<number>,
  family: GlmFamily,
  fit: IrlsResult,
  options: GlmOptions = {},
  extraParameters = 0,
): GlmFit {
  const p = design.nCols;
  const n = design.nRows;
  const cov = qrUnscaledCovariance(fit.qr);
  const coefficients = Array.from(fit.coefficients);
  const se = coefficients.map((_, j) => Math.sqrt(cov[j * p + j]!));
  const z = coefficients.map((b, j) => b / se[j]!);
  const intercept = design.intercept ?? design.columnNames.includes("(Intercept)");
  const warnings: string[] = [];
  if (!fit.converged) warnings.push(`IRLS did not converge in ${fit.iterations} iterations`);
  const boundary = family.boundaryWarning(fit.mu);
  if (boundary) warnings.push(boundary);
  return {
    method: `GLM (${family.name}, ${family.link} link), IRLS, Wald z-tests`,
    family: family.name,
    link: family.link,
    columnNames: [...design.columnNames],
    coefficients,
    se,
    z,
    p: z.map((v) => pNormalTwoSided(v)),
    deviance: fit.deviance,
    nullDeviance: nullDeviance(family, y, intercept, options),
    aic: family.minusTwoLogLik(y, fit.mu) + 2 * (p + extraParameters),
    n,
    dfResidual: n - p,
    dfNull: n - (intercept ? 1 : 0),
    converged: fit.converged,
    iterations: fit.iterations,
    fitted: fit.mu,
    warnings,
  };
}

/**
 * Logistic (binomial, logit) or Poisson (log) regression; y[i] belongs to design row i.
 * IRLS as R `glm.fit` (McCullagh & Nelder 1989, §2.5, doi:10.1007/978-1-4899-3242-6); Wald tests.
 * @throws {InputError} `out_of_range` (y outside the family's support), `bad_argument` /
 *   `non_finite` (response or offset of the wrong length or not finite), `too_few_samples` (n ≤ p).
 * @throws {NumericalError} when a design column is aliased.
 */
export function glm(
  design: RegressionDesign | DesignMatrix,
  y: ArrayLike<number>,
  familyName: "binomial" | "poisson",
  options: GlmOptions = {},
): GlmFit {
  const family = familyName === "binomial" ? binomialFamily : poissonFamily;
  checkGlmResponse(family, y, design.nRows);
  checkResidualDf(design.nRows, design.nCols);
  checkOffset(options.offset, design.nRows);
  const eta0 = Float64Array.from(y, (v) => family.linkfun(family.startMu(v)));
  return glmSummary(design, y, family, irls(design, y, family, eta0, options), options);
}
