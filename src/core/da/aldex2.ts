/**
 * ALDEx2-style differential abundance: Dirichlet Monte Carlo instances of each sample's
 * composition, CLR, a test per instance, and expected values over instances (Fernandes AD,
 * Reid JNS, Macklaim JM et al. (2014) Unifying the analysis of high-throughput sequencing datasets:
 * characterizing RNA-seq, 16S rRNA gene sequencing and selective growth experiments by
 * compositional data analysis. Microbiome 2:15, doi:10.1186/2049-2618-2-15), following ALDEx2
 * `aldex.clr` (denom = "all"), `aldex.ttest` and `aldex.glm`:
 *
 * 1. Instance k of sample i: p_i ~ Dirichlet(counts_i + 0.5), drawn as independent
 *    Gamma(counts_ij + 0.5, 1) variables (normalising is unnecessary: CLR is scale invariant;
 *    zero counts use the exact identity Gamma(1/2, 1) = Z^2 / 2, see `drawClrInstance`);
 *    CLR in log2 units. `mc` instances (default 128); instance k uses rng.fork(k) of the seed.
 * 2. Per instance, two groups without covariates (`test = "welch"`): Welch t test per taxon
 *    (estimate = difference of group means of CLR, se = sqrt(s1^2/n1 + s0^2/n0), Welch–Satterthwaite
 *    df); otherwise (`test = "glm"`, or covariates / a multi-level or numeric exposure): OLS of the
 *    CLR on the design (aldex.glm's Gaussian GLM), t test on each exposure column, df = n - p.
 * 3. Per instance the p values are BH-adjusted across taxa; ALDEx2 reports the expected p
 *    (`we.ep`: mean of the per-instance p) and the expected BH value (`we.eBH`: mean of the
 *    per-instance BH-adjusted p) — the mean of the adjusted values, not the adjustment of the mean.
 *    Rows carry: log2_fold_change = mean estimate, se = mean se, statistic = mean t, p = we.ep,
 *    q = we.eBH.
 * 4. Effect size (two groups, `effect` in the result): ALDEx2's effect is the median over
 *    instances and random sample pairs of (a - b) / max(|a - a'|, |b - b'|), a, a' from one group,
 *    b, b' from the other; here per instance the median over max(n0, n1) (at most 100) random
 *    pairs, then the median over instances (a median of medians, to keep memory O(taxa x mc)).
 * Already on the log2 scale.
 */
import { InputError } from "../errors.js";
import { createRng, type Rng } from "../random/rng.js";
import { pStudentTTwoSided } from "../stats/distributions/student-t.js";
import { adjustPValues } from "../stats/p-adjust.js";
import { clrRowsInPlace } from "./log-ratio.js";
import type { DaInput } from "./prepare.js";
import { columnRows } from "./result-rows.js";
import { coefficientSe, fitSharedDesign, sharedDesignSolver } from "./shared-design-ols.js";
import type { DaMethodResult, DaRow } from "./types.js";

export const ALDEX2_REFERENCE = "Fernandes AD et al. (2014) Microbiome 2:15, doi:10.1186/2049-2618-2-15";
export const DEFAULT_MC = 128;
const DIRICHLET_PRIOR = 0.5;
const MAX_EFFECT_PAIRS = 100;

export interface Aldex2Options {
  seed: number;
  /** Monte Carlo instances (default 128, as ALDEx2). */
  mc?: number;
  /** "welch" needs two groups and no covariates; default: welch when possible, else glm. */
  test?: "welch" | "glm";
}

export interface Aldex2Result extends DaMethodResult {
  /** ALDEx2 effect size per taxon (two groups only; else null), aligned with input.taxa. */
  effect: Float64Array | null;
}

