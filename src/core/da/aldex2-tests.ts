/**
 * ALDEx2's tests of one Monte Carlo instance (ALDEx2 1.35 `aldex.ttest` / `aldex.glm`; Fernandes
 * et al. 2014, Microbiome 2:15, doi:10.1186/2049-2618-2-15), and their means over instances:
 *
 * - "welch": the Welch t of each taxon (exposed minus reference, Welch–Satterthwaite df) and its
 *   one-sided p_up = P(T > t);
 * - "glm": per design column of the term, the OLS (Gaussian GLM) coefficient, its t with
 *   df = n - p and p_up;
 * - per direction p_greater = min(2 p_up, 1), p_less = min(2 (1 - p_up), 1), each adjusted across
 *   taxa within the instance (BH for welch, Holm for glm, ALDEx2's defaults);
 * - over instances: estimate, se and t are means; p = min(mean p_greater, mean p_less) (we.ep),
 *   q = min(mean adj(p_greater), mean adj(p_less)) (we.eBH).
 * The t tails come from the incomplete-beta continued fraction (student-t-cf.ts, within 2e-12
 * relative of R's pt, far below the Monte Carlo error); both directions' adjustments come from one
 * sort of p_up per instance (`DirectionalPValues`). An instance's statistics are written to its own
 * slot and summed in instance order, so threads may compute instances in any order.
 */
import { pStudentTUpperCf } from "../stats/distributions/student-t-cf.js";
import { type PAdjustMethod, stepDown, stepUp } from "../stats/p-adjust.js";
import type { DaInput } from "./prepare.js";
import {
  coefficientSe,
  fitSharedDesign,
  type SharedDesignSolver,
  sharedDesignSolver,
} from "./shared-design-ols.js";
import { type WelchSums, welchSumsSimd } from "./welch-sums-simd.js";

export type { WelchSums };

/** Values per test column per instance, each m long: estimate, se, t, p_greater, p_less, their adjustments. */
const FIELDS = 7;
const ESTIMATE = 0;
const SE = 1;
const STATISTIC = 2;
const P_GREATER = 3;
const P_LESS = 4;
const Q_GREATER = 5;
const Q_LESS = 6;

/** An instance's test: Welch (two groups, no covariates) or the GLM of the design. */
export type Aldex2Test = "welch" | "glm";

/** Means over instances of one design column of the term. */
export interface Aldex2ColumnMeans {
  estimate: Float64Array;
  se: Float64Array;
  statistic: Float64Array;
  p: Float64Array;
  q: Float64Array;
}

/** Numbers one instance's statistics take: tested columns x 7 x taxa. */
export function instanceStatsSize(input: DaInput, test: Aldex2Test): number {
  return (test === "welch" ? 1 : input.termColumns.length) * FIELDS * input.nTaxa;
}

/** The per-instance tests of one input, with their buffers reused from instance to instance. */
export class InstanceTests {
  /** Design columns tested (1 for welch). */
  readonly columns: number;
  /** Numbers one instance's statistics take (columns x 7 x taxa). */
  readonly size: number;
  private readonly m: number;
  private readonly pUp: Float64Array;
  private readonly directions: DirectionalPValues;
  private readonly welch: WelchScratch | null;
  private readonly glm: { solver: SharedDesignSolver; coef: Float64Array; sigma2: Float64Array } | null;

  /** The tests of `input` (welch needs `input.groups`). */
  constructor(
    private readonly input: DaInput,
    test: Aldex2Test,
  ) {
    const m = input.nTaxa;
    this.m = m;
    this.columns = test === "welch" ? 1 : input.termColumns.length;
    this.size = instanceStatsSize(input, test);
    this.pUp = new Float64Array(m);
    this.directions = new DirectionalPValues(m, test === "welch" ? "bh" : "holm");
    this.welch = test === "welch" ? new WelchScratch(input.groups!, m) : null;
    const solver = test === "glm" ? sharedDesignSolver(input.design) : null;
    this.glm = solver && { solver, coef: new Float64Array(solver.p * m), sigma2: new Float64Array(m) };
  }

  /** Writes the statistics of instance `y` (n x m CLR) into `out` (`size` numbers). */
  run(y: Float64Array, out: Float64Array): void {
    const { m, pUp, glm } = this;
    const field = (t: number, f: number) => out.subarray((t * FIELDS + f) * m, (t * FIELDS + f + 1) * m);
    if (glm) {
      const { solver } = glm;
      const fit = fitSharedDesign(solver, y, m, glm);
      this.input.termColumns.forEach((c, t) => {
        const estimate = field(t, ESTIMATE);
        const se = field(t, SE);
        const statistic = field(t, STATISTIC);
        for (let j = 0; j < m; j++) {
          const b = fit.coef[c * m + j]!;
          const s = coefficientSe(solver, fit, c, j);
          const stat = s > 0 ? b / s : 0;
          pUp[j] = s > 0 ? pStudentTUpperCf(stat, solver.df) : 0.5;
          estimate[j] = b;
          se[j] = s;
          statistic[j] = stat;
        }
        this.directions.write(pUp, out.subarray(t * FIELDS * m + P_GREATER * m, (t + 1) * FIELDS * m));
      });
    } else {
      this.welch!.instance(y, field(0, ESTIMATE), field(0, SE), field(0, STATISTIC), pUp);
      this.directions.write(pUp, out.subarray(P_GREATER * m, FIELDS * m));
    }
  }
}

