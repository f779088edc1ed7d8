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
import { symmetricEigen } from "./symmetric-eigen.js";
import { pFUpper } from "./distributions/f.js";
import { pStudentTTwoSided } from "./distributions/student-t.js";
import { fitAtTheta, type LmmFit, type LmmFitter, lmmRandomIntercept, prepareLmm } from "./lmm.js";
import type { FTest, RegressionDesign } from "./ols.js";

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

/** What Satterthwaite df of any contrast need: the fit, C(theta), dC/dtheta and H^-1. */
interface SatterthwaiteContext {
  fit: LmmFit;
  p: number;
  /** C(theta) and dC/dtheta, p x p row-major. */
  c: Float64Array;
  dc: Float64Array;
  /** H^-1 entries (theta-theta, theta-sigma, sigma-sigma); null when H is not positive definite. */
  hinv: [number, number, number] | null;
}

function satterthwaiteContext(
  design: RegressionDesign | DesignMatrix,
  y: ArrayLike<number>,
  groups: ArrayLike<string | number | null>,
): SatterthwaiteContext {
  const fit = lmmRandomIntercept(design, y, groups);
  const grouping = prepareLmm(design, y, groups);
  const { nRows: n, nCols: p } = design;
  const dfr = n - p;
  const { theta, sigma } = fit;
  // components per theta: [f, r^2, C (p x p)]
  const components = (t: number) => {
    const at = fitAtTheta(design, y, grouping, t);
    const f = at.criterion - dfr * (1 + Math.log((2 * Math.PI * at.r2) / dfr));
    return [f, at.r2, ...at.cov];
  };
  const base = components(theta);
  const { d1, d2 } = thetaDerivatives(components, theta);
  const s2 = sigma * sigma;
  const r2 = base[1]!;
  const htt = d2[0]! + d2[1]! / s2;
  const hts = (-2 * d1[1]!) / (s2 * sigma);
  const hss = (-2 * dfr) / s2 + (6 * r2) / (s2 * s2);
  const det = htt * hss - hts * hts;
  return {
    fit,
    p,
    c: Float64Array.from(base.slice(2)),
    dc: Float64Array.from(d1.slice(2)),
    hinv: htt > 0 && det > 0 ? [hss / det, -hts / det, htt / det] : null,
  };
}

/** Satterthwaite df of the contrast l'b: v = sigma^2 l'Cl, g = (sigma^2 l'C'l, 2 sigma l'Cl). */
function contrastDf(ctx: SatterthwaiteContext, l: ArrayLike<number>): number {
  const { p, c, dc, hinv, fit } = ctx;
  if (hinv === null) return Number.NaN;
  let lcl = 0;
  let ldcl = 0;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      lcl += l[a]! * c[a * p + b]! * l[b]!;
      ldcl += l[a]! * dc[a * p + b]! * l[b]!;
    }
  }
  const s2 = fit.sigma * fit.sigma;
  const v = s2 * lcl;
  const gt = s2 * ldcl;
  const gs = 2 * fit.sigma * lcl;
  const quad = gt * gt * hinv[0] + 2 * gt * gs * hinv[1] + gs * gs * hinv[2];
  return (v * v) / quad;
}

/**
 * REML fit (lmmRandomIntercept) with Satterthwaite df and p values in place of the containment
 * df, as lmerTest.
 */
export const lmmSatterthwaite: LmmFitter = (design, y, groups) => {
  const ctx = satterthwaiteContext(design, y, groups);
  const { fit, p } = ctx;
  const df = fit.coefficients.map((_, j) =>
    contrastDf(
      ctx,
      Array.from({ length: p }, (_, k) => (k === j ? 1 : 0)),
    ),
  );
  if (!df.every((d) => Number.isFinite(d) && d > 0)) {
    return {
      ...fit,
      method: `${fit.method}; Satterthwaite df unavailable (REML Hessian not positive definite)`,
      warnings: [...fit.warnings, "Satterthwaite df unavailable (singular fit): containment df used"],
    };
  }
  return {
    ...fit,
    method: "linear mixed model, one random intercept, REML (profiled, Brent), Satterthwaite df (lmerTest)",
    df,
    p: fit.t.map((t, j) => pStudentTTwoSided(t, df[j]!)),
  };
};

/**
 * F test that the coefficients `columns` are all 0, with lmerTest's multi-df Satterthwaite
 * denominator (`anova(fit)`, `contestMD`): with L selecting the columns, L V L' = P D P',
 *   F = (Lb)' (L V L')^-1 (Lb) / q,
 *   nu_i = Satterthwaite df of the contrast P_i' L b (i = 1..q),
 *   E = sum nu_i / (nu_i - 2),  df2 = 2 E / (E - q)  (df2 = nu_1 when q = 1 or all nu_i are equal;
 *   2 when some nu_i <= 2).
 * For one column this is the t test (F = t^2). Singular fits: containment df of the first column.
 */
export function lmmTermFTest(
  design: RegressionDesign | DesignMatrix,
  y: ArrayLike<number>,
  groups: ArrayLike<string | number | null>,
  columns: readonly number[],
): FTest {
  const ctx = satterthwaiteContext(design, y, groups);
  const { fit, p } = ctx;
  const q = columns.length;
  const s2 = fit.sigma * fit.sigma;
  const vl = new Float64Array(q * q);
  for (let a = 0; a < q; a++)
    for (let b = 0; b < q; b++) vl[a * q + b] = s2 * ctx.c[columns[a]! * p + columns[b]!]!;
  const eig = symmetricEigen(vl, q);
  const lb = columns.map((j) => fit.coefficients[j]!);
  let f = 0;
  const nu: number[] = [];
  for (let i = 0; i < q; i++) {
    const vec = eig.vectors.subarray(i * q, i * q + q);
    let proj = 0;
    const l = new Float64Array(p);
    for (let a = 0; a < q; a++) {
      proj += vec[a]! * lb[a]!;
      l[columns[a]!] = vec[a]!;
    }
    f += (proj * proj) / eig.values[i]!;
    nu.push(contrastDf(ctx, l));
  }
  f /= q;
  let df2: number;
  if (!nu.every((v) => Number.isFinite(v) && v > 0)) df2 = fit.df[columns[0]!]!;
  else if (q === 1 || nu.every((v) => Math.abs(v - nu[0]!) < 1e-8)) df2 = nu[0]!;
  else if (nu.some((v) => v <= 2)) df2 = 2;
  else {
    const e = nu.reduce((acc, v) => acc + v / (v - 2), 0);
    df2 = (2 * e) / (e - q);
  }
  return {
    method: "linear mixed model F test, Satterthwaite denominator df (lmerTest anova)",
    statistic: f,
    df1: q,
    df2,
    p: pFUpper(f, q, df2),
  };
}
