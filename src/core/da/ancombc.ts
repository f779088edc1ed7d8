/**
 * ANCOM-BC: analysis of compositions of microbiomes with bias correction (Lin H, Peddada SD (2020)
 * Nat Commun 11:3514, doi:10.1038/s41467-020-17041-7), following the steps of ANCOMBC 1.x
 * `ancombc()` for fixed effects:
 *
 * Model: y_ij = ln O_ij = theta_i + x_i' b_j + e_ij, where theta_i is the (log) sampling fraction
 * of sample i, unidentifiable from b_j without an assumption on the taxa.
 * 1. Zeros are missing values (ANCOMBC's default `pseudo = 0`): each taxon is fitted on the samples
 *    in which it was observed (weights w_ij = 1[O_ij > 0]).
 * 2. Sampling fractions: start with theta = 0 and alternate
 *      b_j    = (X'W_j X)^-1 X'W_j (y_j - theta)                         (OLS per taxon)
 *      theta_i = mean over observed taxa j of (y_ij - x_i' b_j)
 *    until max |change in theta| < 1e-5 (at most 100 iterations). Residual variance
 *    s2_j = sum_i w_ij e_ij^2 / (n_j - p); var(b_jc) = s2_j [(X'W_j X)^-1]_cc.
 * 3. Bias: the differences in sampling fractions between groups leave a common offset delta_c in
 *    every b_jc. Most taxa are null, so b_jc ~ pi0 N(delta, nu_j) + pi1 N(delta + l1, nu_j + k1) +
 *    pi2 N(delta + l2, nu_j + k2) with l1 <= 0 <= l2; delta is estimated by EM over this mixture
 *    (`estimateBiasEm`), with ANCOMBC's starting values (pi = 0.75/0.125/0.125, delta = mean of the
 *    inter-quartile b, l1 / l2 = means below the 12.5% / above the 87.5% quantile).
 * 4. b*_jc = b_jc - delta_c, se*_jc = sqrt(nu_j + var(delta_c)), W = b* / se*,
 *    p = 2 P(T_{n_j - p} > |W|) with n_j the samples in which taxon j was observed; q = BH across
 *    taxa per column. Departures: ANCOMBC takes p from the standard normal, which in our seeded
 *    calibration (40 samples) gave a family-wise false-positive rate of 16% at q < 0.05; the t
 *    reference brings it to 2%, and is the same limit for large n. ANCOMBC's default adjustment is
 *    Holm; BH is used here for every method so q values are comparable.
 * log fold changes are natural-log in the model and reported on the log2 scale (b / ln 2, and
 * se / ln 2).
 * Simplifications (documented in docs/DA.md): no structural-zero detection — taxa observed in fewer
 * than p + 2 samples, or whose observed samples make the design singular (e.g. seen in one group
 * only), are not tested and are listed in a warning; the M step for the variance components k1, k2
 * is a weighted moment update rather than ANCOMBC's numerical maximisation; var(delta) is the
 * inverse of the EM information sum_j r_j0 / nu_j + r_j1 / (nu_j + k1) + r_j2 / (nu_j + k2).
 */
import { listIds, NumericalError } from "../errors.js";
import { dNormal } from "../stats/distributions/normal.js";
import { pStudentTTwoSided } from "../stats/distributions/student-t.js";
import { quantileSorted } from "./kernel-mode.js";
import type { DaInput } from "./prepare.js";
import { columnRows, emptyEstimates, setWaldTest } from "./result-rows.js";
import { householderQr, qrUnscaledCovariance } from "../stats/qr.js";
import type { DaMethodResult, DaRow } from "./types.js";

export const ANCOMBC_REFERENCE =
  "Lin H, Peddada SD (2020) Nat Commun 11:3514, doi:10.1038/s41467-020-17041-7";

export interface AncombcOptions {
  tolerance?: number;
  maxIterations?: number;
}

export interface BiasEstimate {
  delta: number;
  varDelta: number;
  iterations: number;
}

