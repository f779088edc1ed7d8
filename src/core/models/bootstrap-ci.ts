/**
 * Percentile bootstrap confidence interval of a performance metric (AUROC, AUPRC, R^2, ...) computed
 * from out-of-fold predictions: resample the samples (or whole subjects when `groups` is given) with
 * replacement B times, recompute the metric on each resample, and take the (1 - level)/2 and
 * (1 + level)/2 quantiles (type 7) of the replicates. Replicates on which the metric is undefined
 * (one class drawn; constant outcome) are skipped and counted in `warnings`.
 * The interval treats the OOF predictions as fixed, so it reflects the sampling of test people but
 * not the refitting variability of the models (documented limitation, as in most CV reports).
 * Reference: Efron B, Tibshirani RJ (1993). An Introduction to the Bootstrap, ch. 13 (percentile
 * interval). Chapman & Hall. doi:10.1201/9780429246593
 */
import { InputError } from "../errors.js";
import { createRng } from "../random/rng.js";
import { quantileType7 } from "../stats/descriptive.js";
import { type MetricName, metricValue } from "./task-metrics.js";

/**
 * Options of {@link bootstrapCi}: the metric, the seed, B replicates (default 2000), the level
 * (default 0.95) and optional subject IDs to resample whole subjects.
 */
export interface BootstrapCiOptions {
  metric: MetricName;
  seed: number;
  replicates?: number;
  level?: number;
  groups?: readonly string[];
}

/** A metric's estimate with its percentile-bootstrap interval, and how many replicates were usable. */
export interface BootstrapCi {
  metric: MetricName;
  estimate: number;
  ciLow: number;
  ciHigh: number;
  level: number;
  method: "percentile bootstrap";
  replicates: number;
  validReplicates: number;
  seed: number;
  warnings: string[];
}

/**
 * Percentile bootstrap CI of a performance metric from out-of-fold predictions (Efron & Tibshirani
 * 1993, ch. 13, doi:10.1201/9780429246593): samples (or subjects) resampled with replacement,
 * type-7 quantiles of the replicates; replicates where the metric is undefined are skipped.
 * @throws {InputError} `too_few_samples` when the metric is undefined on the data or on every replicate.
 */
export function bootstrapCi(
  y: ArrayLike<number>,
  pred: ArrayLike<number>,
  opts: BootstrapCiOptions,
): BootstrapCi {
  const n = y.length;
  const replicates = opts.replicates ?? 2000;
  const level = opts.level ?? 0.95;
  const estimate = metricValue(opts.metric, y, pred);
  if (estimate === null) {
    throw InputError.single({
      code: "too_few_samples",
      message: `${opts.metric} is undefined on these outcomes (one class or constant)`,
    });
  }
  // units: samples, or groups of sample indices
  const units: number[][] = [];
  if (opts.groups) {
    const byId = new Map<string, number[]>();
    opts.groups.forEach((g, i) => {
      const list = byId.get(g) ?? [];
      if (list.length === 0) byId.set(g, list);
      list.push(i);
    });
    units.push(...byId.values());
  } else for (let i = 0; i < n; i++) units.push([i]);
  const rng = createRng(opts.seed);
  const values: number[] = [];
  const yb: number[] = [];
  const pb: number[] = [];
  for (let b = 0; b < replicates; b++) {
    yb.length = 0;
    pb.length = 0;
    for (let u = 0; u < units.length; u++) {
      for (const i of units[rng.int(units.length)]!) {
        yb.push(y[i]!);
        pb.push(pred[i]!);
      }
    }
    const v = metricValue(opts.metric, yb, pb);
    if (v !== null) values.push(v);
  }
  const warnings: string[] = [];
  if (values.length < replicates) {
    warnings.push(
      `${replicates - values.length} of ${replicates} bootstrap replicates had an undefined ${opts.metric}`,
    );
  }
  if (values.length === 0) {
    throw InputError.single({
      code: "too_few_samples",
      message: `no bootstrap replicate had a defined ${opts.metric}`,
    });
  }
  return {
    metric: opts.metric,
    estimate,
    ciLow: quantileType7(values, (1 - level) / 2),
    ciHigh: quantileType7(values, (1 + level) / 2),
    level,
    method: "percentile bootstrap",
    replicates,
    validReplicates: values.length,
    seed: opts.seed,
    warnings,
  };
}
