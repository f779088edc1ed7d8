/**
 * Linear mixed model with one random intercept, fitted by REML profiled over the variance ratio.
 *
 *   y = X b + Z u + e,  u ~ N(0, sigma_b^2 I_m) (one per group),  e ~ N(0, sigma^2 I_n)
 * With theta = sigma_b / sigma and V = I + theta^2 Z Z' (block g: I + theta^2 1 1', n_g x n_g), the
 * REML criterion profiled over b and sigma is (lme4's `REMLcrit`)
 *   d(theta) = ln|V| + ln|X'V^-1 X| + (n - p) [1 + ln(2 pi r^2 / (n - p))],
 *   ln|V| = sum_g ln(1 + theta^2 n_g),  r^2 = (y - X b)' V^-1 (y - X b),  b = GLS estimate.
 * It is evaluated exactly by whitening each group with V_g^{-1/2} = I - a_g 1 1',
 * a_g = (1 - 1/sqrt(1 + theta^2 n_g)) / n_g, and a Householder QR of the whitened X (ln|X'V^-1 X| =
 * 2 sum ln|R_jj|). theta is minimised by a log-spaced grid scan on [0, 1000] followed by Brent's
 * method inside the best bracket. Then sigma^2 = r^2 / (n - p), Var(b) = sigma^2 (X'V^-1 X)^-1.
 * Tests of b: t = b / se with nlme's "containment" denominator df (Pinheiro & Bates 2000, §2.4.2):
 * terms constant within every group (between-group) get m - 1 - p_between, all others (and the
 * intercept) n - m - p_within, m = number of groups.
 *
 * Edge cases: theta at 0 (sigma_b = 0, "singular fit") -> warning (the fit then equals OLS);
 * fewer than 2 groups, n <= p + 1, a missing group label or non-finite y -> InputError; aliased
 * columns -> NumericalError naming the column.
 * Matches: lme4 1.1 `lmer(y ~ X + (1 | g), REML = TRUE)` (REMLcrit, theta, fixef, vcov, sigma) and
 * nlme 3.1 `summary(lme(y ~ X, random = ~ 1 | g))$tTable` (DF, t, p).
 * Reference: Bates D, Mächler M, Bolker B, Walker S (2015) Fitting linear mixed-effects models using
 * lme4. J Stat Softw 67(1). doi:10.18637/jss.v067.i01; Pinheiro JC, Bates DM (2000) Mixed-Effects
 * Models in S and S-PLUS. doi:10.1007/b98882
 */

import { InputError } from "../errors.js";
import type { DesignMatrix } from "./design-matrix.js";
import { pStudentTTwoSided } from "./distributions/student-t.js";
import { checkResponse, type RegressionDesign } from "./ols.js";
import { brentMinimize } from "./optimize/brent-minimize.js";
import { householderQr, qrQty, qrSolve, qrUnscaledCovariance } from "./qr.js";

/** A random-intercept fitter: design rows, their response and their group labels in, a fit out. */
export type LmmFitter = (
  design: RegressionDesign | DesignMatrix,
  y: ArrayLike<number>,
  groups: ArrayLike<string | number | null>,
) => LmmFit;

/**
 * A REML random-intercept fit: fixed effects with se, t, nlme containment df and p; residual and
 * group standard deviations; the REML criterion.
 */
export interface LmmFit {
  method: string;
  columnNames: string[];
  coefficients: number[];
  se: number[];
  t: number[];
  df: number[];
  p: number[];
  /** Residual standard deviation. */
  sigma: number;
  /** Standard deviation of the random intercepts. */
  sigmaGroup: number;
  /** sigma_b / sigma. */
  theta: number;
  /** -2 x the restricted log-likelihood at the optimum (lme4 REMLcrit). */
  remlCriterion: number;
  n: number;
  nGroups: number;
  warnings: string[];
}

/** Group index per row plus group sizes. */
export interface Grouping {
  index: Int32Array;
  sizes: Int32Array;
}

