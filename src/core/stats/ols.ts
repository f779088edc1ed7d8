/**
 * Ordinary least squares by Householder QR (./qr.ts), with t-tests of the coefficients and F-tests
 * of terms by nested-model comparison.
 *
 *   b = argmin ||y - Xb||^2 (R b = Q'y),  rss = ||y - Xb||^2,  df = n - p,  sigma^2 = rss / df
 *   se_j = sigma sqrt([(X'X)^{-1}]_jj),  t_j = b_j / se_j,  p_j = P(|T_df| > |t_j|)
 *   R^2 = mss / (mss + rss), mss = sum (f - mean f)^2 with an intercept, sum f^2 without;
 *   adjusted R^2 = 1 - (1 - R^2)(n - i)/df, i = 1 with an intercept, else 0
 *   F (nested, reduced in full) = [(rss_0 - rss_1) / (df_0 - df_1)] / (rss_1 / df_1), p = P(F > F_obs)
 * y[i] corresponds to design row i (for a DesignMatrix: metadata row `design.rows[i]`).
 *
 * Edge cases: an aliased column -> NumericalError naming it (R would report an NA coefficient);
 * n <= p -> InputError (no residual degrees of freedom); NaN or infinite y -> InputError; a perfect
 * fit (rss = 0) gives se = 0 and t, p NaN, reported in `warnings`.
 * Matches: R 4.x `summary(lm(y ~ ...))` coefficients, sigma, r.squared, adj.r.squared, df, and
 * `anova(reduced, full)` F and p.
 * Reference: Seber GAF, Lee AJ (2003) Linear Regression Analysis, 2nd ed., ch. 3–4. Wiley.
 * doi:10.1002/9780471722199
 */

import { InputError } from "../errors.js";
import type { DesignMatrix } from "./design-matrix.js";
import { pFUpper } from "./distributions/f.js";
import { pStudentTTwoSided } from "./distributions/student-t.js";
import { householderQr, qrSolve, qrUnscaledCovariance } from "./qr.js";

/** The parts of a design the fit needs; a DesignMatrix qualifies. */
export interface RegressionDesign {
  x: Float64Array;
  nRows: number;
  nCols: number;
  columnNames: string[];
  /** Whether the model has an intercept (default: a column named "(Intercept)" exists). */
  intercept?: boolean;
}

/**
 * An OLS fit as R's `summary(lm())` reports it: coefficients, se, t, p, residual df, RSS, sigma, R² and
 * adjusted R².
 */
export interface OlsFit {
  method: "OLS (Householder QR)";
  columnNames: string[];
  coefficients: number[];
  se: number[];
  t: number[];
  p: number[];
  n: number;
  dfResidual: number;
  rss: number;
  sigma: number;
  r2: number;
  adjR2: number;
  intercept: boolean;
  fitted: Float64Array;
  residuals: Float64Array;
  warnings: string[];
}

/** An F-test: the statistic, its (df1, df2) and p = P(F > statistic). */
export interface FTest {
  method: string;
  statistic: number;
  df1: number;
  df2: number;
  p: number;
}

export function checkResponse(y: ArrayLike<number>, nRows: number): void {
  if (y.length !== nRows) {
    throw InputError.single({
      code: "bad_argument",
      message: `the response has ${y.length} values but the design has ${nRows} rows`,
      hint: "align the response with design.rows",
    });
  }
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]!)) {
      throw InputError.single({
        code: "non_finite",
        message: `response value ${y[i]} at design row ${i} is not finite`,
        hint: "drop missing responses before fitting",
      });
    }
  }
}

export function checkResidualDf(n: number, p: number): void {
  if (n <= p) {
    throw InputError.single({
      code: "too_few_samples",
      message: `${n} observations for ${p} coefficients leave no residual degrees of freedom`,
    });
  }
}

/** X b as a length-n vector (row-major X). */
export function linearPredictor(x: Float64Array, n: number, p: number, b: ArrayLike<number>): Float64Array {
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += x[i * p + j]! * b[j]!;
    eta[i] = s;
  }
  return eta;
}

/**
 * Ordinary least squares by Householder QR with t-tests of the coefficients, as R
 * `summary(lm(y ~ …))` (Seber & Lee 2003, doi:10.1002/9780471722199); y[i] belongs to design row i.
 * @throws {InputError} `bad_argument` / `non_finite` (response of the wrong length or not finite),
 *   `too_few_samples` (n ≤ p).
 * @throws {NumericalError} when a design column is aliased (R would give an NA coefficient).
 */
