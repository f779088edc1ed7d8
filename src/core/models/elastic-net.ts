/**
 * Elastic net for linear (gaussian) and logistic (binomial) regression by cyclic coordinate
 * descent with warm starts along a decreasing lambda path.
 *
 * Objective (on standardised columns z_j = (x_j - mean_j) / sd_j, sd with divisor n):
 *   gaussian:  (1 / 2n) sum_i (y~_i - b0 - z_i b)^2 + lambda~ [ (1 - alpha)/2 ||b||^2 + alpha ||b||_1 ]
 *              with y~ = (y - mean y) / sd(y) and lambda~ = lambda / sd(y) (glmnet standardises y for
 *              the gaussian family, which rescales the ridge part; we do the same so the fitted
 *              coefficients equal glmnet's for the same lambda and alpha);
 *   binomial:  -(1/n) sum_i [ y_i eta_i - log(1 + exp eta_i) ] + lambda [ (1 - alpha)/2 ||b||^2 + alpha ||b||_1 ]
 *              solved by IRLS (quadratic approximation, working weights w = p(1 - p), p clipped to
 *              [1e-5, 1 - 1e-5] as glmnet) with coordinate descent on each weighted least-squares step.
 * Coordinate update: b_j <- S( (1/n) sum_i w_i z_ij r_i + v_j b_j , lambda alpha ) / (v_j + lambda (1 - alpha)),
 * S(g, t) = sign(g) max(|g| - t, 0), v_j = (1/n) sum_i w_i z_ij^2; the intercept is unpenalised.
 * Coefficients are returned on the original scale: beta_j = b_j * sd(y) / sd_j (gaussian) or
 * b_j / sd_j (binomial), intercept = mean-adjusted.
 *
 * Lambda path as glmnet: lambda_max = max_j |(1/n) z_j' (y - ybar)| / max(alpha, 1e-3) (scaled back
 * by sd(y) for gaussian), nlambda = 100 values log-spaced down to lambdaMinRatio * lambda_max with
 * lambdaMinRatio = 1e-4 if n > p else 0.01. As glmnet, an automatic path stops early when the deviance
 * ratio exceeds 0.999 or improves by less than 1e-5 (relative) from one lambda to the next; a
 * user-given sequence stops only at a saturated fit (deviance ratio > 0.999, e.g. separable classes)
 * or when a lambda does not converge within `maxPasses` (after the first), with a note in `warnings`.
 *
 * Convergence: the working set (sequential strong rule survivors plus non-zeros) is cycled until
 * max_j v_j (Delta b_j)^2 < thresh (default 1e-7, glmnet's `thresh`; on the standardised scale where
 * the null deviance is 1 for the gaussian family); then the KKT conditions |gradient_j| <= lambda alpha
 * are checked for every coordinate outside it, and violators join and the cycle resumes (the
 * strategy of glmnet; Tibshirani et al. 2012 strong rules).
 *
 * Updates (glmnet `type.gaussian`; Friedman et al. 2010, section 2.2), option `type`:
 *   naive       the residual r is kept; a visited coordinate's gradient is (1/n) z_j' r, one pass over
 *               the n rows, and a move by d updates r -= d w z_j (binomial always; cd-sweep.ts);
 *   covariance  (gaussian) the gradients themselves are kept, g_j = (1/n) z_j' y~ - sum_k G_jk b_k
 *               with G_jk = (1/n) z_j' z_k: a visited coordinate costs nothing more, a move by d
 *               costs g -= d G_k over the working set (cd-covariance.ts), and the coordinates
 *               outside are brought up to date before each KKT check (glmnet's elnet1). Column G_k
 *               is summed when k first joins a working set (lazily, as glmnet when k first enters),
 *               once per design ({@link elasticNetDesign}: the paths of several alphas on one x
 *               share it); the deviance ratio is 1 - (y~'y~/n - b'(gy + g)).
 * glmnet's default is "covariance" when p < 500, "naive" otherwise; ours adds that the rows must be
 * at least p / 8 ({@link defaultElasticNetType}: below that the Gram columns cost more than they
 * save). The two visit the coordinates in the same order, take the same steps and stop by the same
 * rules, so their paths agree to rounding (~1e-13 on the glmnet fixture; tested to 1e-9).
 *
 * Arithmetic: every sum over the rows (gradients, v_j, G_jk) is taken as column-dots.ts takes it,
 * even and odd rows in two partial sums (in WebAssembly SIMD where there is one, cd-simd.ts, with the
 * same bytes); the residual is kept weighted, r_i = w_i (y~_i - eta_i), as glmnet does.
 *
 * Edge cases: constant columns get coefficient 0; a constant gaussian outcome gives all-zero
 * coefficients; a binary outcome with one class is an InputError.
 *
 * Matches: R glmnet 4.1 `glmnet(x, y, family, alpha, lambda, standardize = TRUE, thresh = 1e-14)`
 * coefficients to 1e-9 with either type (test/fixtures/extra/glmnet_dune.json, ours at thresh 1e-26).
 * Reference: Friedman J, Hastie T, Tibshirani R (2010). Regularization paths for generalized linear
 * models via coordinate descent. J Stat Softw 33(1):1-22. doi:10.18637/jss.v033.i01
 */