function groupRows(groups: ArrayLike<string | number | null>, n: number): Grouping {
  if (groups.length !== n) {
    throw InputError.single({
      code: "bad_argument",
      message: `${groups.length} group labels for ${n} design rows`,
    });
  }
  const ids = new Map<string | number, number>();
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = groups[i]!;
    if (g === null) {
      throw InputError.single({ code: "bad_argument", message: `missing group label at design row ${i}` });
    }
    let k = ids.get(g);
    if (k === undefined) {
      k = ids.size;
      ids.set(g, k);
    }
    index[i] = k;
  }
  if (ids.size < 2) {
    throw InputError.single({
      code: "too_few_samples",
      message: `a random intercept needs at least 2 groups, got ${ids.size}`,
    });
  }
  const sizes = new Int32Array(ids.size);
  for (let i = 0; i < n; i++) sizes[index[i]!]!++;
  return { index, sizes };
}

/** Whitens the columns of a row-major n x p matrix in place: v_g -> v_g - a_g sum(v_g). */
function whiten(m: Float64Array, n: number, p: number, grouping: Grouping, a: Float64Array): void {
  const sums = new Float64Array(grouping.sizes.length * p);
  for (let i = 0; i < n; i++) {
    const g = grouping.index[i]!;
    for (let j = 0; j < p; j++) sums[g * p + j]! += m[i * p + j]!;
  }
  for (let i = 0; i < n; i++) {
    const g = grouping.index[i]!;
    for (let j = 0; j < p; j++) m[i * p + j]! -= a[g]! * sums[g * p + j]!;
  }
}

export interface ThetaFit {
  criterion: number;
  coefficients: Float64Array;
  r2: number;
  cov: Float64Array;
}

export function fitAtTheta(
  design: RegressionDesign,
  y: ArrayLike<number>,
  grouping: Grouping,
  theta: number,
): ThetaFit {
  const { nRows: n, nCols: p } = design;
  const t2 = theta * theta;
  const a = Float64Array.from(grouping.sizes, (ng) => (1 - 1 / Math.sqrt(1 + t2 * ng)) / ng);
  let logDetV = 0;
  for (const ng of grouping.sizes) logDetV += Math.log1p(t2 * ng);
  const wx = Float64Array.from(design.x);
  whiten(wx, n, p, grouping, a);
  const wy = Float64Array.from(y);
  whiten(wy, n, 1, grouping, a);
  const qr = householderQr(wx, n, p, design.columnNames);
  const coefficients = qrSolve(qr, wy);
  const qty = qrQty(qr, wy);
  let r2 = 0;
  for (let i = p; i < n; i++) r2 += qty[i]! * qty[i]!;
  let logDetXtVX = 0;
  for (let j = 0; j < p; j++) logDetXtVX += 2 * Math.log(Math.abs(qr.rDiag[j]!));
  const dfr = n - p;
  const criterion = logDetV + logDetXtVX + dfr * (1 + Math.log((2 * Math.PI * r2) / dfr));
  return { criterion, coefficients, r2, cov: qrUnscaledCovariance(qr) };
}

/**
 * The profiled REML criterion d(theta) (lme4 `devFunOnly` with REML = TRUE).
 * @throws {InputError} `bad_argument` / `non_finite` / `too_few_samples` as {@link lmmRandomIntercept}.
 */
export function lmmRemlCriterion(
  design: RegressionDesign | DesignMatrix,
  y: ArrayLike<number>,
  groups: ArrayLike<string | number | null>,
  theta: number,
): number {
  checkResponse(y, design.nRows);
  return fitAtTheta(design, y, groupRows(groups, design.nRows), theta).criterion;
}

/** Column blocks (terms) of the design: DesignMatrix terms, or one block per non-intercept column. */
function termBlocks(design: RegressionDesign | DesignMatrix): number[][] {
  if ("terms" in design) return design.terms.map((t) => t.columns);
  return design.columnNames.flatMap((name, j) => (name === "(Intercept)" ? [] : [[j]]));
}

/** nlme containment df per column. */
function containmentDf(design: RegressionDesign | DesignMatrix, grouping: Grouping): number[] {
  const { x, nRows: n, nCols: p } = design;
  const m = grouping.sizes.length;
  const first = new Int32Array(m).fill(-1);
  for (let i = 0; i < n; i++) if (first[grouping.index[i]!] === -1) first[grouping.index[i]!] = i;
  const constantWithin = (j: number) => {
    for (let i = 0; i < n; i++) if (x[i * p + j] !== x[first[grouping.index[i]!]! * p + j]) return false;
    return true;
  };
  const between = new Array<boolean>(p).fill(false);
  for (const block of termBlocks(design)) {
    const isBetween = block.every(constantWithin);
    for (const j of block) between[j] = isBetween;
  }
  const pBetween = between.filter(Boolean).length;
  const pWithin = design.columnNames.filter((name, j) => !between[j] && name !== "(Intercept)").length;
  return between.map((b) => (b ? m - 1 - pBetween : n - m - pWithin));
}

