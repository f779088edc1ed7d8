/**
 * Principal coordinates analysis (classical / metric multidimensional scaling):
 *   A = -1/2 D^2 (element-wise),  B = J A J with J = I - 11'/n (Gower centring),
 *   B = V diag(lambda) V',  coordinates of axis j = v_j sqrt(lambda_j) for lambda_j > 0.
 * Eigenvalues: all n, descending, negative ones kept and reported (a non-Euclidean D such as
 * Bray-Curtis has some). Proportion explained of axis j = max(lambda_j, 0) / sum of positive
 * eigenvalues (scikit-bio's and `cmdscale`'s "positive" convention).
 *
 * Negative-eigenvalue corrections (Legendre & Legendre 2012, sec. 9.3.4):
 * - "lingoes": d'_ij = sqrt(d_ij^2 + 2c) for i != j, c = |lambda_min| of B;
 * - "cailliez": d'_ij = d_ij + c, c the smallest constant making D + c Euclidean (Cailliez 1983;
 *   ape computes it as the largest eigenvalue of a 2n x 2n non-symmetric matrix; we find the same
 *   constant by bisection on "smallest eigenvalue of B(c) >= 0", ~50 eigenvalue-only solves, so it
 *   is slow above a few hundred samples).
 * Positive means lambda > 1e-10 lambda_1 (rounding level); smaller ones count as zero, as the
 * trivial eigenvalue of the centring does. Axis signs are arbitrary (here: largest-magnitude
 * loading positive).
 *
 * Solvers: "full" reduces B to tridiagonal form (O(n^3), symmetric-eigen.ts) and returns all n
 * eigenvalues. "lanczos" (lanczos.ts) computes only the k = `dimensions` leading eigenpairs from
 * products B x = J A J x evaluated on the condensed distances (gower-product.ts; the square B is
 * never formed),
 * converged to residual 1e-13 max|lambda| (agrees with "full" to ~1e-12 on the returned axes,
 * tested): then `eigenvalues` holds those k values, and proportions are taken relative to
 * tr(B) = sum_{i<j} d_ij^2 / n, the sum of ALL eigenvalues (negative ones included), as
 * scikit-bio's `pcoa(method="fsvd")` does; the negative-eigenvalue summary is not available
 * (count 0). "auto" (default) uses "lanczos" when `dimensions` is given, no correction is asked,
 * n >= LANCZOS_MIN_N and dimensions <= n / 10; otherwise "full".
 *
 * Edge cases: fewer than 3 samples -> InputError `too_few_samples`; an all-zero matrix has no
 * positive axis (empty coordinates, a warning).
 * Matches: R `cmdscale(d, k, eig = TRUE)` and scikit-bio 0.5.8 `pcoa(d)` (eigenvalues, coordinates
 * up to sign); ape 5.7 `pcoa(d, correction = "lingoes" | "cailliez")` for the corrections.
 * References: Gower JC (1966) Some distance properties of latent root and vector methods used in
 * multivariate analysis. Biometrika 53:325-338. doi:10.1093/biomet/53.3-4.325; Cailliez F (1983)
 * The analytical solution of the additive constant problem. Psychometrika 48:305-308.
 * doi:10.1007/BF02294026; Legendre P, Legendre L (2012) Numerical Ecology, 3rd ed. Elsevier.
 */
import type { DistanceMatrix } from "../beta/distance-matrix.js";
import { gowerCentred } from "./gower.js";
import { gowerProduct } from "./gower-product.js";
import { InputError } from "../errors.js";
import { lanczosTopEigen } from "./lanczos.js";
import { symmetricEigen } from "../stats/symmetric-eigen.js";

/** Negative-eigenvalue correction of {@link pcoa} (Legendre & Legendre 2012, sec. 9.3.4). */
export type PcoaCorrection = "none" | "lingoes" | "cailliez";
/**
 * Eigen-solver of {@link pcoa}: all eigenvalues ("full"), leading ones only ("lanczos"), or chosen by size
 * ("auto").
 */
export type PcoaSolver = "auto" | "full" | "lanczos";

/** Smallest n for which "auto" picks the Lanczos solver. */
export const LANCZOS_MIN_N = 500;

/** Options of {@link pcoa}. */
export interface PcoaOptions {
  /** Number of axes to return coordinates for; default all axes with a positive eigenvalue. */
  dimensions?: number;
  correction?: PcoaCorrection;
  /** "auto" (default), "full" or "lanczos" (needs `dimensions` and no correction). */
  solver?: PcoaSolver;
  /** The Lanczos solver's product x -> B x when evaluated elsewhere (several threads:
   * src/node/pcoa-parallel.ts); it must give the bytes of `gowerProduct(dm)`. */
  product?: (x: Float64Array, out: Float64Array) => void;
}

