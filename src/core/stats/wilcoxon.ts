/**
 * Wilcoxon rank-sum (Mann–Whitney) test of two independent samples x (size m) and y (size n).
 *
 *   W = sum of the midranks of x in the pooled sample - m(m + 1)/2   (= #{x_i > y_j} + #{ties}/2)
 * Normal approximation (used when there are ties, when m >= 50 or n >= 50, or `exact: false`):
 *   z = (W - mn/2 - c) / sigma,  sigma^2 = mn/12 [ (N + 1) - sum(t^3 - t) / (N (N - 1)) ],  N = m + n
 * with continuity correction c = sign(W - mn/2) / 2 for two-sided (+1/2 "greater", -1/2 "less"),
 * 0 when `correct: false`. Exact null distribution (no ties, m < 50 and n < 50 when `exact` is
 * "auto"): the number of m-subsets of {1..N} with each rank sum, counted by dynamic programming
 * over the ranks (additions only, so no cancellation); two-sided p = min(1, 2 min(P(W <= w), P(W >= w))).
 * Effect size `auc` = W / (mn), the probability that an x exceeds a y (ties counting 1/2).
 *
 * Edge cases: a NaN in x or y -> InputError (drop missing values first); an empty sample ->
 * InputError; all values tied -> p = NaN with a warning (R gives NaN too); `exact: true` with
 * ties -> normal approximation with a warning, as R.
 * Matches: R 4.x `wilcox.test(x, y, exact = NULL | FALSE, correct = TRUE)` (statistic W, p.value)
 * and scipy `mannwhitneyu(x, y, use_continuity = True, method = "asymptotic")`.
 * Reference: Mann HB, Whitney DR (1947) Ann Math Stat 18:50–60. doi:10.1214/aoms/1177730491;
 * Hollander M, Wolfe DA (1999) Nonparametric Statistical Methods, 2nd ed., §4.1.
 */

import { InputError } from "../errors.js";
import { type Alternative, pFromTails } from "./alternative.js";
import { pNormalUpper } from "./distributions/normal.js";
import { rankAverage, tieCorrection } from "./rank.js";

/** Options of {@link wilcoxonRankSum}; defaults as R's `wilcox.test`. */
export interface WilcoxonOptions {
  alternative?: Alternative;
  /** true: exact distribution (falls back with a warning if tied); false: normal; "auto" (default): as R. */
  exact?: boolean | "auto";
  /** Continuity correction in the normal approximation (default true, as R). */
  correct?: boolean;
}

/** The rank-sum test: W, its p, the effect size AUC = W / (m n), and whether p is exact. */
export interface WilcoxonResult {
  method: string;
  statistic: number;
  statisticName: "W";
  p: number;
  /** W / (m n): P(X > Y) + P(X = Y) / 2. */
  auc: number;
  alternative: Alternative;
  exact: boolean;
  nX: number;
  nY: number;
  warnings: string[];
}

/** Threshold under which R's default uses the exact distribution. */
const EXACT_LIMIT = 50;

function checkSample(name: string, v: ArrayLike<number>): void {
  if (v.length === 0) {
    throw InputError.single({ code: "too_few_samples", message: `sample ${name} is empty`, key: name });
  }
}

/** Null tails of W for one (m, n): lower[u] = P(W <= u), upper[u] = P(W >= u), u = 0..mn. */
interface ExactTails {
  lower: Float64Array;
  upper: Float64Array;
}

/** Recently used exact distributions: a per-feature loop reuses the same (m, n) thousands of times. */
const exactCache = new Map<string, ExactTails>();
const EXACT_CACHE_SIZE = 16;

/**
 * The exact null distribution of W for m x-values among N = m + n distinct ranks.
 * counts[j][s] = number of j-subsets of the ranks seen so far with rank sum s (additions only);
 * the tails are summed from their small ends, so tiny p-values keep their relative accuracy.
 */