export function ols(design: RegressionDesign | DesignMatrix, y: ArrayLike<number>): OlsFit {
  const { x, nRows: n, nCols: p, columnNames } = design;
  checkResponse(y, n);
  checkResidualDf(n, p);
  const intercept = design.intercept ?? columnNames.includes("(Intercept)");
  const qr = householderQr(x, n, p, columnNames);
  const b = qrSolve(qr, y);
  const fitted = linearPredictor(x, n, p, b);
  const residuals = new Float64Array(n);
  let rss = 0;
  let fMean = 0;
  for (let i = 0; i < n; i++) {
    residuals[i] = y[i]! - fitted[i]!;
    rss += residuals[i]! * residuals[i]!;
    fMean += fitted[i]! / n;
  }
  let mss = 0;
  for (let i = 0; i < n; i++) {
    const d = intercept ? fitted[i]! - fMean : fitted[i]!;
    mss += d * d;
  }
  const df = n - p;
  const sigma = Math.sqrt(rss / df);
  const cov = qrUnscaledCovariance(qr);
  const se = Array.from({ length: p }, (_, j) => sigma * Math.sqrt(cov[j * p + j]!));
  const t = se.map((s, j) => b[j]! / s);
  const warnings = rss === 0 ? ["perfect fit (residual sum of squares 0): t and p are undefined"] : [];
  const r2 = mss / (mss + rss);
  return {
    method: "OLS (Householder QR)",
    columnNames: [...columnNames],
    coefficients: Array.from(b),
    se,
    t,
    p: t.map((v) => (Number.isNaN(v) ? Number.NaN : pStudentTTwoSided(v, df))),
    n,
    dfResidual: df,
    rss,
    sigma,
    r2,
    adjR2: 1 - ((1 - r2) * (n - (intercept ? 1 : 0))) / df,
    intercept,
    fitted,
    residuals,
    warnings,
  };
}

/**
 * F-test of a reduced model nested in a full one (R `anova(reduced, full)`).
 * @throws {InputError} `bad_argument` unless `reduced` has fewer coefficients than `full` on the same
 *   observations.
 */
export function compareNestedOls(reduced: OlsFit, full: OlsFit): FTest {
  const df1 = reduced.dfResidual - full.dfResidual;
  if (df1 <= 0 || reduced.n !== full.n) {
    throw InputError.single({
      code: "bad_argument",
      message: "the reduced model must have fewer coefficients than the full one, on the same observations",
    });
  }
  const df2 = full.dfResidual;
  const statistic = (reduced.rss - full.rss) / df1 / (full.rss / df2);
  return {
    method: "F-test, nested linear models",
    statistic,
    df1,
    df2,
    p: pFUpper(Math.max(0, statistic), df1, df2),
  };
}

/**
 * The design without the columns of one term (by label), keeping the rest in order. A term contained
 * in a higher-order term (a main effect of an interaction present) cannot be dropped, as R `drop1`.
 * @throws {InputError} `bad_argument` when the term is absent or marginal to a higher-order term.
 */
export function dropTerm(design: DesignMatrix, label: string): DesignMatrix {
  const term = design.terms.find((t) => t.label === label);
  if (!term) {
    throw InputError.single({
      code: "bad_argument",
      message: `no term '${label}' in the design`,
      hint: `terms: ${design.terms.map((t) => t.label).join(", ")}`,
    });
  }
  const vars = label.split(":");
  const higher = design.terms.find((t) => t !== term && vars.every((v) => t.label.split(":").includes(v)));
  if (higher) {
    throw InputError.single({
      code: "bad_argument",
      message: `term '${label}' is marginal to '${higher.label}': test '${higher.label}' first (as R drop1)`,
    });
  }
  const keep = Array.from({ length: design.nCols }, (_, j) => j).filter((j) => !term.columns.includes(j));
  const p = keep.length;
  const x = new Float64Array(design.nRows * p);
  for (let i = 0; i < design.nRows; i++) {
    for (let k = 0; k < p; k++) x[i * p + k] = design.x[i * design.nCols + keep[k]!]!;
  }
  const newIndex = new Map(keep.map((j, k) => [j, k]));
  return {
    ...design,
    nCols: p,
    x,
    columnNames: keep.map((j) => design.columnNames[j]!),
    terms: design.terms
      .filter((t) => t !== term)
      .map((t) => ({ ...t, columns: t.columns.map((c) => newIndex.get(c)!) })),
  };
}

/**
 * F-test of one term: the fit without the term's columns against the full fit (R `drop1(fit, test = "F")`).
 * @throws {InputError} as {@link dropTerm} and {@link ols}.
 * @throws {NumericalError} when a design column is aliased.
 */
export function olsTermFTest(design: DesignMatrix, y: ArrayLike<number>, label: string): FTest {
  return compareNestedOls(ols(dropTerm(design, label), y), ols(design, y));
}