export function ancombc(input: DaInput, options: AncombcOptions = {}): DaMethodResult {
  const tol = options.tolerance ?? 1e-5;
  const maxIter = options.maxIterations ?? 100;
  const { nSamples: n, nTaxa: m, counts, design } = input;
  const p = design.nCols;
  const x = design.x;
  householderQr(x, n, p, design.columnNames); // a singular design is a NumericalError naming the column
  // log counts with zeros as missing; per-taxon (X'W X)^-1
  const y = new Float64Array(n * m);
  for (let k = 0; k < y.length; k++) y[k] = counts[k]! > 0 ? Math.log(counts[k]!) : Number.NaN;
  const tested: number[] = [];
  const inverses: Float64Array[] = [];
  const nObs: number[] = [];
  const observedX = new Float64Array(n * p);
  for (let j = 0; j < m; j++) {
    let nj = 0;
    for (let i = 0; i < n; i++) {
      if (counts[i * m + j]! > 0) observedX.set(x.subarray(i * p, (i + 1) * p), p * nj++);
    }
    if (nj < p + 2) continue;
    const inv = observedCovariance(observedX.subarray(0, nj * p), nj, p, design.columnNames);
    if (inv === null) continue;
    tested.push(j);
    inverses.push(inv);
    nObs.push(nj);
  }
  const testedSet = new Set(tested);
  const untested = input.taxa.filter((_, j) => !testedSet.has(j));
  const mt = tested.length;
  const beta = new Float64Array(mt * p);
  const theta = new Float64Array(n);
  const xty = new Float64Array(p);
  const fitTaxa = (): void => {
    for (let t = 0; t < mt; t++) {
      const j = tested[t]!;
      xty.fill(0);
      for (let i = 0; i < n; i++) {
        const v = y[i * m + j]!;
        if (Number.isNaN(v)) continue;
        const r = v - theta[i]!;
        for (let c = 0; c < p; c++) xty[c]! += x[i * p + c]! * r;
      }
      const inv = inverses[t]!;
      for (let c = 0; c < p; c++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += inv[c * p + k]! * xty[k]!;
        beta[t * p + c] = s;
      }
    }
  };
  const residual = (i: number, t: number): number => {
    let fitted = 0;
    for (let c = 0; c < p; c++) fitted += x[i * p + c]! * beta[t * p + c]!;
    return y[i * m + tested[t]!]! - fitted;
  };
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    fitTaxa();
    let change = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      let k = 0;
      for (let t = 0; t < mt; t++) {
        if (Number.isNaN(y[i * m + tested[t]!]!)) continue;
        s += residual(i, t);
        k++;
      }
      const next = k > 0 ? s / k : 0;
      change = Math.max(change, Math.abs(next - theta[i]!));
      theta[i] = next;
    }
    if (change < tol) break;
  }
  fitTaxa();
  const s2 = new Float64Array(mt);
  for (let t = 0; t < mt; t++) {
    let rss = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(y[i * m + tested[t]!]!)) continue;
      rss += (residual(i, t) - theta[i]!) ** 2;
    }
    s2[t] = rss / (nObs[t]! - p);
  }
  const rows: DaRow[] = [];
  const warnings: string[] = [];
  if (untested.length > 0) {
    warnings.push(
      `ancombc: ${untested.length} taxa not tested (observed in too few samples, or in one group only): ${listIds(untested)}`,
    );
  }
  if (iterations >= maxIter)
    warnings.push(`ancombc: sampling fractions did not converge in ${maxIter} iterations`);
  const biases: string[] = [];
  const b = new Float64Array(mt);
  const nu = new Float64Array(mt);
  input.termColumns.forEach((c, term) => {
    for (let t = 0; t < mt; t++) {
      b[t] = beta[t * p + c]!;
      nu[t] = s2[t]! * inverses[t]![c * p + c]!;
    }
    const bias = estimateBiasEm(b, nu, { tolerance: tol, maxIterations: maxIter });
    biases.push(bias.delta.toPrecision(6));
    const est = emptyEstimates(mt);
    for (let t = 0; t < mt; t++) {
      est.estimate[t] = (b[t]! - bias.delta) / Math.LN2;
      est.se[t] = Math.sqrt(nu[t]! + bias.varDelta) / Math.LN2;
      setWaldTest(est, t, (w) => pStudentTTwoSided(w, nObs[t]! - p));
    }
    rows.push(...columnRows(input, "ancombc", term, est, tested));
  });
  return {
    rows,
    summary: {
      method: "ancombc",
      reference: ANCOMBC_REFERENCE,
      parameters: { iterations, tolerance: tol, bias_ln: biases.join(",") },
      zeroHandling: "zeros are missing values (each taxon fitted on the samples where it was observed)",
      taxaTested: mt,
      warnings,
    },
  };
}

/**
 * EM estimate of the common bias delta of coefficients `beta` with sampling variances `nu`, under
 * the three-component normal mixture of ANCOM-BC (null, negative and positive effects).
 */