import { InputError, NumericalError } from "../errors.js";
import { type CatchUp, type CovarianceSweep, covarianceUpdates } from "./cd-covariance.js";
import { cdBuffer } from "./cd-simd.js";
import { coordinateSweep, type Sweep } from "./cd-sweep.js";
import { columnDots, columnSquares, type ResidualPass, residualPass } from "./column-dots.js";

/** Family of the elastic net: linear (gaussian) or logistic (binomial) regression. */
export type ElasticNetFamily = "gaussian" | "binomial";

/** Options of {@link elasticNetPath}; defaults are glmnet's. */
export interface ElasticNetOptions {
  family: ElasticNetFamily;
  /** Mixing: 1 = lasso, 0 = ridge. Default 1. */
  alpha?: number;
  /** A decreasing lambda sequence; when given, no automatic path and no early stop. */
  lambda?: ArrayLike<number>;
  nlambda?: number;
  lambdaMinRatio?: number;
  /** Standardise columns before penalising (glmnet `standardize`). Default true. */
  standardize?: boolean;
  thresh?: number;
  /** Maximum coordinate passes over all lambdas. Default 1e5 (glmnet `maxit`). */
  maxPasses?: number;
  /**
   * The gaussian family's updates (glmnet `type.gaussian`): "covariance" keeps the gradients through
   * the columns' inner products, "naive" through the residual (module header). Default
   * {@link defaultElasticNetType}. The binomial family always takes the naive updates.
   */
  type?: ElasticNetType;
}

/** The gaussian family's coordinate updates (glmnet `type.gaussian`). */
export type ElasticNetType = "covariance" | "naive";

/**
 * The default `type`: glmnet's rule, "covariance" when there are fewer than 500 columns, except
 * where the rows are fewer than p / 8: there the Gram columns (p inner products of n rows for each
 * coordinate that joins a working set) cost more than the updates save. Measured on the kratom
 * cohort, p = 481, one nested CV (docs/PERFORMANCE.md, "Elastic net: covariance updates"): training
 * sets of 52 / 41 rows 1.08x slower with covariance updates, 72 / 58 rows even, 104 / 83 rows 1.2x
 * and 320 / 256 rows 1.8x faster. Either type gives the same path to rounding.
 */
export function defaultElasticNetType(n: number, p: number): ElasticNetType {
  return p < 500 && 8 * n >= p ? "covariance" : "naive";
}

/** An elastic-net path: per lambda the intercept and original-scale coefficients, and the deviance ratio. */
export interface ElasticNetPath {
  family: ElasticNetFamily;
  alpha: number;
  p: number;
  lambda: number[];
  intercept: number[];
  /** Coefficients on the original scale, one row of p values per lambda. */
  beta: number[][];
  /** Fraction of null deviance explained at each lambda. */
  devRatio: number[];
  nullDeviance: number;
  /** Why the path ended before the last requested lambda, if it did. */
  warnings: string[];
}

const P_MIN = 1e-5;
const DEV_RATIO_MAX = 0.999;
const DEV_CHANGE_MIN = 1e-5;

/**
 * The standardised columns of one x, shared by the paths fitted on it ({@link elasticNetDesign}):
 * alphas and outcomes may differ, x may not. It lives in this thread's solver memory (cd-simd.ts'
 * cdBuffer) with room for one path's working arrays, so a design serves its paths only until the
 * next design is made (a path on an older one throws).
 */
export interface ElasticNetDesign {
  n: number;
  p: number;
  /** Column-major n x p standardised columns (0 scale: constant column). */
  z: Float64Array;
  mean: Float64Array;
  scale: Float64Array;
  /** The non-constant columns, in increasing j (the first `varyingSize`). */
  varying: Int32Array;
  varyingSize: number;
  /** (1/n) sum_i z_ij^2, the gaussian v_j (computed by the first gaussian path). */
  v: Float64Array;
  vReady: boolean;
  /** The Gram columns of the covariance updates, computed as coordinates join (null: none kept). */
  gram: ElasticNetGram | null;
  /** Where a path's arrays start: bytes, doubles then 32-bit integers. */
  pathDoubles: number;
  pathInts: number;
  buffer: ArrayBuffer;
}

