/**
 * Satterthwaite denominator degrees of freedom for the fixed effects of the one-random-intercept
 * LMM (lmm.ts), as lmerTest's `summary()` / `coef(summary(fit))` (Kuznetsova, Brockhoff &
 * Christensen 2017).
 *
 * With variance parameters phi = (theta, sigma) (theta = sigma_b / sigma, lmerTest's `varpar`) the
 * full REML deviance is
 *   D(theta, sigma) = f(theta) + (n - p) ln(2 pi sigma^2) + r^2(theta) / sigma^2,
 *   f(theta) = ln|V_theta| + ln|X' V_theta^-1 X|,  V_theta = I + theta^2 Z Z'
 * (its minimum over sigma is lmm.ts's profiled criterion). A = 2 H^-1, H the Hessian of D at the
 * REML estimate, is the asymptotic covariance of phi-hat. For coefficient j,
 *   v = Var(b_j) = sigma^2 C_jj(theta),  C = (X' V_theta^-1 X)^-1,
 *   g = dv/dphi = (sigma^2 C_jj'(theta), 2 sigma C_jj(theta)),
 *   df_j = 2 v^2 / (g' A g) = v^2 / (g' H^-1 g),   p_j = 2 P(T_{df_j} > |b_j / se_j|).
 * The sigma derivatives of D are analytic (D_ss = -2(n-p)/s^2 + 6 r^2/s^4, D_ts = -2 r^2'/s^3);
 * the theta derivatives of f, r^2 and C_jj are central differences with one Richardson step
 * (lmerTest uses numDeriv's Richardson extrapolation). f, r^2 and C depend on theta^2 only, so the
 * differences stay valid at theta = 0.
 *
 * Edge cases: a Hessian that is not positive definite (singular fit: theta-hat at the boundary 0,
 * where lmerTest warns too) or a non-finite df -> the fit's nlme containment df are kept and a
 * warning says so.
 * Matches: lmerTest 3.1 `coef(summary(lmer(y ~ X + (1 | g))))` (df, Pr(>|t|)).
 * Reference: Kuznetsova A, Brockhoff PB, Christensen RHB (2017) lmerTest package: tests in linear
 * mixed effects models. J Stat Softw 82(13). doi:10.18637/jss.v082.i13; Satterthwaite FE (1946)
 * Biometrics Bull 2:110-114, doi:10.2307/3002019
 */

import type { DesignMatrix } from "./design-matrix.js";
import { pStudentTTwoSided } from "./distributions/student-t.js";
import { fitAtTheta, type LmmFit, lmmRandomIntercept, prepareLmm } from "./lmm.js";
import type { RegressionDesign } from "./ols.js";

/** Central second-order derivatives of a scalar function of theta, with one Richardson step. */
function thetaDerivatives(fn: (t: number) => number[], theta: number): { d1: number[]; d2: number[] } {
  const h = 1e-3 * Math.max(theta, 0.05);
  const at = (step: number) => {
    const plus = fn(theta + step);
    const minus = fn(theta - step);
    const mid = fn(theta);
    return {
      d1: plus.map((v, k) => (v - minus[k]!) / (2 * step)),
      d2: plus.map((v, k) => (v - 2 * mid[k]! + minus[k]!) / (step * step)),
    };
  };
  const coarse = at(h);
  const fine = at(h / 2);
  const richardson = (a: number[], b: number[]) => b.map((v, k) => (4 * v - a[k]!) / 3);
  return { d1: richardson(coarse.d1, fine.d1), d2: richardson(coarse.d2, fine.d2) };
}

/**
 * REML fit (lmmRandomIntercept) with Satterthwaite df and p values in place of the containment
 * df, as lmerTest.
 */
export function lmmSatterthwaite(
  design: RegressionDesign | DesignMatrix,
  y: ArrayLike<number>,
  groups: ArrayLike<string | number | null>,
): LmmFit {
  const fit = lmmRandomIntercept(design, y, groups);
  const grouping = prepareLmm(design, y, groups);
  const { nRows: n, nCols: p } = design;
  const dfr = n - p;
  const { theta, sigma } = fit;
  // components per theta: [f, r^2, C_00, C_11, ...]
  const components = (t: number) => {
    const at = fitAtTheta(design, y, grouping, t);
    const f = at.criterion - dfr * (1 + Math.log((2 * Math.PI * at.r2) / dfr));
    return [f, at.r2, ...Array.from({ length: p }, (_, j) => at.cov[j * p + j]!)];
  };
  const base = components(theta);
  const { d1, d2 } = thetaDerivatives(components, theta);
  const s2 = sigma * sigma;
  const r2 = base[1]!;
  const htt = d2[0]! + d2[1]! / s2;
  const hts = (-2 * d1[1]!) / (s2 * sigma);
  const hss = (-2 * dfr) / s2 + (6 * r2) / (s2 * s2);
  const det = htt * hss - hts * hts;
  if (!(htt > 0 && det > 0)) {
    return {
      ...fit,
      method: `${fit.method}; Satterthwaite df unavailable (REML Hessian not positive definite), containment df kept`,
      warnings: [...fit.warnings, "Satterthwaite df unavailable (singular fit): containment df used"],
    };
  }
  // H^-1 = [hss, -hts; -hts, htt] / det
  const df = fit.coefficients.map((_, j) => {
    const c = base[2 + j]!;
    const v = s2 * c;
    const gt = s2 * d1[2 + j]!;
    const gs = 2 * sigma * c;
    const quad = (gt * gt * hss - 2 * gt * gs * hts + gs * gs * htt) / det;
    return (v * v) / quad;
  });
  if (!df.every((d) => Number.isFinite(d) && d > 0)) {
    return {
      ...fit,
      warnings: [...fit.warnings, "Satterthwaite df not finite: containment df used"],
    };
  }
  return {
    ...fit,
    method: "linear mixed model, one random intercept, REML (profiled, Brent), Satterthwaite df (lmerTest)",
    df,
    p: fit.t.map((t, j) => pStudentTTwoSided(t, df[j]!)),
  };
}
