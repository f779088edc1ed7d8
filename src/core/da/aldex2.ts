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
 *    which seeds the Marsaglia–Tsang sampler of gamma-sampler.ts (ziggurat normals) for its gamma
 *    draws; each cell's Marsaglia–Tsang constants are computed once for all instances.
 * 2. `aldex.ttest` (test "welch"): per instance the Welch t of each taxon (exposed minus
 *    reference, Welch–Satterthwaite df) and its one-sided p_up = P(T > t); per direction
 *    p_greater = min(2 p_up, 1), p_less = min(2 (1 - p_up), 1), each BH-adjusted across taxa within
 *    the instance. we.ep = min(mean_k p_greater, mean_k p_less), we.eBH = min(mean_k BH(p_greater),
 *    mean_k BH(p_less)). Rows: p = we.ep, q = we.eBH, statistic = mean t, se = mean Welch se.
 *    The t tails come from the incomplete-beta continued fraction (student-t-cf.ts, within 2e-12
 *    relative of R's pt, far below the Monte Carlo error); both directions' adjustments come from
 *    one sort of p_up per instance (`DirectionalPValues`).
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
import { pStudentTUpperCf } from "../stats/distributions/student-t-cf.js";
import { type PAdjustMethod, stepDown, stepUp } from "../stats/p-adjust.js";
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
/** Taxa whose pair values are gathered together for their medians (16 Float32 = one cache line). */
const MEDIAN_BLOCK = 16;
const TWO_POW_32 = 4294967296;

/** Options of {@link aldex2}; `seed` makes the Monte Carlo instances reproducible. */
export interface Aldex2Options {
  seed: number;
  /** Monte Carlo instances (default 128, as ALDEx2 `mc.samples`). */
  mc?: number;
  /** "welch" needs two groups and no covariates; default: welch when possible, else glm. */
  test?: "welch" | "glm";
  /**
   * Keeps the Dirichlet CLR instances for later calls on the same counts, seed and mc (see
   * {@link Aldex2InstanceCache}); the results are the same with or without it.
   */
  cache?: Aldex2InstanceCache;
  /**
   * Computes diff.btw and `effect` only for the taxa with q below this (the others get NaN), for
   * callers that read only the calls and their directions (the calibration shuffles). Takes effect
   * only with a `cache` (the pairs are then drawn from the kept instances after the tests); the
   * values computed are those of a full run.
   */
  effectBelowQ?: number;
}

/**
 * The Dirichlet CLR instances of one count matrix, seed and mc, kept for later `aldex2` calls on
 * the same counts with the same seed and mc (the calibration's label shuffles: the design changes,
 * the counts do not). The instances depend on the counts and the seed only, so a kept instance is
 * exactly the one a new call would draw, and the results do not depend on the cache. Holds at
 * most `maxValues` numbers (mc x samples x taxa Float64, 8 bytes each; default 2^23 = 64 MB);
 * larger analyses are drawn anew on every call.
 */
export class Aldex2InstanceCache {
  private counts: Float64Array | null = null;
  private seed = Number.NaN;
  private instances: Float64Array[] = [];

  /** An empty cache that keeps at most `maxValues` numbers (default 2^23, 64 MB of Float64). */
  constructor(readonly maxValues = 2 ** 23) {}

  /** The kept instances of these counts, seed and mc, or null. */
  lookup(counts: Float64Array, seed: number, mc: number): Float64Array[] | null {
    const kept = this.counts;
    if (kept === null || this.seed !== seed || this.instances.length !== mc) return null;
    if (kept.length !== counts.length) return null;
    for (let k = 0; k < counts.length; k++) if (kept[k] !== counts[k]) return null;
    return this.instances;
  }

  /** Whether mc instances of n x m values fit. */
  fits(values: number): boolean {
    return values <= this.maxValues;
  }

  /** Keeps the instances of these counts and seed (replacing any kept before). */
  keep(counts: Float64Array, seed: number, instances: Float64Array[]): void {
    this.counts = Float64Array.from(counts);
    this.seed = seed;
    this.instances = instances;
  }

  /**
   * What the cache holds (the arrays themselves, not copies), e.g. to hand the instances to another
   * thread, which `keep`s them in its own cache; null when it holds nothing.
   */
  contents(): Aldex2CacheContents | null {
    if (this.counts === null) return null;
    return { counts: this.counts, seed: this.seed, instances: this.instances };
  }
}

/** The counts, seed and Dirichlet CLR instances an {@link Aldex2InstanceCache} holds. */
export interface Aldex2CacheContents {
  counts: Float64Array;
  seed: number;
  /** mc instances, each n x m row-major (CLR, log2). */
  instances: Float64Array[];
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
  const { cache } = options;
  const cached = cache?.lookup(input.counts, options.seed, mc) ?? null;
  const kept: Float64Array[] | null = !cached && cache?.fits(mc * n * m) ? [] : null;
  const cells = cached ? null : dirichletCells(input.counts);
  // without a cache, two buffers alternate: the instance drawn and the previous one (effect pairs)
  let spare: Float64Array = new Float64Array(cached || kept ? 0 : n * m);
  let previous: Float64Array | null = null;
  const pUp = new Float64Array(m);
  const directions = new DirectionalPValues(m, adjust);
  const welch = groups ? new WelchScratch(groups, m) : null;
  const fitBuffers = solver
    ? { coef: new Float64Array(solver.p * m), sigma2: new Float64Array(m) }
    : undefined;
  const stored = cached !== null || kept !== null;
  // with the instances kept, the pairs are drawn after the tests (for the taxa that need them);
  // otherwise alongside, instance by instance
  const pairs = groups && !stored ? new EffectPairs(groups, allTaxa(m), m, mc) : null;
  let first: Float64Array | null = null;
  const root = createRng(options.seed);
  const firstRng = root.fork(0);
  for (let k = 0; k < mc; k++) {
    const rng = k === 0 ? firstRng : root.fork(k);
    const samplerSeed = rng.int(TWO_POW_32);
    let y: Float64Array;
    if (cached) {
      y = cached[k]!;
    } else {
      y = kept ? new Float64Array(n * m) : spare;
      drawClrInstance(cells!, n, m, samplerSeed, y);
      kept?.push(y);
    }
    if (solver && fitBuffers) {
      const fit = fitSharedDesign(solver, y, m, fitBuffers);
      input.termColumns.forEach((c, t) => {
        const a = acc[t]!;
        for (let j = 0; j < m; j++) {
          const b = fit.coef[c * m + j]!;
          const se = coefficientSe(solver, fit, c, j);
          const stat = se > 0 ? b / se : 0;
          pUp[j] = se > 0 ? pStudentTUpperCf(stat, solver.df) : 0.5;
          a.estimate[j]! += b;
          a.se[j]! += se;
          a.statistic[j]! += stat;
        }
        directions.add(a, pUp);
      });
    } else if (welch) {
      welch.instance(y, acc[0]!, pUp);
      directions.add(acc[0]!, pUp);
    }
    if (pairs) {
      if (k === 0 && mc > 1) first = Float64Array.from(y);
      else pairInstance(pairs, k, mc, y, previous, rng);
    }
    if (!stored) spare = previous ?? new Float64Array(n * m);
    previous = y;
  }
  if (kept) cache!.keep(input.counts, options.seed, kept);
  if (pairs && first && previous) pairs.add(first, previous, 0, firstRng);
  const columns = acc.map((a) => {
    const p = new Float64Array(m);
    const q = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      a.estimate[j]! /= mc;
      a.se[j]! /= mc;
      a.statistic[j]! /= mc;
      p[j] = Math.min(a.pGreater[j]!, a.pLess[j]!) / mc;
      q[j] = Math.min(a.qGreater[j]!, a.qLess[j]!) / mc;
    }
    return { p, q };
  });
  let diffBtw = pairs?.medians() ?? null;
  if (groups && stored) {
    const below = options.effectBelowQ;
    const q0 = columns[0]!.q;
    const taxa = below === undefined ? allTaxa(m) : Int32Array.from(allTaxa(m).filter((j) => q0[j]! < below));
    diffBtw = pairsOfInstances(new EffectPairs(groups, taxa, m, mc), (cached ?? kept)!, root);
  }
  const rows: DaRow[] = [];
  acc.forEach((a, t) => {
    const { p, q } = columns[t]!;
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

/** 0, 1, ..., m - 1. */
function allTaxa(m: number): Int32Array {
  return Int32Array.from({ length: m }, (_, j) => j);
}

/**
 * Adds instance k's pairs: instance k pairs with instance k - 1 for the primed partners (itself
 * when there is only one); instance 0 waits for the last one (added by the caller).
 */
function pairInstance(
  pairs: EffectPairs,
  k: number,
  mc: number,
  y: Float64Array,
  previous: Float64Array | null,
  rng: Rng,
): void {
  if (k > 0 || mc === 1) pairs.add(y, previous ?? y, k, rng);
}

/**
 * The effect pairs of kept instances, drawn from each instance's stream after its sampler seed,
 * exactly as `aldex2` draws them alongside the instances; their medians, NaN for taxa not in
 * `pairs`.
 */
function pairsOfInstances(
  pairs: EffectPairs,
  instances: readonly Float64Array[],
  root: Rng,
): { btw: Float64Array; effect: Float64Array } {
  const mc = instances.length;
  const streams = instances.map((_, k) => {
    const rng = root.fork(k);
    rng.int(TWO_POW_32);
    return rng;
  });
  instances.forEach((y, k) => pairInstance(pairs, k, mc, y, k > 0 ? instances[k - 1]! : null, streams[k]!));
  if (mc > 1) pairs.add(instances[0]!, instances[mc - 1]!, 0, streams[0]!);
  return pairs.medians();
}

/**
 * Marsaglia–Tsang constants of every cell's Gamma(count + 1/2, 1): d = count + 1/2 - 1/3 and
 * c = 1/sqrt(9 d), or d = -1 for a zero count (drawn as Z^2 / 2, see `drawClrInstance`). They do
 * not change between instances, so they are computed once.
 */
function dirichletCells(counts: Float64Array): { d: Float64Array; c: Float64Array } {
  const d = new Float64Array(counts.length);
  const c = new Float64Array(counts.length);
  for (let k = 0; k < counts.length; k++) {
    const count = counts[k]!;
    if (count === 0) {
      d[k] = -1;
    } else {
      d[k] = count + DIRICHLET_PRIOR - 1 / 3;
      c[k] = 1 / Math.sqrt(9 * d[k]!);
    }
  }
  return { d, c };
}

/**
 * One Dirichlet instance per sample (as gammas), CLR log2, into y (n x m). A zero count gives
 * Gamma(1/2, 1), which is exactly Z^2 / 2 for Z ~ N(0, 1) (half a chi-square with one degree of
 * freedom): one normal draw instead of a gamma draw for the majority of cells of a sparse table.
 */
function drawClrInstance(
  cells: { d: Float64Array; c: Float64Array },
  n: number,
  m: number,
  seed: number,
  y: Float64Array,
): void {
  const { d, c } = cells;
  const sampler = new GammaSampler(seed);
  for (let k = 0; k < y.length; k++) {
    const dk = d[k]!;
    let g: number;
    if (dk < 0) {
      const z = sampler.normal();
      g = 0.5 * z * z;
    } else {
      g = sampler.gammaFrom(dk, c[k]!);
    }
    y[k] = g > 0 ? g : Number.MIN_VALUE;
  }
  clrRowsInPlace(y, n, m);
}

/**
 * Per-direction p values of one instance and their adjustment across taxa, added to the running
 * sums, without allocating: p_greater = min(2 p_up, 1) and p_less = min(2 (1 - p_up), 1) are
 * monotone in p_up, so one sort of p_up orders both (p_less in reverse). Each taxon finds its
 * adjusted value at its rank (binary search); tied p values share one adjusted value under BH and
 * Holm, so the result equals `adjustPValues` of each direction.
 */
class DirectionalPValues {
  private readonly sorted: Float64Array;
  private readonly greater: Float64Array;
  private readonly less: Float64Array;
  private readonly qGreater: Float64Array;
  private readonly qLess: Float64Array;
  private readonly order: Int32Array;

  constructor(
    private readonly m: number,
    private readonly adjust: PAdjustMethod,
  ) {
    this.sorted = new Float64Array(m);
    this.greater = new Float64Array(m);
    this.less = new Float64Array(m);
    this.qGreater = new Float64Array(m);
    this.qLess = new Float64Array(m);
    this.order = Int32Array.from({ length: m }, (_, i) => i);
  }

  add(a: Accumulator, pUp: Float64Array): void {
    const { m, sorted, greater, less, qGreater, qLess, order } = this;
    sorted.set(pUp);
    sorted.sort();
    for (let i = 0; i < m; i++) {
      greater[i] = Math.min(2 * sorted[i]!, 1);
      less[i] = Math.min(2 * (1 - sorted[m - 1 - i]!), 1);
    }
    if (this.adjust === "holm") {
      stepDown(greater, order, qGreater);
      stepDown(less, order, qLess);
    } else {
      stepUp(greater, order, 1, qGreater);
      stepUp(less, order, 1, qLess);
    }
    for (let j = 0; j < m; j++) {
      const p = pUp[j]!;
      let lo = 0;
      let hi = m - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < p) lo = mid + 1;
        else hi = mid;
      }
      a.pGreater[j]! += greater[lo]!;
      a.pLess[j]! += less[m - 1 - lo]!;
      a.qGreater[j]! += qGreater[lo]!;
      a.qLess[j]! += qLess[m - 1 - lo]!;
    }
  }
}

/**
 * Welch's t of group 1 vs group 0 for every taxon of one instance, accumulated row by row (sample
 * by sample: contiguous reads) into per-taxon sums reused across instances; per taxon the sums run
 * over samples in order, as a per-taxon loop would.
 */
class WelchScratch {
  private readonly n0: number;
  private readonly n1: number;
  private readonly sum0: Float64Array;
  private readonly sum1: Float64Array;
  private readonly ss0: Float64Array;
  private readonly ss1: Float64Array;

  constructor(
    private readonly groups: Int32Array,
    private readonly m: number,
  ) {
    let n1 = 0;
    for (const g of groups) n1 += g;
    this.n1 = n1;
    this.n0 = groups.length - n1;
    this.sum0 = new Float64Array(m);
    this.sum1 = new Float64Array(m);
    this.ss0 = new Float64Array(m);
    this.ss1 = new Float64Array(m);
  }

  /** Adds the instance's difference, se and t to `a`; its one-sided p_up into `pUp`. */
  instance(y: Float64Array, a: Accumulator, pUp: Float64Array): void {
    const { groups, m, n0, n1, sum0, sum1, ss0, ss1 } = this;
    const n = groups.length;
    sum0.fill(0);
    sum1.fill(0);
    ss0.fill(0);
    ss1.fill(0);
    for (let i = 0; i < n; i++) {
      const s = groups[i] === 1 ? sum1 : sum0;
      const row = i * m;
      for (let j = 0; j < m; j++) s[j]! += y[row + j]!;
    }
    for (let j = 0; j < m; j++) {
      sum0[j]! /= n0;
      sum1[j]! /= n1;
    }
    for (let i = 0; i < n; i++) {
      const one = groups[i] === 1;
      const mean = one ? sum1 : sum0;
      const ss = one ? ss1 : ss0;
      const row = i * m;
      for (let j = 0; j < m; j++) ss[j]! += (y[row + j]! - mean[j]!) ** 2;
    }
    for (let j = 0; j < m; j++) {
      const v0 = ss0[j]! / (n0 - 1) / n0;
      const v1 = ss1[j]! / (n1 - 1) / n1;
      const se = Math.sqrt(v0 + v1);
      const diff = sum1[j]! - sum0[j]!;
      const stat = se > 0 ? diff / se : 0;
      const df = (v0 + v1) ** 2 / (v0 ** 2 / (n0 - 1) + v1 ** 2 / (n1 - 1));
      pUp[j] = se > 0 ? pStudentTUpperCf(stat, df) : 0.5;
      a.estimate[j]! += diff;
      a.se[j]! += se;
      a.statistic[j]! += stat;
    }
  }
}

/**
 * The random pairs of `aldex.effect`, collected instance by instance: per taxon
 * min(min(n0, n1) mc, 10000) between-group differences a - b and effect ratios
 * (a - b) / max(|c - c'|, |d - d'|) (Float32, pair-major: pair r of taxon j at r * m + j), then
 * their medians (the columns gathered a block of taxa at a time, so every row read is used whole).
 */
class EffectPairs {
  private readonly g0: Int32Array;
  private readonly g1: Int32Array;
  private readonly total: number;
  private readonly m: number;
  private readonly mc: number;
  private readonly btw: Float32Array;
  private readonly ratio: Float32Array;

  /** Pairs of the taxa `taxa` (column indices of the instances, `width` columns), in that order. */
  constructor(
    groups: Int32Array,
    private readonly taxa: Int32Array,
    private readonly width: number,
    mc: number,
  ) {
    const m = taxa.length;
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
    const { m, btw, ratio, taxa, width } = this;
    for (let r = 0; r < count; r++) {
      const ya = a[r]! * width;
      const yb = b[r]! * width;
      const yc = c[r]! * width;
      const yc2 = c2[r]! * width;
      const yd = d[r]! * width;
      const yd2 = d2[r]! * width;
      const base = (from + r) * m;
      for (let t = 0; t < m; t++) {
        const j = taxa[t]!;
        const diff = y[ya + j]! - y[yb + j]!;
        const within = Math.max(
          Math.abs(y[yc + j]! - prime[yc2 + j]!),
          Math.abs(y[yd + j]! - prime[yd2 + j]!),
        );
        btw[base + t] = diff;
        ratio[base + t] = within > 0 ? diff / within : 0;
      }
    }
  }

  /** Medians per taxon, for every column of the instances (NaN for taxa not paired). */
  medians(): { btw: Float64Array; effect: Float64Array } {
    const btw = new Float64Array(this.width).fill(Number.NaN);
    const effect = new Float64Array(this.width).fill(Number.NaN);
    const { m, total, taxa } = this;
    const columns = new Float32Array(MEDIAN_BLOCK * total);
    for (const [values, out] of [
      [this.btw, btw],
      [this.ratio, effect],
    ] as const) {
      for (let j0 = 0; j0 < m; j0 += MEDIAN_BLOCK) {
        const width = Math.min(MEDIAN_BLOCK, m - j0);
        for (let r = 0; r < total; r++) {
          const row = r * m + j0;
          for (let t = 0; t < width; t++) columns[t * total + r] = values[row + t]!;
        }
        for (let t = 0; t < width; t++) {
          out[taxa[j0 + t]!] = medianInPlace(columns.subarray(t * total, (t + 1) * total));
        }
      }
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
