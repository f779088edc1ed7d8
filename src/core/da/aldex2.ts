/**
 * ALDEx2 (Fernandes AD, Reid JNS, Macklaim JM et al. (2014) Unifying the analysis of
 * high-throughput sequencing datasets: characterizing RNA-seq, 16S rRNA gene sequencing and
 * selective growth experiments by compositional data analysis. Microbiome 2:15,
 * doi:10.1186/2049-2618-2-15), equal in semantics to ALDEx2 1.35.0 (github ggloor/ALDEx_bioc,
 * commit eb5a203; the per-direction expected p of `aldex.ttest` dates from May 2023, 1.33.x, so
 * ALDEx2 >= 1.34 releases): `aldex.clr` (denom = "all", gamma = NULL), `aldex.ttest` + `aldex.effect`
 * (two groups, no covariates) and `aldex.glm` (fdr.method = "holm"):
 *
 * 1. Instance k of sample i: p_i ~ Dirichlet(counts_i + 0.5), drawn as independent
 *    Gamma(counts_ij + 0.5, 1) variables (normalising is unnecessary: CLR is scale invariant;
 *    zero counts use the exact identity Gamma(1/2, 1) = Z^2 / 2, see `drawClrInstance`);
 *    CLR in log2 units. `mc` instances (default 128, `mc.samples`); instance k uses rng.fork(k),
 *    which seeds the Marsaglia–Tsang sampler of gamma-sampler.ts for its gamma draws.
 * 2. `aldex.ttest` (test "welch"): per instance the Welch t of each taxon (exposed minus
 *    reference, Welch–Satterthwaite df) and its one-sided p_up = P(T > t); per direction
 *    p_greater = min(2 p_up, 1), p_less = min(2 (1 - p_up), 1), each BH-adjusted across taxa within
 *    the instance. we.ep = min(mean_k p_greater, mean_k p_less), we.eBH = min(mean_k BH(p_greater),
 *    mean_k BH(p_less)). Rows: p = we.ep, q = we.eBH, statistic = mean t, se = mean Welch se.
 *    `aldex.glm` (test "glm": covariates, a multi-level or numeric exposure): per instance the
 *    OLS (Gaussian GLM) coefficient, its t with df = n - p and the same per-direction p, adjusted
 *    with Holm (ALDEx2's default fdr.method); rows: log2_fold_change = mean coefficient
 *    (`model.x:Est`), se = mean SE, statistic = mean t, p and q as above.
 * 3. `aldex.effect` (two groups): log2_fold_change = diff.btw, the median over random pairs of
 *    (a - b), a an instance value of an exposed sample and b of a reference sample; `effect` =
 *    median of (a - b) / max(|c - c'|, |d - d'|) with independent pairs c, c' (exposed) and
 *    d, d' (reference). ALDEx2 pools all n_l x mc values of a group and draws
 *    min(min(n0, n1) mc, 10000) pairs (each taxon its own permutation); here the same number of
 *    pairs is drawn instance by instance (distinct samples per role within an instance, the
 *    primed partners c', d' from the previous instance so that, as in ALDEx2, a pair can be one
 *    sample in two instances), shared across taxa. The distributions sampled are the same, so
 *    agreement with R is within Monte Carlo error (stated in docs/DA.md).
 * Not implemented: the Wilcoxon columns wi.ep / wi.eBH, `overlap`, rab.*, other denominators.
 * Already on the log2 scale.
 */
import { InputError } from "../errors.js";
import { GammaSampler } from "../random/gamma-sampler.js";
import { createRng, type Rng } from "../random/rng.js";
import { medianInPlace } from "../stats/descriptive.js";
import { pStudentTUpper } from "../stats/distributions/student-t.js";
import { adjustPValues, type PAdjustMethod } from "../stats/p-adjust.js";
import { clrRowsInPlace } from "./log-ratio.js";
import type { DaInput } from "./prepare.js";
import { columnRows } from "./result-rows.js";
import { coefficientSe, fitSharedDesign, sharedDesignSolver } from "./shared-design-ols.js";
import type { DaMethodResult, DaRow } from "./types.js";

export const ALDEX2_REFERENCE =
  "Fernandes AD et al. (2014) Microbiome 2:15, doi:10.1186/2049-2618-2-15; as ALDEx2 1.35 aldex.ttest / aldex.effect / aldex.glm";