/**
 * Inner products G_jk = (1/n) z_j' z_k, one column of p entries per coordinate k that has joined a
 * working set (slot[k] >= 0, at offset slot[k] p of `columns`), entries by position (`pos`, `perm`:
 * cd-covariance.ts), shared by the paths on one design.
 */
export interface ElasticNetGram {
  columns: Float64Array;
  slot: Int32Array;
  slots: number;
  pos: Int32Array;
  perm: Int32Array;
  /** Scratch: the new column by j, and the columns it is summed over. */
  fresh: Float64Array;
  missing: Int32Array;
}

/** The design that may use the solver memory now (the last one made on this thread). */
let current: ElasticNetDesign | null = null;

/** Doubles and 32-bit integers of one path's working arrays (the binomial's, the larger). */
const pathDoubleCount = (n: number, p: number) => n * p + 3 * n + 2 + 6 * p;
const pathIntCount = (p: number) => 3 * p;

/**
 * Standardises row-major x (n x p) once for any number of paths ({@link elasticNetPathOn}); `gram`
 * reserves room for the covariance updates' inner products (p^2 doubles). Standardisation as
 * glmnet: z_j = (x_j - mean_j) / sd_j, sd with divisor n; `standardize: false` centres only.
 * @throws {InputError} `bad_argument` (shape), `non_finite` (x).
 */
export function elasticNetDesign(
  x: Float64Array,
  n: number,
  p: number,
  opts: { standardize?: boolean; gram?: boolean } = {},
): ElasticNetDesign {
  if (x.length !== n * p) {
    throw InputError.single({
      code: "bad_argument",
      message: `x has ${x.length} values; expected n*p = ${n * p}`,
    });
  }
  const bad = firstNonFinite(x);
  if (bad >= 0) {
    throw InputError.single({
      code: "non_finite",
      message: `x[${Math.floor(bad / p)}, ${bad % p}] is ${x[bad]}`,
      hint: "impute or drop missing values before fitting",
    });
  }
  const gram = opts.gram ?? false;
  const doubles = n * p + p + (gram ? p * p + p : 0);
  const ints = p + (gram ? 4 * p : 0);
  const pathDoubles = 8 * doubles;
  const intsAt = pathDoubles + 8 * pathDoubleCount(n, p);
  const bytes = intsAt + 4 * (ints + pathIntCount(p));
  const buffer = cdBuffer(bytes);
  let at = 0;
  const take = (length: number) => {
    const view = new Float64Array(buffer, at, length);
    at += 8 * length;
    return view;
  };
  let intAt = intsAt;
  const takeInts = (length: number) => {
    const view = new Int32Array(buffer, intAt, length);
    intAt += 4 * length;
    return view;
  };
  const z = take(n * p);
  const v = take(p);
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  standardiseColumns(x, n, p, opts.standardize ?? true, z, mean, scale);
  const varying = takeInts(p);
  let varyingSize = 0;
  for (let j = 0; j < p; j++) if (scale[j] !== 0) varying[varyingSize++] = j;
  let g: ElasticNetGram | null = null;
  if (gram) {
    const columns = take(p * p);
    const fresh = take(p);
    const slot = takeInts(p).fill(-1);
    const pos = takeInts(p);
    const perm = takeInts(p);
    for (let j = 0; j < p; j++) pos[j] = perm[j] = j;
    g = { columns, slot, slots: 0, pos, perm, fresh, missing: takeInts(p) };
  }
  const design: ElasticNetDesign = {
    n,
    p,
    z,
    mean,
    scale,
    varying,
    varyingSize,
    v,
    vReady: false,
    gram: g,
    pathDoubles,
    pathInts: intAt,
    buffer,
  };
  current = design;
  return design;
}

/** Writes the standardised columns into z (column-major n x p), the means and scales (0: constant). */
function standardiseColumns(
  x: Float64Array,
  n: number,
  p: number,
  standardize: boolean,
  z: Float64Array,
  mean: Float64Array,
  scale: Float64Array,
): void {
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i * p + j]!;
    const m = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = x[i * p + j]! - m;
      z[j * n + i] = d;
      ss += d * d;
    }
    const sd = Math.sqrt(ss / n);
    mean[j] = m;
    scale[j] = 0;
    if (sd <= 1e-12 * (Math.abs(m) + 1)) continue; // constant column, scale stays 0
    const f = standardize ? 1 / sd : 1;
    scale[j] = standardize ? sd : 1;
    for (let i = 0; i < n; i++) z[j * n + i]! *= f;
  }
}