/** Running sums over instances for one exposure column. */
interface Accumulator {
  estimate: Float64Array;
  se: Float64Array;
  statistic: Float64Array;
  p: Float64Array;
  q: Float64Array;
}

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
  const nCols = test === "welch" ? 1 : input.termColumns.length;
  const acc: Accumulator[] = Array.from({ length: nCols }, () => ({
    estimate: new Float64Array(m),
    se: new Float64Array(m),
    statistic: new Float64Array(m),
    p: new Float64Array(m),
    q: new Float64Array(m),
  }));
  const solver = test === "glm" ? sharedDesignSolver(input.design) : null;
  const y = new Float64Array(n * m);
  const p = new Float64Array(m);
  const fitBuffers = solver
    ? { coef: new Float64Array(solver.p * m), sigma2: new Float64Array(m) }
    : undefined;
  const effectByInstance = groups ? new Float64Array(mc * m) : null;
  const root = createRng(options.seed);
  for (let k = 0; k < mc; k++) {
    const rng = root.fork(k);
    drawClrInstance(input, rng, y);
    if (solver && fitBuffers) {
      const fit = fitSharedDesign(solver, y, m, fitBuffers);
      input.termColumns.forEach((c, t) => {
        const a = acc[t]!;
        for (let j = 0; j < m; j++) {
          const b = fit.coef[c * m + j]!;
          const se = coefficientSe(solver, fit, c, j);
          const stat = se > 0 ? b / se : 0;
          p[j] = se > 0 ? pStudentTTwoSided(stat, solver.df) : 1;
          a.estimate[j]! += b;
          a.se[j]! += se;
          a.statistic[j]! += stat;
        }
        addInstancePValues(a, p);
      });
    } else if (groups) {
      welchInstance(y, n, m, groups, acc[0]!, p);
      addInstancePValues(acc[0]!, p);
    }
    if (groups && effectByInstance)
      instanceEffect(y, n, m, groups, rng, effectByInstance.subarray(k * m, (k + 1) * m));
  }
  const rows: DaRow[] = [];
  acc.forEach((a, t) => {
    for (const arr of [a.estimate, a.se, a.statistic, a.p, a.q]) for (let j = 0; j < m; j++) arr[j]! /= mc;
    rows.push(...columnRows(input, "aldex2", t, a));
  });
  return {
    rows,
    effect: effectByInstance ? medianOverInstances(effectByInstance, mc, m) : null,
    summary: {
      method: "aldex2",
      reference: ALDEX2_REFERENCE,
      parameters: { mc, test, seed: options.seed, denom: "all", prior: DIRICHLET_PRIOR },
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
  for (let k = 0; k < y.length; k++) {
    const c = counts[k]!;
    let g: number;
    if (c === 0) {
      const z = rng.normal();
      g = 0.5 * z * z;
    } else {
      g = rng.gamma(c + DIRICHLET_PRIOR, 1);
    }
    y[k] = g > 0 ? g : Number.MIN_VALUE;
  }
  clrRowsInPlace(y, input.nSamples, input.nTaxa);
}

function addInstancePValues(a: Accumulator, p: Float64Array): void {
  const q = adjustPValues(p, "bh");
  for (let j = 0; j < p.length; j++) {
    a.p[j]! += p[j]!;
    a.q[j]! += q[j]!;
  }
}

/** Welch t test of group 1 vs group 0 for every taxon of one instance; adds to `a`, p into `p`. */
function welchInstance(
  y: Float64Array,
  n: number,
  m: number,
  groups: Int32Array,
  a: Accumulator,
  p: Float64Array,
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
    p[j] = se > 0 ? pStudentTTwoSided(stat, df) : 1;
    a.estimate[j]! += diff;
    a.se[j]! += se;
    a.statistic[j]! += stat;
  }
}

/** Median over random sample pairs of (a - b) / max(|a - a'|, |b - b'|) for each taxon. */
function instanceEffect(
  y: Float64Array,
  n: number,
  m: number,
  groups: Int32Array,
  rng: Rng,
  out: Float64Array,
): void {
  const g0: number[] = [];
  const g1: number[] = [];
  for (let i = 0; i < n; i++) (groups[i] === 1 ? g1 : g0).push(i);
  const pairs = Math.min(Math.max(g0.length, g1.length), MAX_EFFECT_PAIRS);
  const pick = new Int32Array(4 * pairs);
  for (let r = 0; r < pairs; r++) {
    pick[4 * r] = g1[rng.int(g1.length)]!;
    pick[4 * r + 1] = g1[rng.int(g1.length)]!;
    pick[4 * r + 2] = g0[rng.int(g0.length)]!;
    pick[4 * r + 3] = g0[rng.int(g0.length)]!;
  }
  const ratio = new Float64Array(pairs);
  for (let j = 0; j < m; j++) {
    for (let r = 0; r < pairs; r++) {
      const a = y[pick[4 * r]! * m + j]!;
      const a2 = y[pick[4 * r + 1]! * m + j]!;
      const b = y[pick[4 * r + 2]! * m + j]!;
      const b2 = y[pick[4 * r + 3]! * m + j]!;
      const within = Math.max(Math.abs(a - a2), Math.abs(b - b2));
      ratio[r] = (a - b) / (within > 0 ? within : Number.MIN_VALUE);
    }
    out[j] = median(ratio);
  }
}

function medianOverInstances(values: Float64Array, mc: number, m: number): Float64Array {
  const out = new Float64Array(m);
  const column = new Float64Array(mc);
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < mc; k++) column[k] = values[k * m + j]!;
    out[j] = median(column);
  }
  return out;
}

/** Median; sorts `a` in place. */
function median(a: Float64Array): number {
  a.sort();
  const h = a.length >> 1;
  return a.length % 2 === 1 ? a[h]! : (a[h - 1]! + a[h]!) / 2;
}