function exactTails(m: number, n: number): ExactTails {
  const key = `${m},${n}`;
  const cached = exactCache.get(key);
  if (cached) return cached;
  const N = m + n;
  const maxSum = (m * (2 * N - m + 1)) / 2;
  const rows = Array.from({ length: m + 1 }, () => new Float64Array(maxSum + 1));
  rows[0]![0] = 1;
  for (let r = 1; r <= N; r++) {
    for (let j = Math.min(m, r); j >= 1; j--) {
      const dst = rows[j]!;
      const src = rows[j - 1]!;
      for (let s = maxSum; s >= r; s--) dst[s]! += src[s - r]!;
    }
  }
  const counts = rows[m]!.subarray((m * (m + 1)) / 2);
  const total = counts.reduce((a, b) => a + b, 0);
  const size = m * n + 1;
  const lower = new Float64Array(size);
  const upper = new Float64Array(size);
  let acc = 0;
  for (let u = 0; u < size; u++) {
    acc += counts[u]!;
    lower[u] = acc / total;
  }
  acc = 0;
  for (let u = size - 1; u >= 0; u--) {
    acc += counts[u]!;
    upper[u] = acc / total;
  }
  if (exactCache.size >= EXACT_CACHE_SIZE) exactCache.delete(exactCache.keys().next().value!);
  const tails = { lower, upper };
  exactCache.set(key, tails);
  return tails;
}

/** P(W <= w) and P(W >= w) under H0 (no ties, so w is an integer in 0..mn). */
export function wilcoxonExactTails(w: number, m: number, n: number): { lower: number; upper: number } {
  const t = exactTails(m, n);
  return { lower: t.lower[w]!, upper: t.upper[w]! };
}

/**
 * Wilcoxon rank-sum (Mann–Whitney) test of two independent samples, exact without ties for small
 * samples, else normal with continuity correction; as R `wilcox.test(x, y)` (Mann & Whitney 1947,
 * doi:10.1214/aoms/1177730491).
 * @throws {InputError} `too_few_samples` (an empty sample), `non_finite` (a NaN).
 */
export function wilcoxonRankSum(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: WilcoxonOptions = {},
): WilcoxonResult {
  const alternative = options.alternative ?? "two-sided";
  const correct = options.correct ?? true;
  checkSample("x", x);
  checkSample("y", y);
  const m = x.length;
  const n = y.length;
  const pooled = new Float64Array(m + n);
  for (let i = 0; i < m; i++) pooled[i] = x[i]!;
  for (let j = 0; j < n; j++) pooled[m + j] = y[j]!;
  const { ranks, tieSizes } = rankAverage(pooled);
  let rankSum = 0;
  for (let i = 0; i < m; i++) rankSum += ranks[i]!;
  const w = rankSum - (m * (m + 1)) / 2;
  const warnings: string[] = [];
  const mode = options.exact ?? "auto";
  let exact = mode === true || (mode === "auto" && m < EXACT_LIMIT && n < EXACT_LIMIT);
  if (exact && tieSizes.length > 0) {
    if (mode === true)
      warnings.push("cannot compute an exact p-value with ties; used the normal approximation");
    exact = false;
  }
  let p: number;
  if (exact) {
    const { lower, upper } = wilcoxonExactTails(w, m, n);
    p = pFromTails(lower, upper, alternative);
  } else {
    const N = m + n;
    const sigma = Math.sqrt(((m * n) / 12) * (N + 1 - tieCorrection(tieSizes) / (N * (N - 1))));
    const d = w - (m * n) / 2;
    if (sigma === 0) {
      warnings.push("all values are tied: the rank-sum test is undefined (p = NaN)");
      p = Number.NaN;
    } else {
      const c = !correct
        ? 0
        : alternative === "two-sided"
          ? Math.sign(d) * 0.5
          : alternative === "greater"
            ? 0.5
            : -0.5;
      const z = (d - c) / sigma;
      p = pFromTails(pNormalUpper(-z), pNormalUpper(z), alternative);
    }
  }
  return {
    method: exact
      ? "Wilcoxon rank-sum exact test"
      : `Wilcoxon rank-sum test, normal approximation${correct ? " with continuity correction" : ""}`,
    statistic: w,
    statisticName: "W",
    p,
    auc: w / (m * n),
    alternative,
    exact,
    nX: m,
    nY: n,
    warnings,
  };
}