/**
 * The Gram column of coordinate k, G_jk = (1/n) z_j' z_k for every j, by position: the entries of
 * coordinates whose own column exists are read from it (the same sums: G_jk = G_kj bit for bit, the
 * products commuting), the others summed as column-dots.ts sums (G_kk = v_k).
 */
function gramColumn(d: ElasticNetDesign, gram: ElasticNetGram, k: number): void {
  const { n, p, z } = d;
  const { columns, slot, pos, fresh, missing } = gram;
  let m = 0;
  for (let j = 0; j < p; j++) if (slot[j]! < 0) missing[m++] = j;
  columnDots(z, z.subarray(k * n, k * n + n), n, missing, m, fresh);
  const s = gram.slots++;
  const off = s * p;
  const at = pos[k]!;
  for (let j = 0; j < p; j++) {
    const sj = slot[j]!;
    columns[off + pos[j]!] = sj < 0 ? fresh[j]! : columns[sj * p + at]!;
  }
  slot[k] = s;
}

/** State of one weighted least-squares problem solved by coordinate descent. */
interface CdState {
  n: number;
  p: number;
  z: Float64Array;
  scale: Float64Array;
  w: Float64Array; // observation weights (1 for gaussian)
  /** w_i z_ij, column-major, for the columns of the working set (z itself for gaussian). */
  wz: Float64Array;
  v: Float64Array; // (1/n) sum w z_j^2
  r: Float64Array; // weighted residual w_i (working response_i - fit_i)
  b: Float64Array;
  b0: number;
  /** Working set: coordinates cycled over (strong-rule survivors, KKT violators, non-zeros). */
  active: Uint8Array;
  /** The working set as a list in increasing j (its first `workSize` entries; see `listWorkingSet`). */
  work: Int32Array;
  workSize: number;
  /** The non-constant coordinates outside the working set, in increasing j (the first `outsideSize`). */
  outside: Int32Array;
  outsideSize: number;
  /** Scratch: the coordinates that joined the working set at a KKT check. */
  joined: Int32Array;
  /** Scratch: the gradient sums of one residual pass (column-dots.ts). */
  sums: Float64Array;
  /** One sweep over the working set (cd-sweep.ts). */
  sweep: Sweep;
  /** The linear predictor b0 + z b (binomial). */
  eta: Float64Array;
  /** The pass over the rows on z and eta: eta_i -= d z_ij (its sums unused). */
  etaPass: ResidualPass;
  /** Last gradient (1/n) sum w z_j r of coordinates outside the working set. */
  grad: Float64Array;
  passes: number;
  /** The covariance updates' state (gaussian with `type: "covariance"`), else null. */
  cov: CovState | null;
}

/** The covariance updates (cd-covariance.ts): the gradient kept for every coordinate, by position. */
interface CovState {
  design: ElasticNetDesign;
  gram: ElasticNetGram;
  /** The gradient g_j = (1/n) z_j' r at position pos[j]: exact in [0, w), as of bs in [w, p). */
  g: Float64Array;
  /** (1/n) z_j' y~ by j (the gradient at b = 0). */
  gy: Float64Array;
  /** b at the last catch-up. */
  bs: Float64Array;
  /** Positions [0, w) hold the working set. */
  w: number;
  sweep: CovarianceSweep;
  catchUp: CatchUp;
}

/**
 * Coordinates j that have just joined the working set take the next positions (their Gram
 * columns computed if no path on this design had them yet): position w and pos[j] trade places in
 * g and in every Gram column.
 */
function admit(c: CovState, list: Int32Array, m: number): void {
  const { gram, g } = c;
  const { columns, pos, perm } = gram;
  const p = c.design.p;
  for (let q = 0; q < m; q++) {
    const j = list[q]!;
    if (gram.slot[j]! < 0) gramColumn(c.design, gram, j);
    const a = pos[j]!;
    const b = c.w++;
    if (a === b) continue;
    for (let s = 0, off = 0; s < gram.slots; s++, off += p) {
      const t = columns[off + a]!;
      columns[off + a] = columns[off + b]!;
      columns[off + b] = t;
    }
    const t = g[a]!;
    g[a] = g[b]!;
    g[b] = t;
    const k = perm[b]!;
    perm[a] = k;
    perm[b] = j;
    pos[k] = a;
    pos[j] = b;
  }
}

/**
 * One cycle over the coordinates in the working set (only its non-zero ones when `nonzeroOnly`; the
 * sweep of cd-sweep.ts), then the intercept when fitted; returns max v_j (Delta b_j)^2 over both.
 */