export const DEFAULT_MC = 128;
const DIRICHLET_PRIOR = 0.5;
/** aldex.effect draws at most this many pairs per taxon. */
const MAX_EFFECT_PAIRS = 10000;
const TWO_POW_32 = 4294967296;

/** Options of {@link aldex2}; `seed` makes the Monte Carlo instances reproducible. */
export interface Aldex2Options {
  seed: number;
  /** Monte Carlo instances (default 128, as ALDEx2 `mc.samples`). */
  mc?: number;
  /** "welch" needs two groups and no covariates; default: welch when possible, else glm. */
  test?: "welch" | "glm";
}

/** ALDEx2's DA rows and summary, plus aldex.effect's effect size per taxon (two groups only). */
export interface Aldex2Result extends DaMethodResult {
  /** aldex.effect `effect` per taxon (two groups only; else null), aligned with input.taxa. */
  effect: Float64Array | null;
}

/** Running sums over instances for one exposure column. */
interface Accumulator {
  estimate: Float64Array;
  se: Float64Array;
  statistic: Float64Array;
  /** Sums of min(2 p_up, 1), min(2 (1 - p_up), 1) and of their per-instance adjustments. */
  pGreater: Float64Array;
  pLess: Float64Array;
  qGreater: Float64Array;
  qLess: Float64Array;
}

/**
 * ALDEx2 (Fernandes et al. 2014, Microbiome 2:15, doi:10.1186/2049-2618-2-15) as ALDEx2 1.35:
 * Dirichlet Monte Carlo instances of the CLR (log2), then Welch's t (two groups, no covariates; BH)
 * or a GLM (Holm) per instance, averaged over instances.
 * @throws {InputError} `out_of_range` (mc not a positive integer), `bad_argument` (test "welch"
 *   without a two-level exposure or with covariates).
 */
export function aldex2(input: DaInput, options: Aldex2Options): Aldex2Result {
  const mc = options.mc ?? DEFAULT_MC;
  if (!(Number.isInteger(mc) && mc >= 1)) {
    throw InputError.single({
      code: "out_of_range",
      message: `mc must be a positive integer, got ${mc}`,
      key: "mc",
    });
  }
  const { nSamples: n, nTaxa: m, groups } = input;
  const canWelch = groups !== null && !input.hasCovariates;
  const test = options.test ?? (canWelch ? "welch" : "glm");
  if (test === "welch" && !canWelch) {
    throw InputError.single({
      code: "bad_argument",
      message: "aldex2 test 'welch' needs a two-level exposure and no covariates",
      hint: "use test 'glm' for formulas with covariates",
    });
  }
  const adjust: PAdjustMethod = test === "welch" ? "bh" : "holm";
  const nCols = test === "welch" ? 1 : input.termColumns.length;
  const acc: Accumulator[] = Array.from({ length: nCols }, () => ({
    estimate: new Float64Array(m),
    se: new Float64Array(m),
    statistic: new Float64Array(m),
    pGreater: new Float64Array(m),
    pLess: new Float64Array(m),
    qGreater: new Float64Array(m),
    qLess: new Float64Array(m),
  }));
  const solver = test === "glm" ? sharedDesignSolver(input.design) : null;
  let y = new Float64Array(n * m);
  let previous = new Float64Array(n * m);
  const pUp = new Float64Array(m);
  const fitBuffers = solver
    ? { coef: new Float64Array(solver.p * m), sigma2: new Float64Array(m) }
    : undefined;
  const pairs = groups ? new EffectPairs(groups, m, mc) : null;
  const first = pairs && mc > 1 ? new Float64Array(n * m) : null;
  const root = createRng(options.seed);
  const firstRng = root.fork(0);
  for (let k = 0; k < mc; k++) {
    const rng = k === 0 ? firstRng : root.fork(k);
    drawClrInstance(input, rng, y);
    if (solver && fitBuffers) {
      const fit = fitSharedDesign(solver, y, m, fitBuffers);
      input.termColumns.forEach((c, t) => {
        const a = acc[t]!;
        for (let j = 0; j < m; j++) {
          const b = fit.coef[c * m + j]!;
          const se = coefficientSe(solver, fit, c, j);
          const stat = se > 0 ? b / se : 0;
          pUp[j] = se > 0 ? pStudentTUpper(stat, solver.df) : 0.5;
          a.estimate[j]! += b;
          a.se[j]! += se;
          a.statistic[j]! += stat;
        }
        addInstancePValues(a, pUp, adjust);
      });
    } else if (groups) {
      welchInstance(y, n, m, groups, acc[0]!, pUp);
      addInstancePValues(acc[0]!, pUp, adjust);
    }
    if (pairs) {
      // instance k pairs with instance k - 1 for the primed partners; instance 0 waits for the last
      if (k === 0 && first) first.set(y);
      else pairs.add(y, k === 0 ? y : previous, k, rng);
    }
    [y, previous] = [previous, y];
  }
  if (pairs && first) pairs.add(first, previous, 0, firstRng);
  const rows: DaRow[] = [];
  const diffBtw = pairs?.medians() ?? null;
  acc.forEach((a, t) => {
    const p = new Float64Array(m);
    const q = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      a.estimate[j]! /= mc;
      a.se[j]! /= mc;
      a.statistic[j]! /= mc;
      p[j] = Math.min(a.pGreater[j]!, a.pLess[j]!) / mc;
      q[j] = Math.min(a.qGreater[j]!, a.qLess[j]!) / mc;
    }
    const estimate = diffBtw && test === "welch" ? diffBtw.btw : a.estimate;
    rows.push(...columnRows(input, "aldex2", t, { estimate, se: a.se, statistic: a.statistic, p, q }));
  });
  return {
    rows,
    effect: diffBtw?.effect ?? null,
    summary: {
      method: "aldex2",
      reference: ALDEX2_REFERENCE,
      parameters: {
        mc,
        test,
        seed: options.seed,
        denom: "all",
        prior: DIRICHLET_PRIOR,
        p_adjust: adjust,
        log2_fold_change: test === "welch" ? "diff.btw" : "mean coefficient",
      },
      zeroHandling: `Dirichlet(counts + ${DIRICHLET_PRIOR}) Monte Carlo instances (no zeros remain)`,
      taxaTested: m,
      warnings: [],
    },
  };
}