/**
 * A PCoA: eigenvalues, proportions explained, coordinates (row-major n × k) and the negative-eigenvalue
 * summary.
 */
export interface PcoaResult {
  method: "pcoa";
  correction: PcoaCorrection;
  /** The solver used: all eigenvalues ("full") or the leading `dimensions` ("lanczos"). */
  solver: "full" | "lanczos";
  /** The constant c of the correction (0 for "none"). */
  correctionConstant: number;
  ids: string[];
  /** "PC1" .. "PCk". */
  axes: string[];
  /** All n eigenvalues of B (after the correction), descending, negative ones included ("full");
   * the leading `dimensions` ones ("lanczos"). */
  eigenvalues: Float64Array;
  /** max(lambda, 0) / sum of positive eigenvalues, aligned with `eigenvalues`. */
  proportionExplained: Float64Array;
  /** Row-major n x k: coordinates[i * k + j] = sample i on axis j. */
  coordinates: Float64Array;
  negativeEigenvalues: { count: number; sum: number; largest: number };
  warnings: string[];
}

const POSITIVE = 1e-10;
/** B(c) counts as positive semi-definite when lambda_min >= -1e-13 lambda_max (rounding noise). */
const EUCLIDEAN_TOLERANCE = 1e-13;

/** The distances with every off-diagonal entry d replaced by sqrt((d + add)^2 + addSquared). */
function corrected(dm: DistanceMatrix, add: number, addSquared: number): DistanceMatrix {
  const condensed = dm.condensed.map((d) =>
    addSquared === 0 ? d + add : Math.sqrt((d + add) ** 2 + addSquared),
  );
  return { ids: dm.ids, condensed };
}

function smallestEigenvalue(b: Float64Array, n: number): { min: number; max: number } {
  const values = symmetricEigen(b, n, 0).values;
  return { min: values[n - 1]!, max: values[0]! };
}