function cycle(s: CdState, lam: number, alpha: number, fitIntercept: boolean, nonzeroOnly: boolean): number {
  const { n, w, r, cov } = s;
  let maxDelta =
    cov === null
      ? s.sweep(s.workSize, lam * alpha, lam * (1 - alpha), nonzeroOnly)
      : cov.sweep(s.workSize, lam * alpha, lam * (1 - alpha), nonzeroOnly, cov.w);
  if (fitIntercept) {
    let sw = 0;
    let sr = 0;
    for (let i = 0; i < n; i++) {
      sw += w[i]!;
      sr += r[i]!;
    }
    const d0 = sr / sw;
    if (d0 !== 0) {
      for (let i = 0; i < n; i++) r[i]! -= w[i]! * d0;
      maxDelta = Math.max(maxDelta, (sw / n) * d0 * d0);
    }
    s.b0 += d0;
  }
  s.passes++;
  return maxDelta;
}

/** Lists the working set (`active`) in `work`, in increasing j, the order the cycles visit it. */
function listWorkingSet(s: CdState): void {
  const { p, active, work } = s;
  let m = 0;
  for (let j = 0; j < p; j++) if (active[j] === 1) work[m++] = j;
  s.workSize = m;
}

/**
 * KKT check outside the working set: a coordinate at 0 is optimal iff |gradient_j| <= lambda alpha.
 * Violators join the working set; gradients are kept for the next lambda's strong rule. The
 * gradients are independent of one another (r is fixed here), so they are summed a few columns per
 * pass (column-dots.ts); with covariance updates they are those kept, brought up to date.
 */
function kktViolations(s: CdState, lam: number, alpha: number, unitWeights: boolean): number {
  const { n, z, w, r, active, grad, outside, joined, cov } = s;
  const m = s.outsideSize;
  if (cov === null) columnDots(z, r, n, outside, m, grad);
  else {
    cov.catchUp(s.workSize, cov.w);
    const { pos } = cov.gram;
    for (let q = 0; q < m; q++) grad[outside[q]!] = cov.g[pos[outside[q]!]!]!;
  }
  let kept = 0;
  let violations = 0;
  for (let q = 0; q < m; q++) {
    const j = outside[q]!;
    if (Math.abs(grad[j]!) > lam * alpha) {
      active[j] = 1;
      joined[violations++] = j;
    } else {
      outside[kept++] = j; // kept <= q: the entries still to visit are untouched
    }
  }
  s.outsideSize = kept;
  if (!unitWeights) columnSquares(z, w, n, joined, violations, s.v, s.wz);
  if (cov !== null) admit(cov, joined, violations);
  return violations;
}

/**
 * Sequential strong rule (Tibshirani et al. 2012, JRSS B 74:245, doi:10.1111/j.1467-9868.2011.01004.x):
 * coordinate j enters the working set at lambda if |gradient_j(lambdaPrev)| >= alpha (2 lambda - lambdaPrev).
 * Screening only saves work: the KKT check afterwards restores any coordinate it wrongly left out.
 */
function strongRule(s: CdState, lam: number, lamPrev: number, alpha: number): void {
  const { outside, active, grad, joined } = s;
  const cut = alpha * (2 * lam - lamPrev);
  let kept = 0;
  let m = 0;
  for (let q = 0; q < s.outsideSize; q++) {
    const j = outside[q]!;
    if (Math.abs(grad[j]!) >= cut) {
      active[j] = 1;
      joined[m++] = j;
    } else outside[kept++] = j;
  }
  s.outsideSize = kept;
  if (s.cov !== null) admit(s.cov, joined, m);
}

/** Solves one weighted least-squares elastic net at one lambda, warm-started from s.b. */
function solveWls(
  s: CdState,
  lam: number,
  alpha: number,
  thresh: number,
  maxPasses: number,
  fitIntercept: boolean,
): void {
  for (;;) {
    listWorkingSet(s);
    // a pass over the working set, then the non-zero coordinates alone until they settle, until a
    // working-set pass changes nothing by more than thresh (glmnet's active-set cycling)
    while (cycle(s, lam, alpha, fitIntercept, false) >= thresh) {
      for (;;) {
        if (s.passes > maxPasses) {
          throw new NumericalError(`elastic net did not converge in ${maxPasses} passes (lambda ${lam})`);
        }
        if (cycle(s, lam, alpha, fitIntercept, true) < thresh) break;
      }
    }
    if (kktViolations(s, lam, alpha, !fitIntercept) === 0) return;
  }
}