const GRID = [0, ...Array.from({ length: 25 }, (_, k) => 10 ** (-3 + k * 0.25))];

/** Validates the inputs and groups the rows. */
export function prepareLmm(
  design: RegressionDesign | DesignMatrix,
  y: ArrayLike<number>,
  groups: ArrayLike<string | number | null>,
): Grouping {
  checkResponse(y, design.nRows);
  const grouping = groupRows(groups, design.nRows);
  if (design.nRows <= design.nCols + 1) {
    throw InputError.single({
      code: "too_few_samples",
      message: `${design.nRows} observations for ${design.nCols} fixed effects and 2 variances`,
    });
  }
  return grouping;
}

function summarize(
  design: RegressionDesign | DesignMatrix,
  y: ArrayLike<number>,
  grouping: Grouping,
  theta: number,
): LmmFit {
  const { nRows: n, nCols: p } = design;
  const fit = fitAtTheta(design, y, grouping, theta);
  const sigma = Math.sqrt(fit.r2 / (n - p));
  const se = Array.from({ length: p }, (_, j) => sigma * Math.sqrt(fit.cov[j * p + j]!));
  const coefficients = Array.from(fit.coefficients);
  const t = coefficients.map((b, j) => b / se[j]!);
  const df = containmentDf(design, grouping);
  const warnings =
    theta < 1e-4
      ? ["random-intercept variance estimated at (or near) 0: singular fit, equivalent to OLS"]
      : [];
  return {
    method: "linear mixed model, one random intercept, REML (profiled, Brent), nlme containment df",
    columnNames: [...design.columnNames],
    coefficients,
    se,
    t,
    df,
    p: t.map((v, j) => (df[j]! > 0 ? pStudentTTwoSided(v, df[j]!) : Number.NaN)),
    sigma,
    sigmaGroup: theta * sigma,
    theta,
    remlCriterion: fit.criterion,
    n,
    nGroups: grouping.sizes.length,
    warnings,
  };
}

/**
 * Fits the random-intercept model at a given theta (exposed for tests and profiling).
 * @throws {InputError} as {@link lmmRandomIntercept}.
 */
export function lmmAtTheta(
  design: RegressionDesign | DesignMatrix,
  y: ArrayLike<number>,
  groups: ArrayLike<string | number | null>,
  theta: number,
): LmmFit {
  return summarize(design, y, prepareLmm(design, y, groups), theta);
}

/**
 * REML fit of y = X b + u_group + e; groups[i] labels design row i.
 * As lme4 `lmer(y ~ X + (1 | g), REML = TRUE)` with nlme's containment df (Bates et al. 2015, J Stat
 * Softw 67(1), doi:10.18637/jss.v067.i01).
 * @throws {InputError} `bad_argument` (labels of the wrong length, a missing label), `non_finite`
 *   (y), `too_few_samples` (fewer than 2 groups, n ≤ p + 1).
 * @throws {NumericalError} when a design column is aliased.
 */
export function lmmRandomIntercept(
  design: RegressionDesign | DesignMatrix,
  y: ArrayLike<number>,
  groups: ArrayLike<string | number | null>,
): LmmFit {
  const grouping = prepareLmm(design, y, groups);
  const criterion = (theta: number) => fitAtTheta(design, y, grouping, theta).criterion;
  const values = GRID.map(criterion);
  let best = 0;
  for (let k = 1; k < GRID.length; k++) if (values[k]! < values[best]!) best = k;
  const lo = GRID[Math.max(0, best - 1)]!;
  const hi = GRID[Math.min(GRID.length - 1, best + 1)]!;
  const opt = brentMinimize(criterion, lo, hi, 1e-12 * Math.max(1, hi));
  let theta = opt.x;
  if (values[0]! <= opt.value) theta = 0;
  return summarize(design, y, grouping, theta);
}