/**
 * One Dirichlet instance per sample (as gammas), CLR log2, into y (n x m). A zero count gives
 * Gamma(1/2, 1), which is exactly Z^2 / 2 for Z ~ N(0, 1) (half a chi-square with one degree of
 * freedom): one normal draw instead of a gamma draw for the majority of cells of a sparse table.
 */
function drawClrInstance(input: DaInput, rng: Rng, y: Float64Array): void {
  const { counts } = input;
  const sampler = new GammaSampler(rng.int(TWO_POW_32));
  for (let k = 0; k < y.length; k++) {
    const c = counts[k]!;
    let g: number;
    if (c === 0) {
      const z = sampler.normal();
      g = 0.5 * z * z;
    } else {
      g = sampler.gamma(c + DIRICHLET_PRIOR);
    }
    y[k] = g > 0 ? g : Number.MIN_VALUE;
  }
  clrRowsInPlace(y, input.nSamples, input.nTaxa);
}

/** Adds one instance's per-direction p values (from one-sided p_up) and their adjustments. */
function addInstancePValues(a: Accumulator, pUp: Float64Array, adjust: PAdjustMethod): void {
  const m = pUp.length;
  const greater = new Float64Array(m);
  const less = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    greater[j] = Math.min(2 * pUp[j]!, 1);
    less[j] = Math.min(2 * (1 - pUp[j]!), 1);
  }
  const qg = adjustPValues(greater, adjust);
  const ql = adjustPValues(less, adjust);
  for (let j = 0; j < m; j++) {
    a.pGreater[j]! += greater[j]!;
    a.pLess[j]! += less[j]!;
    a.qGreater[j]! += qg[j]!;
    a.qLess[j]! += ql[j]!;
  }
}