/** The first index of a value that is not finite, or -1 (a loop of its own: it stays optimised). */
function firstNonFinite(v: Float64Array): number {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return i;
  return -1;
}

/** The first index of a value other than 0 and 1, or -1. */
function firstNonBinary(v: Float64Array): number {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0 && v[i] !== 1) return i;
  return -1;
}

function validate(y: Float64Array, n: number, opts: ElasticNetOptions): number {
  const alpha = opts.alpha ?? 1;
  if (y.length !== n) {
    throw InputError.single({
      code: "bad_argument",
      message: `y has ${y.length} values; expected n = ${n}`,
    });
  }
  if (!(alpha >= 0 && alpha <= 1)) {
    throw InputError.single({ code: "out_of_range", message: `alpha must be in [0, 1], got ${alpha}` });
  }
  const binomial = opts.family === "binomial";
  const i = binomial ? firstNonBinary(y) : firstNonFinite(y);
  if (i >= 0) {
    throw InputError.single({
      code: binomial ? "bad_level" : "non_finite",
      message: `y[${i}] is ${y[i]}; the ${opts.family} family needs ${binomial ? "0/1" : "finite"} values`,
    });
  }
  return alpha;
}

function lambdaSequence(lambdaMax: number, n: number, p: number, opts: ElasticNetOptions): Float64Array {
  const nl = opts.nlambda ?? 100;
  const ratio = opts.lambdaMinRatio ?? (n > p ? 1e-4 : 0.01);
  const out = new Float64Array(nl);
  for (let k = 0; k < nl; k++) out[k] = lambdaMax * ratio ** (nl === 1 ? 0 : k / (nl - 1));
  return out;
}

function binomialDeviance(y: Float64Array, eta: Float64Array): number {
  let dev = 0;
  for (let i = 0; i < y.length; i++) {
    const e = eta[i]!;
    // log(1 + exp(e)) computed stably
    const log1pe = e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
    dev += log1pe - y[i]! * e;
  }
  return 2 * dev;
}

/**
 * Fits the elastic-net path. x is row-major n x p.
 * @throws {InputError} `bad_argument` (shapes), `out_of_range` (alpha outside [0, 1]), `non_finite` /
 *   `bad_level` (data not finite, binomial y not 0/1), `too_few_samples`.
 * @throws {NumericalError} when coordinate descent does not converge within `maxPasses`.
 */
export function elasticNetPath(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  opts: ElasticNetOptions,
): ElasticNetPath {
  validate(y, n, opts);
  const design = elasticNetDesign(x, n, p, {
    standardize: opts.standardize,
    gram: usesCovariance(opts, n, p),
  });
  return elasticNetPathOn(design, y, opts);
}

/** Whether a path with these options on n x p data takes the covariance updates. */
export function usesCovariance(
  opts: Pick<ElasticNetOptions, "family" | "type">,
  n: number,
  p: number,
): boolean {
  return opts.family === "gaussian" && (opts.type ?? defaultElasticNetType(n, p)) === "covariance";
}

/**
 * {@link elasticNetPath} on a design from {@link elasticNetDesign} (its `standardize` applies;
 * `opts.standardize` is not read). Paths on one design give the same values as on designs of
 * their own: the Gram columns they share are the same sums whichever path summed them.
 * On a design made without `gram` the default type is "naive".
 * @throws as {@link elasticNetPath}; Error when a later design has taken the solver memory, or
 *   `type: "covariance"` is asked of a design made without `gram`.
 */
