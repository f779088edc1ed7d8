/**
 * ANCOM-BC: analysis of compositions of microbiomes with bias correction (Lin H, Peddada SD (2020)
 * Nat Commun 11:3514, doi:10.1038/s41467-020-17041-7), equal by default to `ancombc()` of ANCOMBC
 * 1.x — reference: ANCOMBC 1.6.5 (Bioconductor RELEASE_3_15, commit 63b0742, the last 1.x release;
 * R/ancombc.R, R/ancombc_bias_correct.R `iter_mle` (type "ancombc") and `bias_em`):
 *
 * Model: y_ij = ln(O_ij + 1) = theta_i + x_i' b_j + e_ij (`ancombc()` adds the pseudocount 1 in
 * every 1.x release; `pseudo = 0` belongs to `ancombc2()`), theta_i the sample's log sampling
 * fraction.
 * 1. Sampling fractions (`iter_mle`): theta = 0, b_j = OLS of y_j - theta on X; then repeat
 *      b_j^new = OLS(y_j - theta),  theta_i^new = mean_j (y_ij - x_i' b_j^new),
 *      eps = sqrt(sum (b^new - b)^2 + sum (theta^new - theta)^2)
 *    while eps > tol (1e-5) and fewer than max_iter (100) iterations.
 * 2. Variance: residuals e_ij = y_ij - x_i' b_j - theta_i and ANCOMBC's sandwich estimator with the
 *    global (X'X)^-1:  Var(b_j) = (X'X)^-1 (sum_i e_ij^2 x_i x_i') (X'X)^-1; nu_jc its diagonal.
 * 3. Bias (`bias_em`, per design column): b_jc ~ pi0 N(delta, nu_j) + pi1 N(delta + l1, nu_j + k1)
 *    + pi2 N(delta + l2, nu_j + k2), l1 <= 0 <= l2, fitted by EM from pi = (0.75, 0.125, 0.125),
 *    delta = mean of the b within the quartiles, l1 / l2 = mean of the b below the 12.5% / above
 *    the 87.5% quantile (R type-7 quantiles), k1 / k2 their variances (1 when undefined or 0).
 *    M step exactly as ANCOMBC: delta from the previous l1, l2, k; l1, l2 from the previous delta;
 *    k1, k2 each minimise -sum_j r_jk ln phi(b_j; delta + l_k, nu_j + k) over k >= 0 (ANCOMBC calls
 *    nloptr's Nelder–Mead from the previous k; here the same local minimum is bracketed by the
 *    derivative's sign and refined by bisection to relative precision 1e-12). Stop when the
 *    Euclidean norm of the change of all eight parameters is
 *    <= tol or after max_iter iterations. var(delta) = 1 / sum_j 1/nu*_j with the WLS clusters of
 *    `bias_em` (used only when conserve = TRUE).
 * 4. b*_jc = b_jc - delta_c, se = sqrt(nu_jc) (conserve = TRUE: sqrt(nu + var(delta)
 *    + 2 sqrt(nu var(delta)))), W = b* / se, p = 2 P(Z > |W|), q = Holm across taxa per column
 *    (`p_adj_method = "holm"`); R's alpha = 0.05 is applied by the caller's threshold.
 * Not implemented: structural-zero detection (`struc_zero`, default FALSE), the global test.
 * Options that depart from the reference (never the default): `pDistribution: "t"` (t with n - p
 * df: our seeded 40-sample nulls gave 16% family-wise false positives with the normal reference),
 * `pAdjust: "bh"`.
 * Log fold changes are natural-log in the model and reported on the log2 scale (b / ln 2,
 * se / ln 2); W and p are unchanged by that conversion.
 */
import { NumericalError } from "../errors.js";
import { mean, quantileSorted, variance } from "../stats/descriptive.js";
import { dNormal, pNormalTwoSided } from "../stats/distributions/normal.js";
import { pStudentTTwoSided } from "../stats/distributions/student-t.js";
import { adjustPValues, type PAdjustMethod } from "../stats/p-adjust.js";
import type { DaInput } from "./prepare.js";
import { columnRows, emptyEstimates, setWaldTest } from "./result-rows.js";
import { fitSharedDesign, type SharedDesignSolver, sharedDesignSolver } from "./shared-design-ols.js";
import type { DaMethodResult, DaRow } from "./types.js";

