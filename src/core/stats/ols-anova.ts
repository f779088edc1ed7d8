/**
 * Sequential (type I) analysis of variance of a linear model, term by term in formula order.
 *
 * With the Householder QR of X (columns in formula order) and the effects e = Q'y, the sum of
 * squares added by a term is the sum of e_j^2 over its columns j (each term adjusted for the terms
 * before it, not after):
 *   SS_term = sum_{j in term} e_j^2,  F = (SS_term / df_term) / (RSS / (n - p)),  p = P(F > F_obs)
 * The intercept (if any) is not a row; RSS = sum_{j > p} e_j^2 is the last row.
 *
 * Edge cases: as `ols` (aliased column -> NumericalError, n <= p -> InputError). Order matters for
 * unbalanced designs — that is what type I means; use `olsTermFTest` for a term adjusted for all others.
 * Matches: R 4.x `anova(lm(f, d))` (Df, Sum Sq, Mean Sq, F value, Pr(>F)).
 * Reference: Searle SR (1987) Linear Models for Unbalanced Data, ch. 4. Wiley. ISBN 978-0471840961.
 */

import type { DesignMatrix } from "./design-matrix.js";
import { pFUpper } from "./distributions/f.js";
import { checkResidualDf, checkResponse } from "./ols.js";
import { householderQr, qrQty } from "./qr.js";

/** One row of a sequential ANOVA table (a term, or "Residuals"), as R's `anova(lm())` prints it. */
export interface AnovaRow {
  term: string;
  df: number;
  sumSq: number;
  meanSq: number;
  /** NaN on the residual row. */
  F: number;
  /** NaN on the residual row. */
  p: number;
}

/** A sequential (type I) ANOVA table: one row per term in formula order, then the residual row. */
export interface AnovaTable {
  method: string;
  rows: AnovaRow[];
}

/**
 * Sequential (type I) ANOVA of a linear model, each term adjusted for the ones before it, as R
 * `anova(lm(f, d))` (Searle 1987, Linear Models for Unbalanced Data, ch. 4).
 * @throws {InputError} as {@link ols}: `bad_argument` / `non_finite` (response), `too_few_samples`.
 * @throws {NumericalError} when a design column is aliased.
 */
export function olsAnova(design: DesignMatrix, y: ArrayLike<number>): AnovaTable {
  const { x, nRows: n, nCols: p, columnNames } = design;
  checkResponse(y, n);
  checkResidualDf(n, p);
  const effects = qrQty(householderQr(x, n, p, columnNames), y);
  let rss = 0;
  for (let i = p; i < n; i++) rss += effects[i]! * effects[i]!;
  const dfRes = n - p;
  const residualMeanSq = rss / dfRes;
  const rows: AnovaRow[] = design.terms.map((t) => {
    let ss = 0;
    for (const j of t.columns) ss += effects[j]! * effects[j]!;
    const meanSq = ss / t.df;
    const F = meanSq / residualMeanSq;
    return { term: t.label, df: t.df, sumSq: ss, meanSq, F, p: pFUpper(F, t.df, dfRes) };
  });
  rows.push({
    term: "Residuals",
    df: dfRes,
    sumSq: rss,
    meanSq: residualMeanSq,
    F: Number.NaN,
    p: Number.NaN,
  });
  return { method: "sequential (type I) ANOVA of a linear model", rows };
}