export function estimateBiasEm(
  beta: Float64Array,
  nu: Float64Array,
  options: { tolerance?: number; maxIterations?: number } = {},
): BiasEstimate {
  const tol = options.tolerance ?? 1e-5;
  const maxIter = options.maxIterations ?? 100;
  const m = beta.length;
  const sorted = Float64Array.from(beta).sort();
  const q = (prob: number): number => quantileSorted(sorted, prob);
  const meanWhere = (keep: (v: number) => boolean, fallback: number): number => {
    let s = 0;
    let k = 0;
    for (const v of sorted) {
      if (keep(v)) {
        s += v;
        k++;
      }
    }
    return k > 0 ? s / k : fallback;
  };
  const varWhere = (keep: (v: number) => boolean): number => {
    const vals = sorted.filter(keep);
    if (vals.length < 2) return 1;
    const mu = vals.reduce((a, v) => a + v, 0) / vals.length;
    const v = vals.reduce((a, x) => a + (x - mu) ** 2, 0) / (vals.length - 1);
    return v > 0 ? v : 1;
  };
  const q25 = q(0.25);
  const q75 = q(0.75);
  const q125 = q(0.125);
  const q875 = q(0.875);
  let delta = meanWhere((v) => v >= q25 && v <= q75, q(0.5));
  let l1 = Math.min(meanWhere((v) => v < q125, delta) - delta, 0);
  let l2 = Math.max(meanWhere((v) => v > q875, delta) - delta, 0);
  let k1 = varWhere((v) => v < q125);
  let k2 = varWhere((v) => v > q875);
  let pi0 = 0.75;
  let pi1 = 0.125;
  let pi2 = 0.125;
  const r0 = new Float64Array(m);
  const r1 = new Float64Array(m);
  const r2 = new Float64Array(m);
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    // E step
    for (let j = 0; j < m; j++) {
      const d0 = pi0 * normalDensity(beta[j]!, delta, nu[j]!);
      const d1 = pi1 * normalDensity(beta[j]!, delta + l1, nu[j]! + k1);
      const d2 = pi2 * normalDensity(beta[j]!, delta + l2, nu[j]! + k2);
      const total = d0 + d1 + d2;
      if (total > 0) {
        r0[j] = d0 / total;
        r1[j] = d1 / total;
        r2[j] = d2 / total;
      } else {
        r0[j] = 1;
        r1[j] = 0;
        r2[j] = 0;
      }
    }
    // M step
    const next0 = mean(r0);
    const next1 = mean(r1);
    const next2 = mean(r2);
    let num = 0;
    let den = 0;
    for (let j = 0; j < m; j++) {
      num += (r0[j]! * beta[j]!) / nu[j]! + (r1[j]! * (beta[j]! - l1)) / (nu[j]! + k1);
      num += (r2[j]! * (beta[j]! - l2)) / (nu[j]! + k2);
      den += r0[j]! / nu[j]! + r1[j]! / (nu[j]! + k1) + r2[j]! / (nu[j]! + k2);
    }
    const nextDelta = num / den;
    const nextL1 = Math.min(weightedShift(beta, nu, r1, k1, nextDelta), 0);
    const nextL2 = Math.max(weightedShift(beta, nu, r2, k2, nextDelta), 0);
    const nextK1 = momentVariance(beta, nu, r1, nextDelta + nextL1, k1);
    const nextK2 = momentVariance(beta, nu, r2, nextDelta + nextL2, k2);
    const change =
      Math.abs(nextDelta - delta) + Math.abs(nextL1 - l1) + Math.abs(nextL2 - l2) + Math.abs(next0 - pi0);
    delta = nextDelta;
    l1 = nextL1;
    l2 = nextL2;
    k1 = nextK1;
    k2 = nextK2;
    pi0 = next0;
    pi1 = next1;
    pi2 = next2;
    if (change < tol) break;
  }
  let info = 0;
  for (let j = 0; j < m; j++) info += r0[j]! / nu[j]! + r1[j]! / (nu[j]! + k1) + r2[j]! / (nu[j]! + k2);
  return { delta, varDelta: 1 / info, iterations };
}

/** (X'X)^-1 of the rows where a taxon was observed, or null when they leave a column aliased. */
function observedCovariance(
  x: Float64Array,
  n: number,
  p: number,
  names: readonly string[],
): Float64Array | null {
  try {
    return qrUnscaledCovariance(householderQr(x, n, p, names));
  } catch (e) {
    if (e instanceof NumericalError) return null;
    throw e;
  }
}

function normalDensity(x: number, mu: number, variance: number): number {
  const sd = Math.sqrt(variance);
  return dNormal((x - mu) / sd) / sd;
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}

/** sum_j w_j v_j / sum_j w_j over j < m, with the weight sum (0 when every weight is 0). */
function weightedAverage(
  m: number,
  weight: (j: number) => number,
  value: (j: number) => number,
): [number, number] {
  let num = 0;
  let den = 0;
  for (let j = 0; j < m; j++) {
    const w = weight(j);
    num += w * value(j);
    den += w;
  }
  return [den > 0 ? num / den : 0, den];
}

/** Precision-weighted mean of beta - delta under component weights r (variance nu + k). */
function weightedShift(
  beta: Float64Array,
  nu: Float64Array,
  r: Float64Array,
  k: number,
  delta: number,
): number {
  return weightedAverage(
    beta.length,
    (j) => r[j]! / (nu[j]! + k),
    (j) => beta[j]! - delta,
  )[0];
}

/** Weighted moment update of a component's extra variance: mean of (beta - mu)^2 - nu, floor 1e-8. */
function momentVariance(
  beta: Float64Array,
  nu: Float64Array,
  r: Float64Array,
  mu: number,
  previous: number,
): number {
  const [mean, total] = weightedAverage(
    beta.length,
    (j) => r[j]!,
    (j) => (beta[j]! - mu) ** 2 - nu[j]!,
  );
  return total > 1e-8 ? Math.max(mean, 1e-8) : previous;
}
