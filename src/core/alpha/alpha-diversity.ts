/**
 * Alpha diversity of every sample of a FeatureTable: the metric registry (IDs as scikit-bio /
 * QIIME 2 name them) and `alphaDiversity`, which validates the table once and runs the metrics.
 *
 * Validation (all issues collected, one InputError): negative values (`negative_value`, any
 * metric); non-integer values for the count-based metrics `chao1` and `goods_coverage`
 * (`fractional_count`); `faith_pd` without a tree (`bad_argument`) or with features missing from it
 * (`missing_tips`, `missing_branch_length`). Undefined values (all-zero samples; Pielou with fewer
 * than two features) are NaN in the output and each one is named in `warnings`.
 */
import { InputError, type Issue, listIds } from "../errors.js";
import { featureTipNodes } from "../phylo/feature-tips.js";
import type { Tree } from "../phylo/tree.js";
import { type FeatureTable, nSamples } from "../table/feature-table.js";
import { chao1 } from "./chao1.js";
import { faithPd } from "./faith-pd.js";
import { goodsCoverage } from "./goods-coverage.js";
import { inverseSimpson } from "./inverse-simpson.js";
import { observedFeatures } from "./observed-features.js";
import { pielouE } from "./pielou-e.js";
import { shannon } from "./shannon.js";
import { simpson } from "./simpson.js";
import { ALPHA_METRIC_IDS, type AlphaMetricId } from "./metric-ids.js";

export { ALPHA_METRIC_IDS, type AlphaMetricId };

/** Options shared by the alpha metrics. */
export interface AlphaOptions {
  /** Needed by `faith_pd`. */
  tree?: Tree;
  /** Logarithm base of `shannon`; default e. */
  shannonBase?: number;
}

/**
 * Alpha diversity of each sample: one Float64Array per metric asked for, aligned with `sampleIds`;
 * NaN where a metric is undefined, each such case named in `warnings`.
 */
export interface AlphaResult {
  sampleIds: string[];
  metrics: Partial<Record<AlphaMetricId, Float64Array>>;
  warnings: string[];
}

/** How the driver runs one alpha metric: what input it requires, and its per-sample computation. */
export interface AlphaMetric {
  /** Integer counts required (singletons / doubletons are counted). */
  needsCounts: boolean;
  needsTree: boolean;
  /** The metric's value for every sample of the table, in sample order. */
  compute(table: FeatureTable, options: AlphaOptions): Float64Array;
}

/** Applies a per-sample function to the non-zero values of each sample. */
function perSample(fn: (counts: Float64Array) => number): AlphaMetric["compute"] {
  return (table) => {
    const out = new Float64Array(nSamples(table));
    for (let s = 0; s < out.length; s++)
      out[s] = fn(table.values.subarray(table.colPtr[s]!, table.colPtr[s + 1]!));
    return out;
  };
}

function simple(fn: (counts: Float64Array) => number, needsCounts = false): AlphaMetric {
  return { needsCounts, needsTree: false, compute: perSample(fn) };
}

/** The registry of alpha metrics by ID. */
export const alphaMetrics: Readonly<Record<AlphaMetricId, AlphaMetric>> = {
  observed_features: simple(observedFeatures),
  shannon: {
    needsCounts: false,
    needsTree: false,
    compute: (table, options) =>
      perSample((c) => shannon(c, { base: options.shannonBase ?? Math.E }))(table, options),
  },
  simpson: simple(simpson),
  inverse_simpson: simple(inverseSimpson),
  chao1: simple(chao1, true),
  pielou_e: simple(pielouE),
  goods_coverage: simple(goodsCoverage, true),
  faith_pd: {
    needsCounts: false,
    needsTree: true,
    compute: (table, options) =>
      faithPd(table, options.tree!, featureTipNodes(options.tree!, table.featureIds)),
  },
};

/** True when `id` names an alpha metric. */
export function isAlphaMetricId(id: string): id is AlphaMetricId {
  return (ALPHA_METRIC_IDS as readonly string[]).includes(id);
}

function samplesWhere(table: FeatureTable, bad: (v: number) => boolean): string[] {
  const out: string[] = [];
  for (let s = 0; s < nSamples(table); s++) {
    for (let k = table.colPtr[s]!; k < table.colPtr[s + 1]!; k++) {
      if (bad(table.values[k]!)) {
        out.push(table.sampleIds[s]!);
        break;
      }
    }
  }
  return out;
}

function validate(table: FeatureTable, ids: readonly string[], options: AlphaOptions): AlphaMetricId[] {
  const issues: Issue[] = [];
  const unknown = ids.filter((id) => !isAlphaMetricId(id));
  if (unknown.length > 0) {
    issues.push({
      code: "bad_argument",
      message: `unknown alpha metric(s): ${listIds(unknown)}`,
      hint: `choose from ${ALPHA_METRIC_IDS.join(", ")}`,
    });
  }
  const metrics = ids.filter(isAlphaMetricId);
  const negative = samplesWhere(table, (v) => v < 0);
  if (negative.length > 0) {
    issues.push({
      code: "negative_value",
      message: `negative values in sample(s) ${listIds(negative)}`,
      sampleId: negative[0]!,
      hint: "alpha diversity needs counts or non-negative abundances",
    });
  }
  const countMetrics = metrics.filter((m) => alphaMetrics[m].needsCounts);
  if (countMetrics.length > 0) {
    const fractional = samplesWhere(table, (v) => !Number.isInteger(v));
    if (fractional.length > 0) {
      issues.push({
        code: "fractional_count",
        message: `${countMetrics.join(", ")} need integer counts; sample(s) ${listIds(fractional)} have fractional values`,
        sampleId: fractional[0]!,
        hint: "run these metrics on the raw count table, not on relative abundances",
      });
    }
  }
  if (metrics.some((m) => alphaMetrics[m].needsTree) && options.tree === undefined) {
    issues.push({ code: "bad_argument", message: "faith_pd needs a tree", hint: "pass --tree tree.nwk" });
  }
  if (issues.length > 0) throw new InputError(issues);
  return metrics;
}

/**
 * Computes the given alpha metrics for every sample, after validating the table once for all of
 * them (see the module header).
 * @throws {InputError} `bad_argument` (unknown metric; `faith_pd` without a tree), `negative_value`,
 *   `fractional_count` (chao1 / goods_coverage on non-integers), `missing_tips` /
 *   `missing_branch_length` (faith_pd), all collected into one error.
 */
export function alphaDiversity(
  table: FeatureTable,
  metricIds: readonly string[],
  options: AlphaOptions = {},
): AlphaResult {
  const metrics = validate(table, metricIds, options);
  const result: AlphaResult = { sampleIds: [...table.sampleIds], metrics: {}, warnings: [] };
  for (const id of metrics) {
    const values = alphaMetrics[id].compute(table, options);
    const undefinedAt = table.sampleIds.filter((_, s) => Number.isNaN(values[s]!));
    if (undefinedAt.length > 0) {
      result.warnings.push(
        `${id} is undefined (NaN) for ${undefinedAt.length} sample(s) (empty sample${id === "pielou_e" ? " or fewer than 2 features" : ""}): ${listIds(undefinedAt)}`,
      );
    }
    result.metrics[id] = values;
  }
  return result;
}
