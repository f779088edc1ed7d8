/**
 * Mantel test: correlation between two distance matrices over the same samples (Mantel 1967,
 * Cancer Research 27:209-220; Legendre & Legendre 2012, Numerical Ecology, §10.5).
 *
 *   r = cor(x, y) over the n(n-1)/2 pairs i < j   (Pearson; Spearman = Pearson of average ranks)
 * Permutations reorder the samples of the first matrix (rows and columns together) by the
 * permutation design (free, within strata, or whole plots; labels in the first matrix's ID order);
 * y is fixed. The sums and sums of squares of x do not change under permutation,
 * so each permutation is one pass of products over the pairs on standardised values (O(n²)).
 * Alternative "greater" (vegan's only one): p = (1 + #{r* >= r - tol}) / (1 + B); "less" and
 * "two-sided" (|r*| >= |r|, scikit-bio's default) are also offered.
 *
 * Edge cases: the matrices must hold the same IDs (the second is reordered to the first; otherwise
 * InputError "id_mismatch"); fewer than 3 samples -> InputError; a constant matrix has no
 * correlation: r and p are null with a warning.
 * Matches vegan 2.6-4 `mantel(xdis, ydis, method = "pearson" | "spearman")` (r exactly; Spearman on
 * the same input matrices) and scikit-bio 0.5.8 `mantel(..., alternative = "greater")`.
 */
import { type DistanceMatrix, selectIds } from "../beta/distance-matrix.js";
import { InputError, listIds } from "../errors.js";
import { rankAverage } from "../stats/rank.js";
import { type PermutationSummary, type PermutationTestOptions, singleStatisticTest } from "./permutations.js";

/** Correlation of the Mantel test: Pearson, or Spearman (Pearson of average ranks). */
export type MantelMethod = "pearson" | "spearman";
/**
 * Sidedness of the Mantel p-value: "greater" (vegan's only one), "less", or "two-sided" (|r*| ≥ |r|,
 * scikit-bio's default).
 */
export type MantelAlternative = "greater" | "less" | "two-sided";

/** Options of {@link mantel}. */
export interface MantelOptions extends PermutationTestOptions {
  /** Default "pearson". */
  method?: MantelMethod;
  /** Default "greater" (as vegan). */
  alternative?: MantelAlternative;
}

/** The Mantel correlation r and its permutation p (both null when a matrix is constant). */
export interface MantelResult extends PermutationSummary {
  method: "Mantel";
  correlation: MantelMethod;
  alternative: MantelAlternative;
  r: number | null;
  p: number | null;
  warnings: string[];
}

/** (v - mean) / sqrt(sum of squares about the mean), or null for a constant vector. */
function standardise(v: ArrayLike<number>): Float64Array | null {
  let mean = 0;
  for (let k = 0; k < v.length; k++) mean += v[k]!;
  mean /= v.length;
  let ss = 0;
  for (let k = 0; k < v.length; k++) ss += (v[k]! - mean) ** 2;
  if (!(ss > 0)) return null;
  const s = Math.sqrt(ss);
  return Float64Array.from(v, (x) => (x - mean) / s);
}

function aligned(a: DistanceMatrix, b: DistanceMatrix): DistanceMatrix {
  const inB = new Set(b.ids);
  const inA = new Set(a.ids);
  const onlyA = a.ids.filter((id) => !inB.has(id));
  const onlyB = b.ids.filter((id) => !inA.has(id));
  if (onlyA.length > 0 || onlyB.length > 0 || a.ids.length !== b.ids.length) {
    throw InputError.single({
      code: "id_mismatch",
      message: `the two distance matrices hold different samples (only in the first: ${listIds(onlyA) || "none"}; only in the second: ${listIds(onlyB) || "none"})`,
      hint: "subset both matrices to the same sample IDs",
    });
  }
  return selectIds(b, a.ids);
}

/**
 * Mantel test of the correlation between two distance matrices over the same samples (Mantel 1967,
 * Cancer Res 27:209; Legendre & Legendre 2012, §10.5): samples of `x` are permuted, `y` is reordered
 * to `x`'s IDs. Matches vegan `mantel` and scikit-bio `mantel`.
 * @throws {InputError} `too_few_samples` below 3 samples; `id_mismatch` when the IDs differ;
 *   `bad_argument` (permutations).
 */
export function mantel(x: DistanceMatrix, y: DistanceMatrix, options: MantelOptions = {}): MantelResult {
  const correlation = options.method ?? "pearson";
  const alternative = options.alternative ?? "greater";
  const n = x.ids.length;
  if (n < 3) {
    throw InputError.single({
      code: "too_few_samples",
      message: `Mantel test needs at least 3 samples, got ${n}`,
    });
  }
  const yAligned = aligned(x, y);
  const prep = (v: Float64Array): Float64Array | null =>
    standardise(correlation === "spearman" ? rankAverage(v).ranks : v);
  const xs = prep(x.condensed);
  const ys = prep(yAligned.condensed);
  const base = {
    method: "Mantel" as const,
    correlation,
    alternative,
  };
  if (xs === null || ys === null) {
    return {
      ...base,
      r: null,
      p: null,
      sampleSize: n,
      permutations: 0,
      exact: false,
      seed: options.seed ?? 42,
      warnings: ["a distance matrix is constant"],
    };
  }
  // Square form of standardised x, so that x*(i, j) = X[perm[i], perm[j]] is one lookup.
  const sq = new Float64Array(n * n);
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, k++) {
      sq[i * n + j] = xs[k]!;
      sq[j * n + i] = xs[k]!;
    }
  }
  const sign = alternative === "less" ? -1 : 1;
  const statistic = (perm: Int32Array): number => {
    let s = 0;
    for (let i = 0, k = 0; i < n; i++) {
      const row = perm[i]! * n;
      for (let j = i + 1; j < n; j++, k++) s += sq[row + perm[j]!]! * ys[k]!;
    }
    return alternative === "two-sided" ? Math.abs(s) : sign * s;
  };
  const observed = statistic(Int32Array.from({ length: n }, (_, i) => i));
  let r = 0;
  for (let k = 0; k < xs.length; k++) r += xs[k]! * ys[k]!;
  return { ...base, r, ...singleStatisticTest(n, observed, statistic, options, []) };
}
