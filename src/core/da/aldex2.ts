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
 *    draws (aldex2-draw.ts).
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
 * The per-instance tests are in aldex2-tests.ts, the pairs in aldex2-effect.ts; aldex2-job.ts cuts
 * a call into blocks of instances that threads may share (`threads`), with the same results.
 * Not implemented: the Wilcoxon columns wi.ep / wi.eBH, `overlap`, rab.*, other denominators.
 * Already on the log2 scale.
 */
import { InputError } from "../errors.js";
import { createRng } from "../random/rng.js";
import { DIRICHLET_PRIOR } from "./aldex2-draw.js";
import { EffectPairs, pairCyclic } from "./aldex2-effect.js";
import { Aldex2Job, type Aldex2Threads, aldex2JobSpec, ONE_THREAD } from "./aldex2-job.js";
import { instanceMeans } from "./aldex2-tests.js";
import type { DaInput } from "./prepare.js";
import { columnRows } from "./result-rows.js";
import type { DaMethodResult, DaRow } from "./types.js";

export type { Aldex2Threads } from "./aldex2-job.js";

export const ALDEX2_REFERENCE =
  "Fernandes AD et al. (2014) Microbiome 2:15, doi:10.1186/2049-2618-2-15; as ALDEx2 1.35 aldex.ttest / aldex.effect / aldex.glm";
export const DEFAULT_MC = 128;

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
  /**
   * Runs the instances' blocks (default: all on this thread); e.g. worker threads (src/node),
   * with the same results for any number of threads.
   * @internal
   */
  threads?: Aldex2Threads;
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
  const { cache, seed } = options;
  const threads = options.threads ?? ONE_THREAD;
  const given = cache?.lookup(input.counts, seed, mc) ?? null;
  const keep = given === null && cache !== undefined && cache.fits(mc * n * m);
  const job = new Aldex2Job(aldex2JobSpec(input, { seed, mc, test, given, keep }, threads));
  threads.run(job);
  const { instances } = job.spec;
  if (keep) cache!.keep(input.counts, seed, instances!);
  const columns = instanceMeans(job.spec.stats, mc, job.tests.columns, m);
  let diffBtw = job.spec.medians;
  if (groups && instances) {
    // kept instances are paired after the tests, for the taxa that need them
    const below = options.effectBelowQ;
    const q0 = columns[0]!.q;
    const taxa = Int32Array.from({ length: m }, (_, j) => j).filter(
      (j) => below === undefined || q0[j]! < below,
    );
    const pairs = new EffectPairs(groups, taxa, m, mc);
    pairCyclic(pairs, instances, createRng(seed));
    diffBtw = pairs.medians();
  }
  const rows: DaRow[] = [];
  columns.forEach((column, t) => {
    const estimate = diffBtw && test === "welch" ? diffBtw.btw : column.estimate;
    rows.push(...columnRows(input, "aldex2", t, { ...column, estimate }));
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
        seed,
        denom: "all",
        prior: DIRICHLET_PRIOR,
        p_adjust: test === "welch" ? "bh" : "holm",
        log2_fold_change: test === "welch" ? "diff.btw" : "mean coefficient",
      },
      zeroHandling: `Dirichlet(counts + ${DIRICHLET_PRIOR}) Monte Carlo instances (no zeros remain)`,
      taxaTested: m,
      warnings: [],
    },
  };
}
