/**
 * Beta diversity of all pairs of samples: the metric registry (IDs as scikit-bio / QIIME 2 name
 * them) and the driver. Pipeline: validate once -> accumulate blocks of stripes (stripes.ts; each
 * block independent, so they can run on workers: src/node/pool.ts) -> merge into a DistanceMatrix.
 *
 * Validation (all issues collected, one InputError): unknown metric; negative values; all-zero
 * samples for metrics that are 0 / 0 on them; a UniFrac metric without a tree, or features missing
 * from it / branches without length; alpha outside [0, 1]; pseudocount <= 0.
 */
import { InputError, type Issue, listIds } from "../errors.js";
import { featureTipNodes } from "../phylo/feature-tips.js";
import { type FeatureTable, nSamples, sampleTotals } from "../table/feature-table.js";
import { aitchison } from "./aitchison.js";
import { braycurtis } from "./braycurtis.js";
import type { DistanceMatrix } from "./distance-matrix.js";
import { jaccard } from "./jaccard.js";
import type { BetaOptions, PairwiseMetric } from "./pairwise-metric.js";
import { robustAitchison } from "./robust-aitchison.js";
import { mergeStripeBlock, nStripes, type StripeBlock, stripeRanges } from "./stripes.js";
import { generalizedUnifrac } from "./unifrac/generalized-unifrac.js";
import { unweightedUnifrac } from "./unifrac/unweighted-unifrac.js";
import { weightedNormalizedUnifrac } from "./unifrac/weighted-normalized-unifrac.js";
import { weightedUnifrac } from "./unifrac/weighted-unifrac.js";
import { BETA_METRIC_IDS, type BetaMetricId } from "./metric-ids.js";

export { BETA_METRIC_IDS, type BetaMetricId };

/** The registry of beta metrics by ID; each module's header gives its formula and reference. */
export const betaMetrics: Readonly<Record<BetaMetricId, PairwiseMetric>> = {
  braycurtis,
  jaccard,
  aitchison,
  robust_aitchison: robustAitchison,
  unweighted_unifrac: unweightedUnifrac,
  weighted_unifrac: weightedUnifrac,
  weighted_normalized_unifrac: weightedNormalizedUnifrac,
  generalized_unifrac: generalizedUnifrac,
};

/** Options of {@link betaDiversity}. */
export interface BetaDiversityOptions extends BetaOptions {
  /** Split the work into this many blocks of stripes run one after another (default 1). The result
   * is identical bit for bit for any value; the worker pool uses the same blocks in parallel. */
  blocks?: number;
}

/** True when `id` names a beta metric. */
export function isBetaMetricId(id: string): id is BetaMetricId {
  return (BETA_METRIC_IDS as readonly string[]).includes(id);
}

/**
 * Checks the inputs of a beta metric; throws one InputError listing every problem.
 * @throws {InputError} `bad_argument`, `negative_value`, `all_zero_sample`, `out_of_range`,
 *   `missing_tips` / `missing_branch_length`, collected into one error.
 */