export const ANCOMBC_REFERENCE =
  "Lin H, Peddada SD (2020) Nat Commun 11:3514, doi:10.1038/s41467-020-17041-7; as ancombc() of ANCOMBC 1.6.5";

/** `ancombc()` adds 1 to every count before the logarithm. */
const PSEUDOCOUNT = 1;

/** Options of {@link ancombc}; defaults are `ancombc()`'s in ANCOMBC 1.6.5. */
export interface AncombcOptions {
  /** Convergence tolerance of both iterations (default 1e-5, as ANCOMBC `tol`). */
  tolerance?: number;
  /** Iteration cap of both iterations (default 100, as ANCOMBC `max_iter`). */
  maxIterations?: number;
  /** Add var(delta) to the variance (default false, as ANCOMBC `conserve`). */
  conserve?: boolean;
  /** Reference distribution of W (default "normal", as ANCOMBC; "t" uses n - p df). */
  pDistribution?: "normal" | "t";
  /** Multiple-testing adjustment across taxa (default "holm", as ANCOMBC `p_adj_method`). */
  pAdjust?: PAdjustMethod;
}

/** ANCOM-BC's estimate of the sampling-fraction bias of one coefficient (EM and WLS) and its variance. */
export interface BiasEstimate {
  /** EM estimate of the bias (`delta_em`). */
  delta: number;
  /** WLS estimate (`delta_wls`). */
  deltaWls: number;
  /** 1 / sum 1/nu* (`var_delta`). */
  varDelta: number;
  iterations: number;
}

/**
 * ANCOM-BC, analysis of compositions with bias correction (Lin & Peddada 2020, Nat Commun 11:3514,
 * doi:10.1038/s41467-020-17041-7), equal by default to `ancombc()` of ANCOMBC 1.6.5; log2 fold
 * changes (converted from the natural-log model).
 * @throws {NumericalError} when the design is singular or a taxon has zero variance.
 */
