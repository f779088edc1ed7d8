/**
 * Study step 5 — response prediction: for each configured target, elastic net and/or random forest
 * on the CLR of the taxa at the study's rank, trained by repeated nested cross-validation with a
 * label-permutation null (src/core/models/train-model.ts). Binary targets report AUROC, continuous
 * targets R², each with a bootstrap CI and the permutation p of "better than chance". The model
 * with the better cross-validated estimate is kept as the target's fitted model.
 */
import { rocCurve } from "../../models/classification-metrics.js";
import { type FittedModel, trainModel } from "../../models/train-model.js";
import { denseBlock, nFeatures, nSamples } from "../../table/feature-table.js";
import { subjectLabels } from "../../table/subject-labels.js";
import type { ImportanceRow, PredictionResults, PredictionRow } from "../results.js";
import type { StudyConfig } from "../config.js";
import type { PreparedStudy } from "./prepare.js";
import { targetVector } from "./shared.js";

export interface PredictionStepOutput {
  prediction: PredictionResults;
  models: FittedModel[];
  warnings: string[];
}

export function predictionStep(
  config: StudyConfig,
  prepared: PreparedStudy,
  options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): PredictionStepOutput {
  const spec = config.prediction!;
  const out: PredictionStepOutput = {
    prediction: { rows: [], importance: [], roc: [], predictedVsObserved: [] },
    models: [],
    warnings: [],
  };
  const table = prepared.collapsed;
  const p = nFeatures(table);
  const dense = denseBlock(table);
  const total = spec.targets.length * spec.models.length;
  let done = 0;
  for (const target of spec.targets) {
    const { y, task } = targetVector(config, prepared, target);
    const keep = Array.from({ length: nSamples(table) }, (_, s) => s).filter((s) => !Number.isNaN(y[s]!));
    if (keep.length < nSamples(table)) {
      out.warnings.push(
        `prediction of ${target}: ${nSamples(table) - keep.length} sample(s) without a value left out`,
      );
    }
    const x = new Float64Array(keep.length * p);
    keep.forEach((s, i) => x.set(dense.subarray(s * p, (s + 1) * p), i * p));
    const yKept = Float64Array.from(keep, (s) => y[s]!);
    const subjects = config.design.subject
      ? subjectLabels(prepared.metadata, config.design.subject, table.sampleIds)
      : undefined;
    const groups = subjects ? keep.map((s) => subjects[s] ?? `sample:${s}`) : undefined;
    let best: FittedModel | null = null;
    for (const model of spec.models) {
      options.signal?.throwIfAborted();
      const fitted = trainModel(
        {
          x,
          n: keep.length,
          p,
          featureNames: table.featureIds,
          y: yKept,
          task,
          target,
          ...(groups ? { groups } : {}),
        },
        {
          seed: config.seed,
          model:
            model === "elastic_net"
              ? { type: model, alphas: spec.alphas, innerFolds: spec.inner_folds }
              : { type: model, numTrees: spec.trees },
          transform: { type: "clr", pseudocount: 0.5 },
          filter: { minPrevalence: config.analysis.min_prevalence },
          k: spec.folds,
          repeats: spec.repeats,
          permutations: spec.permutations,
        },
      );
      out.warnings.push(...fitted.warnings.map((w) => `prediction of ${target} (${model}): ${w}`));
      const metric = task === "binary" ? "auroc" : "r2";
      const estimate = fitted.cv[metric];
      if (estimate) {
        const row: PredictionRow = {
          target,
          model,
          metric,
          estimate: estimate.estimate,
          ci_low: estimate.ci_low,
          ci_high: estimate.ci_high,
          null_p: fitted.cv.null_p,
        };
        out.prediction.rows.push(row);
        const { observed, predicted } = fitted.cv.outOfFold;
        if (task === "binary")
          out.prediction.roc!.push({ target, model, points: rocCurve(observed, predicted) });
        out.prediction.predictedVsObserved!.push(
          ...keep.map((s, i) => ({
            target,
            model,
            sampleId: table.sampleIds[s]!,
            observed: observed[i]!,
            predicted: predicted[i]!,
          })),
        );
        if (best === null || estimate.estimate > (best.cv[metric]?.estimate ?? Number.NEGATIVE_INFINITY))
          best = fitted;
      }
      out.prediction.importance.push(
        ...fitted.topFeatures.map(
          (f): ImportanceRow => ({
            target,
            feature: f.name,
            importance: f.weight,
            direction: f.direction,
            stability: f.selectionFrequency,
          }),
        ),
      );
      done++;
      options.onProgress?.(done, total);
    }
    if (best) out.models.push(best);
  }
  return out;
}
