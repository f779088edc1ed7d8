/**
 * Meta-analysis of k independent estimates y_i with standard errors s_i (v_i = s_i²): the
 * fixed-effect (inverse-variance) estimate and the random-effects model y_i = μ + u_i + e_i,
 * u_i ~ N(0, τ²), e_i ~ N(0, v_i), with τ² by DerSimonian–Laird (DL) or restricted maximum
 * likelihood (REML). Equals R `metafor::rma(yi, sei = sei, method = "EE" | "DL" | "REML")` (an
 * intercept-only model, z tests, 95% intervals) with metafor's defaults.
 *
 * With weights w_i = 1/v_i, S_1 = Σ w_i, ȳ_w = Σ w_i y_i / S_1, P = W − w wᵀ / S_1:
 *   Q    = yᵀPy = Σ w_i (y_i − ȳ_w)²   on k − 1 df (Cochran's heterogeneity test)
 *   tr P = S_1 − Σ w_i² / S_1
 *   DL:   τ² = max(0, (Q − (k − 1)) / tr P)
 *   REML: Fisher scoring from the Hedges estimate τ²₀ = max(0, (Σ (y_i − ȳ)² − (k−1)/k Σ v_i)/(k − 1)),
 *         w_i = 1/(v_i + τ²), P = W − w wᵀ / Σ w, step (yᵀPPy − tr P) / tr(PP), halved while
 *         it would make τ² negative; stops when |Δτ²| <= 1e-5, fails after 100 steps (or on an
 *         infinite step, where metafor's step halving would never end);
 *         then, as metafor's `ll0check`, τ² = 0 when the restricted log-likelihood at 0 exceeds the
 *         one at the estimate by more than eps^(1/4) (and τ² > 1e-5).
 *   estimate μ̂ = Σ w_i y_i / Σ w_i with w_i = 1/(v_i + τ²) (τ² = 0 for the fixed effect),
 *   se = (Σ w_i)^(-1/2), z = μ̂/se, p = 2 Φ(−|z|), CI μ̂ ± z_{0.975} se.
 *   Heterogeneity: typical within-cohort variance ṽ = (k − 1)/tr P (with w_i = 1/v_i),
 *   I² = 100 τ²/(ṽ + τ²), H² = τ²/ṽ + 1 for random effects; for the fixed effect
 *   I² = max(0, 100 (Q − (k − 1))/Q), H² = Q/(k − 1) (metafor's definitions).
 *
 * References: DerSimonian R, Laird N (1986) Control Clin Trials 7:177–188,
 * doi:10.1016/0197-2456(86)90046-2; Viechtbauer W (2005) J Educ Behav Stat 30:261–293,
 * doi:10.3102/10769986030003261; Viechtbauer W (2010) J Stat Softw 36(3),
 * doi:10.18637/jss.v036.i03 (metafor); Higgins JPT, Thompson SG (2002) Stat Med 21:1539–1558,
 * doi:10.1002/sim.1186 (I², H²).
 */
import { InputError } from "../errors.js";
import { mean } from "../stats/descriptive.js";
import { pChiSquareUpper } from "../stats/distributions/chi-square.js";
import { pNormalTwoSided, qNormal } from "../stats/distributions/normal.js";

/** metafor's `control` defaults for the Fisher scoring of REML. */
export const REML_THRESHOLD = 1e-5;
/** Most Fisher-scoring steps of REML before it counts as not converged (metafor's `maxiter`). */
export const REML_MAX_ITER = 100;
/** metafor warns when the largest sampling variance is this many times the smallest (1/evtol). */
export const VARIANCE_RATIO_WARNING = 1e7;
/** `.Machine$double.eps^0.25`, metafor's tolerance of the log-likelihood check at τ² = 0. */
const LL0_TOL = 2 ** -13;

const Z975 = qNormal(0.975);

/**
 * One pooled estimate: μ̂ with se, z, two-sided p and 95% CI, τ², I² (%), H² and each cohort's weight (%).
 */
export interface PooledEstimate {
  estimate: number;
  se: number;
  z: number;
  p: number;
  ciLow: number;
  ciHigh: number;
  /** Between-cohort variance (0 for the fixed effect). */
  tau2: number;
  /** Percent of the total variability due to heterogeneity (NaN for the fixed effect when Q = 0). */
  i2: number;
  h2: number;
  /** Each cohort's weight in percent (w_i / Σ w · 100). */
  weights: number[];
}