export function ancombc(input: DaInput, options: AncombcOptions = {}): DaMethodResult {
  const tol = options.tolerance ?? 1e-5;
  const maxIter = options.maxIterations ?? 100;
  const conserve = options.conserve ?? false;
  const pDistribution = options.pDistribution ?? "normal";
  const pAdjust = options.pAdjust ?? "holm";
  const { nSamples: n, nTaxa: m, counts, design } = input;
  const solver = sharedDesignSolver(design); // singular design: NumericalError naming the column
  const p = solver.p;
  const x = design.x;
  const y = new Float64Array(n * m);
  for (let k = 0; k < y.length; k++) y[k] = Math.log(counts[k]! + PSEUDOCOUNT);
  const fit = iterateSamplingFractions(solver, y, m, tol, maxIter);
  const { beta, theta } = fit;
  // sandwich variance: (X'X)^-1 (sum_i e_ij^2 x_i x_i') (X'X)^-1, diagonal only
  const nu = new Float64Array(p * m);
  const meat = new Float64Array(p * p);
  const xtxInv = solver.xtxInv;
  for (let j = 0; j < m; j++) {
    meat.fill(0);
    for (let i = 0; i < n; i++) {
      let fitted = 0;
      for (let c = 0; c < p; c++) fitted += x[i * p + c]! * beta[c * m + j]!;
      const e = y[i * m + j]! - fitted - theta[i]!;
      const e2 = e * e;
      for (let a = 0; a < p; a++) {
        const xa = e2 * x[i * p + a]!;
        for (let b = 0; b < p; b++) meat[a * p + b]! += xa * x[i * p + b]!;
      }
    }
    for (let c = 0; c < p; c++) {
      let v = 0;
      for (let a = 0; a < p; a++) {
        let s = 0;
        for (let b = 0; b < p; b++) s += meat[a * p + b]! * xtxInv[b * p + c]!;
        v += xtxInv[c * p + a]! * s;
      }
      nu[c * m + j] = v;
    }
  }
  const rows: DaRow[] = [];
  const warnings: string[] = [];
  if (fit.iterations >= maxIter)
    warnings.push(`ancombc: sampling fractions did not converge in ${maxIter} iterations`);
  const biases: string[] = [];
  input.termColumns.forEach((c, term) => {
    const b = beta.subarray(c * m, (c + 1) * m);
    const v = nu.subarray(c * m, (c + 1) * m);
    const bias = estimateBiasEm(b, v, { tolerance: tol, maxIterations: maxIter });
    if (bias.iterations >= maxIter)
      warnings.push(`ancombc: bias EM for ${input.termNames[term]} stopped at ${maxIter} iterations`);
    biases.push(bias.delta.toPrecision(6));
    const est = emptyEstimates(m);
    let degenerate = 0;
    for (let j = 0; j < m; j++) {
      const variance = conserve ? v[j]! + bias.varDelta + 2 * Math.sqrt(v[j]! * bias.varDelta) : v[j]!;
      est.estimate[j] = (b[j]! - bias.delta) / Math.LN2;
      est.se[j] = Math.sqrt(variance) / Math.LN2;
      const bad = setWaldTest(est, j, (w) =>
        pDistribution === "t" ? pStudentTTwoSided(w, solver.df) : pNormalTwoSided(w),
      );
      if (bad) degenerate++;
    }
    if (degenerate > 0) warnings.push(`ancombc: ${degenerate} taxa with zero variance (reported with p = 1)`);
    rows.push(...columnRows(input, "ancombc", term, { ...est, q: adjustPValues(est.p, pAdjust) }));
  });
  return {
    rows,
    summary: {
      method: "ancombc",
      reference: ANCOMBC_REFERENCE,
      parameters: {
        pseudocount: PSEUDOCOUNT,
        iterations: fit.iterations,
        tolerance: tol,
        max_iterations: maxIter,
        conserve,
        p_distribution: pDistribution,
        p_adjust: pAdjust,
        bias_ln: biases.join(","),
      },
      zeroHandling: "log(count + 1), as ANCOMBC 1.x ancombc()",
      taxaTested: m,
      warnings,
    },
  };
}

/**
 * ANCOMBC's `iter_mle` (type "ancombc") on complete data: alternating OLS fits of y - theta and
 * theta = column means of y - fitted. Returns the last fits' coefficients (p x m) and theta.
 */
function iterateSamplingFractions(
  solver: SharedDesignSolver,
  y: Float64Array,
  m: number,
  tol: number,
  maxIter: number,
): { beta: Float64Array; theta: Float64Array; iterations: number } {
  const { n, p, x } = solver;
  let theta = new Float64Array(n);
  const shifted = new Float64Array(n * m);
  const fitWith = (t: Float64Array): Float64Array => {
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) shifted[i * m + j] = y[i * m + j]! - t[i]!;
    return fitSharedDesign(solver, shifted, m).coef;
  };
  let beta = fitWith(theta);
  let iterations = 0;
  let epsilon = 100;
  while (epsilon > tol && iterations < maxIter) {
    const betaNew = fitWith(theta);
    const thetaNew = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) {
        let fitted = 0;
        for (let c = 0; c < p; c++) fitted += x[i * p + c]! * betaNew[c * m + j]!;
        s += y[i * m + j]! - fitted;
      }
      thetaNew[i] = s / m;
    }
    let ss = 0;
    for (let k = 0; k < beta.length; k++) ss += (betaNew[k]! - beta[k]!) ** 2;
    for (let i = 0; i < n; i++) ss += (thetaNew[i]! - theta[i]!) ** 2;
    epsilon = Math.sqrt(ss);
    iterations++;
    beta = betaNew;
    theta = thetaNew;
  }
  return { beta, theta, iterations };
}

/**
 * ANCOMBC's `bias_em`: EM estimate of the common bias delta of coefficients `beta` with sampling
 * variances `nu` under the three-component normal mixture (null, negative and positive effects),
 * then the WLS estimate and var(delta). A zero variance is a NumericalError (ANCOMBC stops too).
 * @throws {NumericalError} when a variance in `nu` is not positive.
 */