export function elasticNetPathOn(
  design: ElasticNetDesign,
  y: Float64Array,
  opts: ElasticNetOptions,
): ElasticNetPath {
  const { n, p, z, mean, scale, buffer } = design;
  const alpha = validate(y, n, opts);
  if (current !== design) throw new Error("elastic net: a later design has taken this design's memory");
  const thresh = opts.thresh ?? 1e-7;
  const maxPasses = opts.maxPasses ?? 100_000;
  const gaussian = opts.family === "gaussian";
  const gram = design.gram;
  // the default type falls back to naive on a design without room for the Gram columns
  const covariance = usesCovariance(opts, n, p) && (gram !== null || opts.type === "covariance");
  if (covariance && gram === null) throw new Error("elastic net: covariance updates need a design with gram");
  // the path's arrays after the design's, zeroed (the SIMD kernels' memory, cd-simd.ts)
  const doubles = gaussian ? 3 * n + 2 + 6 * p : pathDoubleCount(n, p);
  new Uint8Array(buffer, design.pathDoubles, 8 * doubles).fill(0);
  new Uint8Array(buffer, design.pathInts, 4 * pathIntCount(p)).fill(0);
  let at = design.pathDoubles;
  const take = (length: number) => {
    const view = new Float64Array(buffer, at, length);
    at += 8 * length;
    return view;
  };
  const ints = (k: number) => new Int32Array(buffer, design.pathInts + 4 * k * p, p);
  if (gaussian && !design.vReady) {
    columnSquares(z, take(n).fill(1), n, design.varying, design.varyingSize, design.v, z); // w = 1: wz = z
    at = design.pathDoubles;
    design.vReady = true;
  }
  const s: CdState = {
    n,
    p,
    z,
    scale,
    w: take(n).fill(1),
    wz: gaussian ? z : take(n * p),
    v: gaussian ? design.v : take(p),
    r: take(n),
    b: take(p),
    b0: 0,
    active: new Uint8Array(p),
    work: ints(0),
    workSize: 0,
    sums: take(2),
    sweep: () => 0,
    eta: take(n),
    etaPass: () => {},
    grad: take(p),
    outside: ints(1),
    outsideSize: 0,
    joined: ints(2),
    passes: 0,
    cov: null,
  };
  s.sweep = coordinateSweep(s);
  s.etaPass = residualPass(z, z, s.eta, n, s.sums);
  let ym = 0;
  for (let i = 0; i < n; i++) ym += y[i]!;
  ym /= n;
  if (!gaussian && (ym === 0 || ym === 1)) {
    throw InputError.single({
      code: "too_few_samples",
      message: "the binary outcome has only one class",
      hint: "a logistic model needs both classes in the training data",
    });
  }
  let ys = 1;
  if (gaussian) {
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (y[i]! - ym) ** 2;
    ys = Math.sqrt(ss / n);
  }
  // Gradient at b = 0 (intercept only) for lambda_max; r is also the gaussian's starting residual
  for (let i = 0; i < n; i++) s.r[i] = gaussian ? (ys > 0 ? (y[i]! - ym) / ys : 0) : y[i]! - ym;
  const varying = s.outside; // all of them outside the (empty) working set
  varying.set(design.varying.subarray(0, design.varyingSize));
  s.outsideSize = design.varyingSize;
  columnDots(z, s.r, n, varying, s.outsideSize, s.grad);
  let gMax = 0;
  for (let q = 0; q < s.outsideSize; q++) gMax = Math.max(gMax, Math.abs(s.grad[varying[q]!]!));
  let yy = 0; // (1/n) sum y~^2 (1 up to rounding): the covariance updates' deviance ratio
  if (covariance) {
    for (let i = 0; i < n; i++) yy += s.r[i]! * s.r[i]!;
    yy /= n;
    const g = take(p);
    const gy = take(p);
    for (let j = 0; j < p; j++) {
      gy[j] = s.grad[j]!;
      g[gram!.pos[j]!] = s.grad[j]!;
    }
    const bs = take(p);
    const { sweep, catchUp } = covarianceUpdates({
      p,
      gram: gram!.columns,
      slot: gram!.slot,
      pos: gram!.pos,
      v: s.v,
      b: s.b,
      bs,
      g,
      work: s.work,
    });
    s.cov = { design, gram: gram!, g, gy, bs, w: 0, sweep, catchUp };
  }
  const lambdaMaxInternal = gMax / Math.max(alpha, 1e-3);
  const userLambda = opts.lambda !== undefined;
  const lambdas = userLambda
    ? Float64Array.from(opts.lambda as ArrayLike<number>)
    : lambdaSequence(lambdaMaxInternal * ys, n, p, opts);

  const out: ElasticNetPath = {
    family: opts.family,
    alpha,
    p,
    lambda: [],
    intercept: [],
    beta: [],
    devRatio: [],
    nullDeviance: 0,
    warnings: [],
  };

  const eta = s.eta;
  const bPrev = new Float64Array(p);
  if (gaussian) {
    out.nullDeviance = n * ys * ys;
  } else {
    s.b0 = Math.log(ym / (1 - ym));
    out.nullDeviance = binomialDeviance(y, eta.fill(s.b0));
  }

  let prevDevRatio = 0;
  for (let k = 0; k < lambdas.length; k++) {
    const lam = lambdas[k]! / ys;
    strongRule(s, lam, k === 0 ? Math.max(lam, lambdaMaxInternal) : lambdas[k - 1]! / ys, alpha);
    try {
      if (gaussian) {
        if (ys > 0) solveWls(s, lam, alpha, thresh, maxPasses, false);
      } else {
        irls(s, y, bPrev, lam, alpha, thresh, maxPasses);
      }
    } catch (e) {
      // as glmnet: keep the converged part of the path, report where it stopped
      if (!(e instanceof NumericalError) || k === 0) throw e;
      out.warnings.push(`${e.message}; path truncated to the first ${k} lambdas`);
      break;
    }
    let devRatio: number;
    if (s.cov !== null) {
      // rss / n = y~'y~ / n - b'(gy + g): (1/n) z'z b = gy - g
      const { g, gy } = s.cov;
      const { pos } = s.cov.gram;
      let fit = 0;
      for (let q = 0; q < s.workSize; q++) {
        const j = s.work[q]!;
        if (s.b[j] !== 0) fit += s.b[j]! * (gy[j]! + g[pos[j]!]!);
      }
      devRatio = ys > 0 ? 1 - (yy - fit) : 0;
    } else if (gaussian) {
      let rss = 0;
      for (let i = 0; i < n; i++) rss += s.r[i]! ** 2;
      devRatio = ys > 0 ? 1 - rss / n : 0;
    } else {
      computeEta(s);
      devRatio = 1 - binomialDeviance(y, eta) / out.nullDeviance;
    }
    // b_j != 0 only in the working set (scale_j != 0 there); a term left out is icpt -= 0 mean_j
    const beta = new Array<number>(p).fill(0);
    let icpt = gaussian ? ym : s.b0;
    for (let q = 0; q < s.workSize; q++) {
      const j = s.work[q]!;
      const bj = (s.b[j]! * ys) / scale[j]!;
      beta[j] = bj;
      icpt -= bj * mean[j]!;
    }
    out.lambda.push(lambdas[k]!);
    out.intercept.push(icpt);
    out.beta.push(beta);
    out.devRatio.push(devRatio);
    if (k > 0 && k < lambdas.length - 1 && devRatio > DEV_RATIO_MAX) {
      out.warnings.push(
        `deviance ratio ${devRatio.toFixed(4)} > ${DEV_RATIO_MAX} (saturated fit); path stopped`,
      );
      break;
    }
    if (!userLambda && k > 0 && devRatio - prevDevRatio < DEV_CHANGE_MIN * devRatio) break;
    prevDevRatio = devRatio;
  }
  return out;
}