/** The REML pooled estimate (null when Fisher scoring did not converge), its steps, and any τ² = 0 note. */
export interface RemlFit {
  /** null when Fisher scoring did not converge in REML_MAX_ITER steps (metafor stops with an error). */
  pooled: PooledEstimate | null;
  iterations: number;
  /** Why τ² was set to 0 by the log-likelihood check, when it was. */
  note: string | null;
}

/**
 * A meta-analysis of k estimates: Cochran's Q test and the fixed-effect, DL and REML pooled estimates
 * (metafor `rma`).
 */
export interface MetaAnalysis {
  k: number;
  /** max(v_i)/min(v_i) >= 1e7: metafor warns that the results may not be stable. */
  unstable: boolean;
  /** Cochran's Q, its degrees of freedom (k − 1) and upper-tail chi-square p. */
  q: number;
  qDf: number;
  qP: number;
  fixed: PooledEstimate;
  dl: PooledEstimate;
  reml: RemlFit;
}

/**
 * The intercept-only projection at τ², as metafor forms it: w_i = 1/(v_i + τ²), S = Σ w_i,
 * P_ij = w_i δ_ij − w_i w_j / S (k x k; k is the number of cohorts, small), the weighted mean and
 * the quadratic forms. Traces and quadratic forms are summed entry by entry, as metafor's matrix
 * products: the closed forms (e.g. tr(PP) = S_2 − 2 S_3/S + S_2²/S²) cancel catastrophically when
 * one cohort's weight dwarfs another's.
 */
interface Projection {
  s1: number;
  mean: number;
  /** tr P. */
  trP: number;
  /** tr(PP) = Σ_ij P_ij². */
  trPP: number;
  /** yᵀPy (Cochran's Q at τ² = 0). */
  yPy: number;
  /** yᵀPPy = |Py|². */
  yPPy: number;
}

function projection(y: Float64Array, v: Float64Array, tau2: number): Projection {
  const k = y.length;
  const w = new Float64Array(k);
  let s1 = 0;
  let sy = 0;
  for (let i = 0; i < k; i++) {
    w[i] = 1 / (v[i]! + tau2);
    s1 += w[i]!;
    sy += w[i]! * y[i]!;
  }
  let trP = 0;
  let trPP = 0;
  let yPy = 0;
  let yPPy = 0;
  for (let i = 0; i < k; i++) {
    let py = 0;
    for (let j = 0; j < k; j++) {
      const pij = (i === j ? w[i]! : 0) - (w[i]! * w[j]!) / s1;
      trPP += pij * pij;
      py += pij * y[j]!;
    }
    trP += w[i]! - (w[i]! * w[i]!) / s1;
    yPy += y[i]! * py;
    yPPy += py * py;
  }
  return { s1, mean: sy / s1, trP, trPP, yPy, yPPy };
}

/** Restricted log-likelihood of the intercept-only model at τ² (metafor's ll.REML without constants it drops). */
function remlLogLik(y: Float64Array, v: Float64Array, tau2: number): number {
  const k = y.length;
  const m = projection(y, v, tau2);
  let logDet = 0;
  let rss = 0;
  for (let i = 0; i < k; i++) {
    logDet += Math.log(v[i]! + tau2);
    rss += (y[i]! - m.mean) ** 2 / (v[i]! + tau2);
  }
  return -0.5 * (k - 1) * Math.log(2 * Math.PI) - 0.5 * logDet - 0.5 * Math.log(m.s1) - 0.5 * rss;
}

function pooled(y: Float64Array, v: Float64Array, tau2: number, i2: number, h2: number): PooledEstimate {
  const m = projection(y, v, tau2);
  const se = 1 / Math.sqrt(m.s1);
  const z = m.mean / se;
  const weights = Array.from(v, (vi) => 100 / (vi + tau2) / m.s1);
  return {
    estimate: m.mean,
    se,
    z,
    p: pNormalTwoSided(z),
    ciLow: m.mean - Z975 * se,
    ciHigh: m.mean + Z975 * se,
    tau2,
    i2,
    h2,
    weights,
  };
}