export function estimateBiasEm(
  beta: Float64Array,
  nu: Float64Array,
  options: { tolerance?: number; maxIterations?: number } = {},
): BiasEstimate {
  const tol = options.tolerance ?? 1e-5;
  const maxIter = options.maxIterations ?? 100;
  const m = beta.length;
  if (nu.some((v) => !(v > 0))) {
    throw new NumericalError(
      "ancombc: a taxon has zero variance; remove constant taxa or use a more parsimonious model",
    );
  }
  const sorted = Float64Array.from(beta).sort();
  const q = (prob: number): number => quantileSorted(sorted, prob);
  const below = (t: number): number[] => Array.from(beta).filter((v) => v < t);
  const above = (t: number): number[] => Array.from(beta).filter((v) => v > t);
  const q25 = q(0.25);
  const q75 = q(0.75);
  const inner = Array.from(beta).filter((v) => v >= q25 && v <= q75);
  const low = below(q(0.125));
  const high = above(q(0.875));
  let em: EmParameters = {
    pi0: 0.75,
    pi1: 0.125,
    pi2: 0.125,
    delta: inner.length > 0 ? mean(inner) : mean(Array.from(beta)),
    l1: low.length > 0 ? mean(low) : sorted[0]!,
    l2: high.length > 0 ? mean(high) : sorted[m - 1]!,
    k1: varianceOr1(low),
    k2: varianceOr1(high),
  };
  const r0 = new Float64Array(m);
  const r1 = new Float64Array(m);
  const r2 = new Float64Array(m);
  let iterations = 0;
  let epsilon = 100;
  while (epsilon > tol && iterations < maxIter) {
    // E step (a taxon whose three densities all underflow gets weight 0 everywhere, as in R)
    for (let j = 0; j < m; j++) {
      const d0 = em.pi0 * normalDensity(beta[j]!, em.delta, nu[j]!);
      const d1 = em.pi1 * normalDensity(beta[j]!, em.delta + em.l1, nu[j]! + em.k1);
      const d2 = em.pi2 * normalDensity(beta[j]!, em.delta + em.l2, nu[j]! + em.k2);
      const total = d0 + d1 + d2;
      r0[j] = total > 0 ? d0 / total : 0;
      r1[j] = total > 0 ? d1 / total : 0;
      r2[j] = total > 0 ? d2 / total : 0;
    }
    // M step
    let num = 0;
    let den = 0;
    for (let j = 0; j < m; j++) {
      const w0 = r0[j]! / nu[j]!;
      const w1 = r1[j]! / (nu[j]! + em.k1);
      const w2 = r2[j]! / (nu[j]! + em.k2);
      num += w0 * beta[j]! + w1 * (beta[j]! - em.l1) + w2 * (beta[j]! - em.l2);
      den += w0 + w1 + w2;
    }
    const next: EmParameters = {
      pi0: mean(r0),
      pi1: mean(r1),
      pi2: mean(r2),
      delta: num / den,
      l1: Math.min(clusterShift(beta, nu, r1, em.k1, em.delta), 0),
      l2: Math.max(clusterShift(beta, nu, r2, em.k2, em.delta), 0),
      k1: minimiseKappa(beta, nu, r1, em.delta + em.l1, em.k1),
      k2: minimiseKappa(beta, nu, r2, em.delta + em.l2, em.k2),
    };
    let change = 0;
    for (const key of EM_PARAMETERS) change += (next[key] - em[key]) ** 2;
    epsilon = Math.sqrt(change);
    iterations++;
    em = next;
  }
  const { delta, l1, l2, k1, k2 } = em;
  // WLS estimate with clusters cut at the pi1 and 1 - pi2 quantiles
  const c1 = q(em.pi1);
  const c2 = q(1 - em.pi2);
  let wNum = 0;
  let wDen = 0;
  for (let j = 0; j < m; j++) {
    const b = beta[j]!;
    const cluster = b < c1 ? 1 : b >= c2 ? 2 : 0;
    const v = nu[j]! + (cluster === 1 ? k1 : cluster === 2 ? k2 : 0);
    wDen += 1 / v;
    wNum += (cluster === 1 ? b - l1 : cluster === 2 ? b - l2 : b) / v;
  }
  return { delta, deltaWls: wNum / wDen, varDelta: 1 / wDen, iterations };
}

