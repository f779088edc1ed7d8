/**
 * The metric set reported for each task. Binary: AUROC (primary), AUPRC, Brier score; continuous:
 * R^2 (primary), RMSE, MAE. A metric that is undefined on the given data (one class present, constant
 * outcome) is null, never NaN.
 */
import { auprc, auroc, brierScore } from "./classification-metrics.js";
import type { ModelTask } from "./learner.js";
import { mae, rmse, rSquared } from "./regression-metrics.js";

/** A performance metric: AUROC, AUPRC, Brier score (binary); R², RMSE, MAE (continuous). */
export type MetricName = "auroc" | "auprc" | "brier" | "r2" | "rmse" | "mae";

/** The headline metric of a task: AUROC (binary) or R² (continuous). */
export function primaryMetric(task: ModelTask): "auroc" | "r2" {
  return task === "binary" ? "auroc" : "r2";
}

function hasVariation(y: ArrayLike<number>): boolean {
  for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) return true;
  return false;
}

/**
 * One metric; null when undefined for these data.
 * @throws {InputError} `bad_argument` / `non_finite` for mismatched or invalid inputs.
 */
export function metricValue(name: MetricName, y: ArrayLike<number>, pred: ArrayLike<number>): number | null {
  const varied = hasVariation(y);
  switch (name) {
    case "auroc":
      return varied ? auroc(y, pred) : null;
    case "auprc":
      return varied ? auprc(y, pred) : null;
    case "brier":
      return brierScore(y, pred);
    case "r2":
      return varied ? rSquared(y, pred) : null;
    case "rmse":
      return rmse(y, pred);
    case "mae":
      return mae(y, pred);
  }
}

/** The metrics reported for a task, primary first. */
export function taskMetricNames(task: ModelTask): MetricName[] {
  return task === "binary" ? ["auroc", "auprc", "brier"] : ["r2", "rmse", "mae"];
}

/**
 * Every metric of the task on (y, pred); a metric undefined on these data (one class, constant y) is null.
 * @throws {InputError} `bad_argument` / `non_finite` for mismatched or invalid inputs.
 */
export function taskMetrics(
  task: ModelTask,
  y: ArrayLike<number>,
  pred: ArrayLike<number>,
): Partial<Record<MetricName, number | null>> {
  const out: Partial<Record<MetricName, number | null>> = {};
  for (const name of taskMetricNames(task)) out[name] = metricValue(name, y, pred);
  return out;
}