/** REML τ² by metafor's Fisher scoring, or null when it does not converge. */
function remlTau2(
  y: Float64Array,
  v: Float64Array,
): { tau2: number | null; iterations: number; note: string | null } {
  const k = y.length;
  const ybar = mean(y);
  let ss = 0;
  let sv = 0;
  for (let i = 0; i < k; i++) {
    ss += (y[i]! - ybar) ** 2;
    sv += v[i]!;
  }
  let tau2 = Math.max(0, (ss - ((k - 1) / k) * sv) / (k - 1));
  let change = REML_THRESHOLD + 1;
  let iterations = 0;
  while (change > REML_THRESHOLD) {
    iterations++;
    const old = tau2;
    const m = projection(y, v, tau2);
    let adj = (m.yPPy - m.trP) / m.trPP;
    if (Number.isNaN(adj)) adj = 0;
    // An infinite step (tr(PP) underflowed to 0) would make metafor's step halving loop forever.
    if (!Number.isFinite(adj)) return { tau2: null, iterations, note: null };
    while (tau2 + adj < 0) adj /= 2;
    tau2 += adj;
    change = Math.abs(old - tau2);
    if (iterations > REML_MAX_ITER) return { tau2: null, iterations, note: null };
  }
  let note: string | null = null;
  if (remlLogLik(y, v, 0) - remlLogLik(y, v, tau2) > LL0_TOL && tau2 > REML_THRESHOLD) {
    note = "Fisher scoring may have stopped at a local maximum; tau² set to 0 (as metafor)";
    tau2 = 0;
  }
  return { tau2: Math.max(0, tau2), iterations, note };
}

/**
 * Fixed-effect, DL and REML meta-analysis of the estimates `yi` with standard errors `sei`
 * (k >= 2, every se finite and > 0: an InputError otherwise).
 * @throws {InputError} `bad_value` (k < 2, lengths differ, an estimate or se not finite, se ≤ 0).
 */
export function metaAnalysis(yi: ArrayLike<number>, sei: ArrayLike<number>): MetaAnalysis {
  const k = yi.length;
  if (k < 2 || sei.length !== k) {
    throw InputError.single({
      code: "bad_value",
      message: `a meta-analysis needs at least 2 estimates with one standard error each (got ${k} estimates, ${sei.length} standard errors)`,
    });
  }
  const y = Float64Array.from(yi);
  const v = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const s = sei[i]!;
    if (!Number.isFinite(y[i]!) || !(s > 0) || !Number.isFinite(s)) {
      throw InputError.single({
        code: "bad_value",
        message: `estimate ${i + 1} is ${y[i]} with standard error ${s}`,
        hint: "every estimate must be finite with a finite, positive standard error",
      });
    }
    v[i] = s * s;
  }
  const fe = projection(y, v, 0);
  const df = k - 1;
  const q = Math.max(0, fe.yPy);
  const trP = fe.trP;
  const vt = df / trP;
  const heterogeneity = (tau2: number) => ({ i2: (100 * tau2) / (vt + tau2), h2: tau2 / vt + 1 });

  const dlTau2 = Math.max(0, (q - df) / trP);
  const dlHet = heterogeneity(dlTau2);
  const reml = remlTau2(y, v);
  let remlPooled: PooledEstimate | null = null;
  if (reml.tau2 !== null) {
    const h = heterogeneity(reml.tau2);
    remlPooled = pooled(y, v, reml.tau2, h.i2, h.h2);
  }
  let vMin = Number.POSITIVE_INFINITY;
  let vMax = 0;
  for (const x of v) {
    vMin = Math.min(vMin, x);
    vMax = Math.max(vMax, x);
  }
  return {
    k,
    unstable: vMax / vMin >= VARIANCE_RATIO_WARNING,
    q,
    qDf: df,
    qP: pChiSquareUpper(q, df),
    fixed: pooled(y, v, 0, Math.max(0, (100 * (q - df)) / q), q / df),
    dl: pooled(y, v, dlTau2, dlHet.i2, dlHet.h2),
    reml: { pooled: remlPooled, iterations: reml.iterations, note: reml.note },
  };
}