/**
 * eta = b0 + z b, over the working set (the non-zero b_j are in it), in increasing j: each column
 * is a pass eta_i -= (-b_j) z_ij, which is eta_i + b_j z_ij exactly.
 */
function computeEta(s: CdState): void {
  const { n, b, work, workSize, eta } = s;
  eta.fill(s.b0);
  for (let q = 0; q < workSize; q++) {
    const j = work[q]!;
    if (b[j] !== 0) s.etaPass(j * n, -b[j]!, 0, -1);
  }
}

/** Outer IRLS loop for the binomial family at one lambda (warm-started). */
function irls(
  s: CdState,
  y: Float64Array,
  bPrev: Float64Array,
  lam: number,
  alpha: number,
  thresh: number,
  maxPasses: number,
): void {
  const { n, z, w, v, r, eta } = s;
  for (;;) {
    computeEta(s);
    for (let i = 0; i < n; i++) {
      let pr = 1 / (1 + Math.exp(-eta[i]!));
      pr = Math.min(Math.max(pr, P_MIN), 1 - P_MIN);
      w[i] = pr * (1 - pr);
      r[i] = y[i]! - pr; // w (working response - eta), the working response being eta + (y - p) / w
    }
    // v_j and w z_j are needed only in the working set; KKT violators get theirs when they join
    listWorkingSet(s);
    columnSquares(z, w, n, s.work, s.workSize, v, s.wz);
    bPrev.set(s.b);
    const b0Prev = s.b0;
    solveWls(s, lam, alpha, thresh, maxPasses, true);
    let maxDelta = 0;
    let sw = 0;
    for (let i = 0; i < n; i++) sw += w[i]!;
    maxDelta = (sw / n) * (s.b0 - b0Prev) ** 2;
    for (let q = 0; q < s.workSize; q++) {
      const j = s.work[q]!; // b moves only in the working set
      maxDelta = Math.max(maxDelta, v[j]! * (s.b[j]! - bPrev[j]!) ** 2);
    }
    if (maxDelta < thresh) return;
    if (s.passes > maxPasses) {
      throw new NumericalError(`logistic elastic net did not converge in ${maxPasses} passes`);
    }
  }
}

/** Linear predictor b0 + x beta for each row of row-major x (m x p). */
export function linearPredictor(
  x: Float64Array,
  m: number,
  p: number,
  intercept: number,
  beta: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let e = intercept;
    for (let j = 0; j < p; j++) e += x[i * p + j]! * beta[j]!;
    out[i] = e;
  }
  return out;
}