/**
 * The means over `mc` instances of their statistics (`stats`: instance k's at k x size, as
 * `InstanceTests.run` writes them), summed in instance order: one entry per tested column.
 */
export function instanceMeans(
  stats: Float64Array,
  mc: number,
  columns: number,
  m: number,
): Aldex2ColumnMeans[] {
  const size = columns * FIELDS * m;
  return Array.from({ length: columns }, (_, t) => {
    const sums = new Float64Array(FIELDS * m);
    for (let k = 0; k < mc; k++) {
      const from = k * size + t * FIELDS * m;
      for (let i = 0; i < sums.length; i++) sums[i]! += stats[from + i]!;
    }
    const sum = (f: number) => sums.subarray(f * m, (f + 1) * m);
    const p = new Float64Array(m);
    const q = new Float64Array(m);
    const [pGreater, pLess, qGreater, qLess] = [sum(P_GREATER), sum(P_LESS), sum(Q_GREATER), sum(Q_LESS)];
    for (let j = 0; j < m; j++) {
      p[j] = Math.min(pGreater[j]!, pLess[j]!) / mc;
      q[j] = Math.min(qGreater[j]!, qLess[j]!) / mc;
    }
    const mean = (f: number) => sum(f).map((s) => s / mc);
    return { estimate: mean(ESTIMATE), se: mean(SE), statistic: mean(STATISTIC), p, q };
  });
}

/**
 * Per-direction p values of one instance and their adjustment across taxa, without allocating:
 * p_greater = min(2 p_up, 1) and p_less = min(2 (1 - p_up), 1) are monotone in p_up, so one sort
 * of p_up orders both (p_less in reverse). Each taxon finds its adjusted value at its rank (binary
 * search); tied p values share one adjusted value under BH and Holm, so the result equals
 * `adjustPValues` of each direction.
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

  /** Writes p_greater, p_less and their adjustments (4 x m, in that order) into `out`. */
  write(pUp: Float64Array, out: Float64Array): void {
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
      out[j] = greater[lo]!;
      out[m + j] = less[m - 1 - lo]!;
      out[2 * m + j] = qGreater[lo]!;
      out[3 * m + j] = qLess[m - 1 - lo]!;
    }
  }
}

/**
 * The group means and sums of squared deviations of every taxon of instance y (n x m; groups 0/1
 * of sizes n0, n1) into `out` (m each, zeroed here), accumulated row by row (sample by sample:
 * contiguous reads); per taxon the sums run over samples in order, as a per-taxon loop would.
 * welch-sums-simd.ts is the WebAssembly twin (the same bytes).
 */
export function welchSumsLoops(
  y: Float64Array,
  groups: Int32Array,
  n0: number,
  n1: number,
  m: number,
  out: WelchSums,
): void {
  const { sum0, sum1, ss0, ss1 } = out;
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
}

/** Welch's t of group 1 vs group 0 for every taxon of one instance, from its group sums, reused across instances. */
class WelchScratch {
  private readonly n0: number;
  private readonly n1: number;
  private readonly sums: WelchSums;

  constructor(
    private readonly groups: Int32Array,
    private readonly m: number,
  ) {
    let n1 = 0;
    for (const g of groups) n1 += g;
    this.n1 = n1;
    this.n0 = groups.length - n1;
    const column = () => new Float64Array(m);
    this.sums = { sum0: column(), sum1: column(), ss0: column(), ss1: column() };
  }

  /** The instance's difference, se and t per taxon; its one-sided p_up into `pUp`. */
  instance(
    y: Float64Array,
    estimate: Float64Array,
    se: Float64Array,
    statistic: Float64Array,
    pUp: Float64Array,
  ): void {
    const { groups, m, n0, n1, sums } = this;
    if (!welchSumsSimd(y, groups, n0, n1, m, sums)) welchSumsLoops(y, groups, n0, n1, m, sums);
    const { sum0, sum1, ss0, ss1 } = sums;
    for (let j = 0; j < m; j++) {
      const v0 = ss0[j]! / (n0 - 1) / n0;
      const v1 = ss1[j]! / (n1 - 1) / n1;
      const s = Math.sqrt(v0 + v1);
      const diff = sum1[j]! - sum0[j]!;
      const stat = s > 0 ? diff / s : 0;
      const df = (v0 + v1) ** 2 / (v0 ** 2 / (n0 - 1) + v1 ** 2 / (n1 - 1));
      pUp[j] = s > 0 ? pStudentTUpperCf(stat, df) : 0.5;
      estimate[j] = diff;
      se[j] = s;
      statistic[j] = stat;
    }
  }
}