/** Welch t of group 1 vs group 0 for every taxon of one instance; adds to `a`, p_up into `pUp`. */
function welchInstance(
  y: Float64Array,
  n: number,
  m: number,
  groups: Int32Array,
  a: Accumulator,
  pUp: Float64Array,
): void {
  let n1 = 0;
  for (let i = 0; i < n; i++) n1 += groups[i]!;
  const n0 = n - n1;
  for (let j = 0; j < m; j++) {
    let s0 = 0;
    let s1 = 0;
    for (let i = 0; i < n; i++) {
      if (groups[i] === 1) s1 += y[i * m + j]!;
      else s0 += y[i * m + j]!;
    }
    const mean0 = s0 / n0;
    const mean1 = s1 / n1;
    let ss0 = 0;
    let ss1 = 0;
    for (let i = 0; i < n; i++) {
      const v = y[i * m + j]!;
      if (groups[i] === 1) ss1 += (v - mean1) ** 2;
      else ss0 += (v - mean0) ** 2;
    }
    const v0 = ss0 / (n0 - 1) / n0;
    const v1 = ss1 / (n1 - 1) / n1;
    const se = Math.sqrt(v0 + v1);
    const diff = mean1 - mean0;
    const stat = se > 0 ? diff / se : 0;
    const df = (v0 + v1) ** 2 / (v0 ** 2 / (n0 - 1) + v1 ** 2 / (n1 - 1));
    pUp[j] = se > 0 ? pStudentTUpper(stat, df) : 0.5;
    a.estimate[j]! += diff;
    a.se[j]! += se;
    a.statistic[j]! += stat;
  }
}

/**
 * The random pairs of `aldex.effect`, collected instance by instance: per taxon
 * min(min(n0, n1) mc, 10000) between-group differences a - b and effect ratios
 * (a - b) / max(|c - c'|, |d - d'|) (Float32, pair-major: pair r of taxon j at r * m + j), then
 * their medians.
 */
class EffectPairs {
  private readonly g0: Int32Array;
  private readonly g1: Int32Array;
  private readonly total: number;
  private readonly m: number;
  private readonly mc: number;
  private readonly btw: Float32Array;
  private readonly ratio: Float32Array;

  constructor(groups: Int32Array, m: number, mc: number) {
    const g0: number[] = [];
    const g1: number[] = [];
    groups.forEach((g, i) => (g === 1 ? g1 : g0).push(i));
    this.g0 = Int32Array.from(g0);
    this.g1 = Int32Array.from(g1);
    this.total = Math.min(Math.min(g0.length, g1.length) * mc, MAX_EFFECT_PAIRS);
    this.m = m;
    this.mc = mc;
    this.btw = new Float32Array(m * this.total);
    this.ratio = new Float32Array(m * this.total);
  }

  /** Pairs of instance k (slots k * total / mc onwards); primed partners come from `prime`. */
  add(y: Float64Array, prime: Float64Array, k: number, rng: Rng): void {
    const from = Math.floor((k * this.total) / this.mc);
    const count = Math.floor(((k + 1) * this.total) / this.mc) - from;
    if (count === 0) return;
    const a = distinct(this.g1, count, rng);
    const b = distinct(this.g0, count, rng);
    const c = distinct(this.g1, count, rng);
    const c2 = distinct(this.g1, count, rng);
    const d = distinct(this.g0, count, rng);
    const d2 = distinct(this.g0, count, rng);
    const m = this.m;
    for (let r = 0; r < count; r++) {
      const ya = a[r]! * m;
      const yb = b[r]! * m;
      const yc = c[r]! * m;
      const yc2 = c2[r]! * m;
      const yd = d[r]! * m;
      const yd2 = d2[r]! * m;
      const base = (from + r) * m;
      for (let j = 0; j < m; j++) {
        const diff = y[ya + j]! - y[yb + j]!;
        const within = Math.max(
          Math.abs(y[yc + j]! - prime[yc2 + j]!),
          Math.abs(y[yd + j]! - prime[yd2 + j]!),
        );
        this.btw[base + j] = diff;
        this.ratio[base + j] = within > 0 ? diff / within : 0;
      }
    }
  }

  medians(): { btw: Float64Array; effect: Float64Array } {
    const btw = new Float64Array(this.m);
    const effect = new Float64Array(this.m);
    const column = new Float32Array(this.total);
    const gather = (values: Float32Array, j: number): Float32Array => {
      for (let r = 0; r < this.total; r++) column[r] = values[r * this.m + j]!;
      return column;
    };
    for (let j = 0; j < this.m; j++) {
      btw[j] = medianInPlace(gather(this.btw, j));
      effect[j] = medianInPlace(gather(this.ratio, j));
    }
    return { btw, effect };
  }
}

/** `count` (<= pool.length) distinct members of `pool` in random order (partial Fisher–Yates). */
function distinct(pool: Int32Array, count: number, rng: Rng): Int32Array {
  const a = Int32Array.from(pool);
  for (let i = 0; i < count; i++) {
    const r = i + rng.int(a.length - i);
    const t = a[i]!;
    a[i] = a[r]!;
    a[r] = t;
  }
  return a.subarray(0, count);
}
