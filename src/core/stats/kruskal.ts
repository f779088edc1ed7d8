/**
 * Kruskal–Wallis rank-sum test of k independent samples (sizes n_i, N = sum n_i).
 *
 *   H = [ 12 / (N (N + 1)) sum_i R_i^2 / n_i - 3 (N + 1) ] / [ 1 - sum(t^3 - t) / (N^3 - N) ]
 * with R_i the midrank sum of sample i and t the tie-group sizes; p = P(chi^2_{k-1} > H).
 * Effect size: epsilon^2 = H / (N - 1) (Tomczak & Tomczak 2014).
 *
 * Edge cases: empty samples are dropped (as R drops unused factor levels); fewer than two non-empty
 * samples -> InputError; a NaN value -> InputError (drop missing values first); all values tied ->
 * H and p NaN with a warning (R gives NaN).
 * Matches: scipy 1.10 `kruskal(*samples)` exactly, and R 4.x `kruskal.test(x, g)` up to R's tie
 * count on 15-digit text (see test/fixtures/SHARED_README.md: ~1e-6 relative on some
 * relative-abundance data, exact on integer data).
 * Reference: Kruskal WH, Wallis WA (1952) J Am Stat Assoc 47:583–621. doi:10.1080/01621459.1952.10483441
 */

import { InputError } from "../errors.js";
import { pChiSquareUpper } from "./distributions/chi-square.js";
import { rankAverage, tieCorrection } from "./rank.js";

/**
 * The Kruskal–Wallis H (tie-corrected), df = k − 1, its chi-square p and the effect size ε² = H / (N − 1).
 */
export interface KruskalResult {
  method: string;
  statistic: number;
  statisticName: "H";
  df: number;
  p: number;
  /** epsilon^2 = H / (N - 1). */
  epsilonSquared: number;
  groupSizes: number[];
  warnings: string[];
}

/**
 * Kruskal–Wallis rank-sum test of k independent samples (Kruskal & Wallis 1952, JASA 47:583,
 * doi:10.1080/01621459.1952.10483441); empty samples are dropped. As R `kruskal.test`.
 * @throws {InputError} `too_few_samples` (fewer than two non-empty samples), `non_finite` (a NaN).
 */
export function kruskalWallis(samples: readonly ArrayLike<number>[]): KruskalResult {
  const groups = samples.filter((s) => s.length > 0);
  if (groups.length < 2) {
    throw InputError.single({
      code: "too_few_samples",
      message: `the Kruskal–Wallis test needs at least 2 non-empty groups, got ${groups.length}`,
    });
  }
  const sizes = groups.map((g) => g.length);
  const N = sizes.reduce((a, b) => a + b, 0);
  const pooled = new Float64Array(N);
  let offset = 0;
  for (const g of groups) {
    for (let i = 0; i < g.length; i++) pooled[offset + i] = g[i]!;
    offset += g.length;
  }
  const { ranks, tieSizes } = rankAverage(pooled);
  let sumSq = 0;
  offset = 0;
  for (const size of sizes) {
    let r = 0;
    for (let i = 0; i < size; i++) r += ranks[offset + i]!;
    sumSq += (r * r) / size;
    offset += size;
  }
  const denominator = 1 - tieCorrection(tieSizes) / (N * N * N - N);
  const warnings: string[] = [];
  const df = groups.length - 1;
  let h = Number.NaN;
  let p = Number.NaN;
  if (denominator === 0) {
    warnings.push("all values are tied: the Kruskal–Wallis test is undefined (H = p = NaN)");
  } else {
    h = ((12 * sumSq) / (N * (N + 1)) - 3 * (N + 1)) / denominator;
    p = pChiSquareUpper(h, df);
  }
  return {
    method: "Kruskal–Wallis rank-sum test",
    statistic: h,
    statisticName: "H",
    df,
    p,
    epsilonSquared: h / (N - 1),
    groupSizes: sizes,
    warnings,
  };
}