/** The EM's parameters: cluster shares pi, null-cluster centre delta, shifts l and extra variances k. */
interface EmParameters {
  pi0: number;
  pi1: number;
  pi2: number;
  delta: number;
  l1: number;
  l2: number;
  k1: number;
  k2: number;
}

/** The parameters in the order `bias_em` sums their squared changes (its convergence criterion). */
const EM_PARAMETERS = ["pi0", "pi1", "pi2", "delta", "l1", "l2", "k1", "k2"] as const;

/**
 * A cluster's shift from delta, sum_j w_j (b_j - delta) / sum_j w_j with w_j = r_j / (nu_j + k);
 * 0 when the cluster has no weight.
 */
function clusterShift(
  beta: Float64Array,
  nu: Float64Array,
  r: Float64Array,
  k: number,
  delta: number,
): number {
  let num = 0;
  let den = 0;
  for (let j = 0; j < beta.length; j++) {
    const w = r[j]! / (nu[j]! + k);
    num += w * (beta[j]! - delta);
    den += w;
  }
  return den > 0 ? num / den : 0;
}

/**
 * argmin over k >= 0 of -sum_j r_j ln phi(b_j; mu, nu_j + k), the local minimum reached downhill
 * from `start` (ANCOMBC: nloptr Nelder–Mead from the previous value, lower bound 0). The
 * derivative is (1/2) sum_j r_j (1/v_j - (b_j - mu)^2 / v_j^2), v_j = nu_j + k; the minimum is
 * bracketed by doubling steps on the derivative's sign and refined by bisection to relative
 * precision 1e-12.
 */
function minimiseKappa(
  beta: Float64Array,
  nu: Float64Array,
  r: Float64Array,
  mu: number,
  start: number,
): number {
  const slope = (k: number): number => {
    let s = 0;
    for (let j = 0; j < beta.length; j++) {
      if (r[j] === 0) continue;
      const v = nu[j]! + k;
      s += r[j]! * (1 / v - (beta[j]! - mu) ** 2 / (v * v));
    }
    return s;
  };
  const g0 = slope(start);
  if (g0 === 0 || !Number.isFinite(g0)) return start;
  let lo: number;
  let hi: number;
  if (g0 > 0) {
    // decreasing k lowers the objective: walk towards 0
    hi = start;
    lo = start / 2;
    while (lo > 1e-300 && slope(lo) > 0) {
      hi = lo;
      lo /= 2;
    }
    if (lo <= 1e-300) {
      if (slope(0) >= 0) return 0;
      lo = 0;
    }
  } else {
    lo = start;
    hi = start > 0 ? start * 2 : 1;
    while (slope(hi) < 0) {
      lo = hi;
      hi *= 2;
      if (!Number.isFinite(hi)) return lo;
    }
  }
  // Bisection on the derivative's sign, not a minimiser of the objective: the derivative needs only
  // IEEE arithmetic (no Math.log, whose last bit differs between JavaScript engines) and bisection
  // reaches relative precision 1e-12, where a minimiser stops at ~sqrt(eps) of a flat minimum; so
  // Node and every browser find the same k.
  for (let it = 0; it < 200 && hi - lo > 1e-12 * Math.max(hi, 1e-300); it++) {
    const mid = 0.5 * (lo + hi);
    if (slope(mid) > 0) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

function normalDensity(x: number, mu: number, variance: number): number {
  const sd = Math.sqrt(variance);
  return dNormal((x - mu) / sd) / sd;
}

/** Sample variance (n - 1), or 1 when it is undefined or 0 (as `bias_em`'s starting k). */
function varianceOr1(a: readonly number[]): number {
  const v = variance(a);
  return v > 0 ? v : 1;
}
