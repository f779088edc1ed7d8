/**
 * Pearson and Spearman correlation with the t-test of zero correlation.
 *
 *   r = sum (x - xbar)(y - ybar) / sqrt( sum (x - xbar)^2 sum (y - ybar)^2 )       (two-pass, centred)
 *   t = r sqrt((n - 2) / (1 - r^2)),   p = P(|T_{n-2}| > |t|)   (two-sided; one-sided per `alternative`)
 * Spearman's rho is Pearson's r of the midranks; its p-value uses the same t approximation (R
 * `cor.test(method = "spearman", exact = FALSE)`; with ties R would use it anyway). S = (n^3 - n)(1 - rho)/6.
 *
 * Edge cases: pairs with a NaN in x or y are dropped (complete cases, as R) and counted in `n`;
 * fewer than 3 complete pairs -> InputError; a constant x or y -> r = p = NaN with a warning
 * (R gives NA); |r| = 1 -> p = 0.
 * Matches: R 4.x `cor.test(x, y)` (estimate, statistic t, p.value) and
 * `cor.test(x, y, method = "spearman", exact = FALSE)` (rho, S, p.value); scipy `pearsonr`/`spearmanr`.
 * Reference: Pearson K (1896) Phil Trans R Soc A 187:253–318; Spearman C (1904) Am J Psychol 15:72–101.
 * doi:10.2307/1412159
 */

import { InputError } from "../errors.js";
import { type Alternative, pFromTails } from "./alternative.js";
import { pStudentTUpper } from "./distributions/student-t.js";
import { rankAverage } from "./rank.js";
import { mean } from "./descriptive.js";

/** Options of {@link pearson} and {@link spearman}; `alternative` defaults to "two-sided". */
export interface CorrelationOptions {
  alternative?: Alternative;
}

/**
 * A correlation test: the estimate (r or rho), its statistic (t or S), df = n − 2, p and n complete pairs.
 */
export interface CorrelationResult {
  method: string;
  r: number;
  p: number;
  n: number;
  /** t for Pearson; S = (n^3 - n)(1 - rho)/6 for Spearman. */
  statistic: number;
  statisticName: "t" | "S";
  df: number;
  alternative: Alternative;
  warnings: string[];
}

function completeCases(x: ArrayLike<number>, y: ArrayLike<number>): [Float64Array, Float64Array] {
  if (x.length !== y.length) {
    throw InputError.single({
      code: "bad_argument",
      message: `x and y must have the same length (${x.length} vs ${y.length})`,
    });
  }
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!) && !Number.isNaN(y[i]!)) keep.push(i);
  if (keep.length < 3) {
    throw InputError.single({
      code: "too_few_samples",
      message: `a correlation test needs at least 3 complete pairs, got ${keep.length}`,
    });
  }
  return [Float64Array.from(keep, (i) => x[i]!), Float64Array.from(keep, (i) => y[i]!)];
}

/** Pearson's r of two complete vectors (NaN when either is constant). */
export function pearsonR(x: Float64Array, y: Float64Array): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

function tTest(r: number, n: number, alternative: Alternative): { t: number; p: number } {
  const df = n - 2;
  const t = (Math.sqrt(df) * r) / Math.sqrt(1 - r * r);
  return { t, p: pFromTails(pStudentTUpper(-t, df), pStudentTUpper(t, df), alternative) };
}

function result(
  method: string,
  r: number,
  n: number,
  alternative: Alternative,
  statistic: (t: number) => number,
  statisticName: "t" | "S",
): CorrelationResult {
  const warnings: string[] = [];
  let p = Number.NaN;
  let stat = Number.NaN;
  if (Number.isNaN(r)) {
    warnings.push("x or y is constant: the correlation is undefined (r = p = NaN)");
  } else {
    const tt = tTest(r, n, alternative);
    p = tt.p;
    stat = statistic(tt.t);
  }
  return { method, r, p, n, statistic: stat, statisticName, df: n - 2, alternative, warnings };
}

/**
 * A correlation test of paired values: pairs with a missing (NaN) value are dropped (complete
 * cases), then the coefficient, its test statistic and p value.
 * @throws {InputError} `bad_argument` (x and y of different lengths), `too_few_samples` (fewer than
 *   3 complete pairs).
 */
export type CorrelationTest = (
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options?: CorrelationOptions,
) => CorrelationResult;

/**
 * Pearson's r with the t-test of zero correlation (t = r √((n−2)/(1−r²)), df n − 2), over complete
 * pairs; as R `cor.test(x, y)`. Pearson 1896, Phil Trans R Soc A 187:253.
 * @throws {InputError} `bad_argument` (x and y of different lengths), `too_few_samples` (fewer than
 *   3 complete pairs).
 */
export const pearson: CorrelationTest = (x, y, options = {}) => {
  const [cx, cy] = completeCases(x, y);
  const r = pearsonR(cx, cy);
  return result(
    "Pearson correlation, t-test",
    r,
    cx.length,
    options.alternative ?? "two-sided",
    (t) => t,
    "t",
  );
};

/**
 * Spearman's rho (Pearson's r of the midranks) with the t approximation for p, over complete pairs;
 * as R `cor.test(x, y, method = "spearman", exact = FALSE)`. Spearman 1904, Am J Psychol 15:72,
 * doi:10.2307/1412159.
 * @throws {InputError} `bad_argument` (x and y of different lengths), `too_few_samples` (fewer than
 *   3 complete pairs).
 */
export const spearman: CorrelationTest = (x, y, options = {}) => {
  const [cx, cy] = completeCases(x, y);
  const n = cx.length;
  const rho = pearsonR(rankAverage(cx).ranks, rankAverage(cy).ranks);
  const s = ((n * n * n - n) * (1 - rho)) / 6;
  return result(
    "Spearman rank correlation, t approximation",
    rho,
    n,
    options.alternative ?? "two-sided",
    () => s,
    "S",
  );
};