/** Smallest c >= 0 such that D + c (off the diagonal) is Euclidean, by bisection. */
function cailliezConstant(dm: DistanceMatrix): number {
  const n = dm.ids.length;
  const euclidean = (c: number): boolean => {
    const { min, max } = smallestEigenvalue(gowerCentred(corrected(dm, c, 0)), n);
    return min >= -EUCLIDEAN_TOLERANCE * Math.max(max, Number.MIN_VALUE);
  };
  if (euclidean(0)) return 0;
  let lo = 0;
  let hi = dm.condensed.reduce((m, d) => Math.max(m, d), 1e-12);
  while (!euclidean(hi)) {
    lo = hi;
    hi *= 2;
  }
  for (let iter = 0; iter < 200 && hi - lo > 1e-14 * hi; iter++) {
    const mid = (lo + hi) / 2;
    if (euclidean(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The leading `dimensions` axes by Lanczos (see the header). */
function pcoaLanczos(
  dm: DistanceMatrix,
  dimensions: number,
  product: (x: Float64Array, out: Float64Array) => void,
): PcoaResult {
  const n = dm.ids.length;
  const top = lanczosTopEigen(product, n, dimensions);
  let trace = 0;
  for (let k = 0; k < dm.condensed.length; k++) trace += dm.condensed[k]! ** 2;
  trace /= n;
  const threshold = POSITIVE * Math.max(top.values[0]!, 0);
  let k = 0;
  while (k < dimensions && top.values[k]! > threshold) k++;
  const warnings: string[] = [];
  if (k < dimensions)
    warnings.push(`only ${k} axes have a positive eigenvalue; ${dimensions} were requested`);
  const coordinates = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const scale = Math.sqrt(top.values[j]!);
    for (let i = 0; i < n; i++) coordinates[i * k + j] = top.vectors[j * n + i]! * scale;
  }
  return {
    method: "pcoa",
    correction: "none",
    solver: "lanczos",
    correctionConstant: 0,
    ids: [...dm.ids],
    axes: Array.from({ length: k }, (_, j) => `PC${j + 1}`),
    eigenvalues: top.values,
    proportionExplained: top.values.map((l) => (l > threshold && trace > 0 ? l / trace : 0)),
    coordinates,
    negativeEigenvalues: { count: 0, sum: 0, largest: 0 },
    warnings,
  };
}

/**
 * The solver {@link pcoa} uses for n samples and these options (header: "auto" picks Lanczos for
 * large n and few axes without a correction).
 * @throws {InputError} `bad_argument` when "lanczos" is asked for without `dimensions` or with a
 *   correction.
 */
export function pcoaSolver(n: number, options: PcoaOptions = {}): "full" | "lanczos" {
  const correction = options.correction ?? "none";
  const solver = options.solver ?? "auto";
  const dims = options.dimensions;
  if (solver === "lanczos" && (dims === undefined || correction !== "none")) {
    throw InputError.single({
      code: "bad_argument",
      message: "the Lanczos PCoA solver needs a number of dimensions and no correction",
      hint: "give --dimensions K, or use --solver full",
    });
  }
  return dims !== undefined &&
    dims >= 1 &&
    correction === "none" &&
    (solver === "lanczos" || (solver === "auto" && n >= LANCZOS_MIN_N && dims <= n / 10))
    ? "lanczos"
    : "full";
}

/**
 * Principal coordinates analysis (classical MDS; Gower 1966, doi:10.1093/biomet/53.3-4.325), with
 * optional Lingoes or Cailliez correction (Cailliez 1983, doi:10.1007/BF02294026). Matches R
 * `cmdscale(d, k, eig = TRUE)`, scikit-bio `pcoa` and ape `pcoa` (axes up to sign).
 * @throws {InputError} `too_few_samples` below 3 samples; `bad_argument` when the Lanczos solver is
 *   asked for without `dimensions` or with a correction.
 */
export function pcoa(dm: DistanceMatrix, options: PcoaOptions = {}): PcoaResult {
  const n = dm.ids.length;
  if (n < 3) {
    throw InputError.single({
      code: "too_few_samples",
      message: `PCoA needs at least 3 samples, got ${n}`,
      hint: "add samples",
    });
  }
  const correction = options.correction ?? "none";
  if (pcoaSolver(n, options) === "lanczos") {
    return pcoaLanczos(dm, Math.min(options.dimensions!, n), options.product ?? gowerProduct(dm));
  }
  const warnings: string[] = [];
  let constant = 0;
  let b: Float64Array;
  if (correction === "lingoes") {
    const { min } = smallestEigenvalue(gowerCentred(dm), n);
    constant = min < 0 ? -min : 0;
    b = gowerCentred(corrected(dm, 0, 2 * constant));
  } else if (correction === "cailliez") {
    constant = cailliezConstant(dm);
    b = gowerCentred(corrected(dm, constant, 0));
  } else b = gowerCentred(dm);

  let positive = 0;
  let threshold = 0;
  const eig = symmetricEigen(b, n, (values) => {
    threshold = POSITIVE * Math.max(values[0]!, 0);
    while (positive < n && values[positive]! > threshold) positive++;
    return Math.min(options.dimensions ?? positive, positive);
  });
  const k = eig.k;
  if (options.dimensions !== undefined && options.dimensions > positive) {
    warnings.push(`only ${positive} axes have a positive eigenvalue; ${options.dimensions} were requested`);
  }
  if (positive === 0) warnings.push("no axis has a positive eigenvalue (all distances zero?)");
  const eigenvalues = eig.values;

  let sumPositive = 0;
  const neg = { count: 0, sum: 0, largest: 0 };
  for (let j = 0; j < n; j++) {
    const l = eigenvalues[j]!;
    if (l > threshold) sumPositive += l;
    else if (l < -threshold) {
      neg.count++;
      neg.sum += l;
      neg.largest = Math.min(neg.largest, l);
    }
  }
  const proportionExplained = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const l = eigenvalues[j]!;
    proportionExplained[j] = l > threshold ? l / sumPositive : 0;
  }
  if (neg.count > 0 && correction === "none") {
    warnings.push(
      `${neg.count} negative eigenvalue(s) (sum ${neg.sum.toPrecision(4)}, ${((100 * -neg.sum) / sumPositive).toFixed(1)}% of the positive sum): the distance is not Euclidean; their axes are left out (consider correction "lingoes" or "cailliez")`,
    );
  }
  const coordinates = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const scale = Math.sqrt(eigenvalues[j]!);
    for (let i = 0; i < n; i++) coordinates[i * k + j] = eig.vectors[j * n + i]! * scale;
  }
  return {
    method: "pcoa",
    correction,
    solver: "full",
    correctionConstant: constant,
    ids: [...dm.ids],
    axes: Array.from({ length: k }, (_, j) => `PC${j + 1}`),
    eigenvalues,
    proportionExplained,
    coordinates,
    negativeEigenvalues: neg,
    warnings,
  };
}