export function validateBeta(table: FeatureTable, metricId: string, options: BetaOptions): PairwiseMetric {
  const issues: Issue[] = [];
  if (!isBetaMetricId(metricId)) {
    throw InputError.single({
      code: "bad_argument",
      message: `unknown beta metric '${metricId}'`,
      hint: `choose from ${BETA_METRIC_IDS.join(", ")}`,
    });
  }
  const metric = betaMetrics[metricId];
  const negative: string[] = [];
  for (let s = 0; s < nSamples(table); s++) {
    for (let k = table.colPtr[s]!; k < table.colPtr[s + 1]!; k++) {
      if (table.values[k]! < 0) {
        negative.push(table.sampleIds[s]!);
        break;
      }
    }
  }
  if (negative.length > 0) {
    issues.push({
      code: "negative_value",
      message: `${metricId} needs non-negative values; sample(s) ${listIds(negative)} have negative ones`,
      sampleId: negative[0]!,
      hint: "use counts or relative abundances, not transformed values",
    });
  }
  if (metric.rejectsEmptySamples) {
    const totals = sampleTotals(table);
    const empty = table.sampleIds.filter((_, s) => totals[s] === 0);
    if (empty.length > 0) {
      issues.push({
        code: "all_zero_sample",
        message: `${metricId} is undefined for all-zero samples: ${listIds(empty)}`,
        sampleId: empty[0]!,
        hint: "filter out empty samples first",
      });
    }
  }
  const alpha = options.alpha;
  if (alpha !== undefined && !(alpha >= 0 && alpha <= 1)) {
    issues.push({ code: "out_of_range", message: `alpha must be in [0, 1], got ${alpha}`, key: "alpha" });
  }
  const pc = options.pseudocount;
  if (pc !== undefined && !(pc > 0 && Number.isFinite(pc))) {
    issues.push({
      code: "out_of_range",
      message: `pseudocount must be a finite number > 0, got ${pc}`,
      key: "pseudocount",
      hint: "ln(0) is undefined: Aitchison needs a positive pseudocount",
    });
  }
  if (metric.needsTree) {
    if (options.tree === undefined) {
      issues.push({
        code: "bad_argument",
        message: `${metricId} needs a tree`,
        hint: "pass --tree tree.nwk",
      });
    } else {
      try {
        featureTipNodes(options.tree, table.featureIds);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        issues.push(...e.issues);
      }
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return metric;
}

/**
 * Accumulators of any block of stripes [start, stop) (for a worker or a cluster job), with the work
 * every block shares done once, here. Inputs must be valid.
 */
export function betaStripeSource(
  table: FeatureTable,
  metricId: BetaMetricId,
  options: BetaOptions,
): (start: number, stop: number) => StripeBlock {
  const metric = betaMetrics[metricId];
  return "prepare" in metric
    ? metric.prepare(table, options)
    : (start, stop) => metric.stripes(table, options, start, stop);
}

/**
 * The whole matrix straight into `condensed` (n(n-1)/2 zeros on entry) through the metric's
 * condensed path, when it has one (feature metrics); returns false, leaving `condensed` untouched,
 * when it has none. Bit-identical to merging stripe blocks. Inputs must be valid.
 */
export function betaCondensedInto(
  table: FeatureTable,
  metricId: BetaMetricId,
  options: BetaOptions,
  condensed: Float64Array,
): boolean {
  const metric = betaMetrics[metricId];
  if (metric.condensedSums === undefined) return false;
  const distance = metric.distance(table, options, metric.condensedSums(table, options, condensed));
  const n = nSamples(table);
  let p = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++, p++) condensed[p] = distance(i, j, condensed[p]!, 0);
  return true;
}

/** Merges blocks that together cover [0, nStripes) into the distance matrix. */
export function mergeBetaStripes(
  table: FeatureTable,
  metricId: BetaMetricId,
  options: BetaOptions,
  blocks: readonly StripeBlock[],
): DistanceMatrix {
  const n = nSamples(table);
  const covered = new Uint8Array(nStripes(n));
  for (const b of blocks) covered.fill(1, b.start, b.stop);
  if (covered.includes(0))
    throw InputError.single({ code: "bad_argument", message: "stripe blocks do not cover every stripe" });
  const condensed = new Float64Array((n * (n - 1)) / 2);
  if (blocks.length > 0) {
    const distance = betaMetrics[metricId].distance(table, options, blocks[0]!.rows);
    for (const b of blocks) mergeStripeBlock(b, distance, condensed);
  }
  return { ids: [...table.sampleIds], condensed };
}

/**
 * The distance matrix of one beta metric over all pairs of samples, accumulated in stripes
 * (Striped UniFrac layout, McDonald et al. 2018, doi:10.1038/s41592-018-0187-8).
 * @throws {InputError} `bad_argument` (unknown metric, UniFrac without a tree), `negative_value`,
 *   `all_zero_sample`, `out_of_range` (alpha, pseudocount), `missing_tips` /
 *   `missing_branch_length`, collected into one error.
 */
export function betaDiversity(
  table: FeatureTable,
  metricId: string,
  options: BetaDiversityOptions = {},
): DistanceMatrix {
  validateBeta(table, metricId, options);
  const id = metricId as BetaMetricId;
  const n = nSamples(table);
  const ranges = n < 2 ? [] : stripeRanges(n, options.blocks ?? 1);
  if (ranges.length === 1) {
    const condensed = new Float64Array((n * (n - 1)) / 2);
    if (betaCondensedInto(table, id, options, condensed)) return { ids: [...table.sampleIds], condensed };
  }
  const stripesOf = betaStripeSource(table, id, options);
  const blocks = ranges.map(([start, stop]) => stripesOf(start, stop));
  return mergeBetaStripes(table, id, options, blocks);
}
