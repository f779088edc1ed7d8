/**
 * Study step 6 — response prediction: for each configured target, elastic net and/or random forest
 * on the CLR of the taxa at the study's rank, trained by repeated nested cross-validation with a
 * label-permutation null (src/core/models/train-model.ts). Binary targets report AUROC, continuous
 * targets R², each with a bootstrap CI and the permutation p of "better than chance". The model
 * with the better cross-validated estimate is kept as the target's fitted model.
 * `predictionJobs` lists the (target, model) fits with their inputs, so that a Node engine can
 * compute their permutation tests on worker threads (src/node/prediction-parallel.ts) and hand the
 * statistics back through `permutationStatistics`: the results are the same bit for bit.
 * Random numbers (folds, permutations, bootstrap) come from the step's stream (streams.ts: the study
 * seed's own stream); callers outside the pipeline (`model train`) get it by default.
 */
import { rocCurve } from "../../models/classification-metrics.js";
import {
  type FittedModel,
  type TrainModelInput,
  type TrainModelOptions,
  trainModel,
} from "../../models/train-model.js";
import { denseBlock, nFeatures, nSamples } from "../../table/feature-table.js";
import { subjectLabels } from "../../table/subject-labels.js";
import type { Rng } from "../../random/rng.js";
import type { ImportanceRow, PredictionResults, PredictionRow } from "../results.js";
import type { StudyConfig } from "../config.js";
import { method } from "../methods.js";
import type { PreparedStudy } from "./shared.js";
import { type AnalysisConfig, type StepOutput, targetVector } from "./shared.js";
import { stepRng } from "./streams.js";

/** The slice of the study config prediction reads (`seed`: the default stream, see header). */
export type PredictionConfig = AnalysisConfig & Pick<StudyConfig, "outcomes" | "prediction" | "seed">;

/** The prediction step's results, warnings and methods, plus the kept model per target. */
export interface PredictionStepOutput extends StepOutput<PredictionResults> {
  models: FittedModel[];
}

/** One (target, model) fit of the prediction step: trainModel's input and options. */
export interface PredictionJob {
  target: string;
  model: "elastic_net" | "random_forest";
  /** Indices (into the prepared table's samples) of the samples with a target value. */
  samples: number[];
  input: TrainModelInput;
  options: TrainModelOptions;
}

/**
 * The fits of the prediction step, per target and then per model, in the order it runs them, on
 * the step's stream `rng` (default: the run's own stream of `config.seed`).
 */
export function predictionJobs(
  config: PredictionConfig,
  prepared: PreparedStudy,
  rng: Rng = stepRng(config.seed, "prediction"),
): PredictionJob[] {
  const spec = config.prediction!;
  const table = prepared.collapsed;
  const p = nFeatures(table);
  const dense = denseBlock(table);
  return spec.targets.flatMap((target) => {
    const { y, task } = targetVector(config, prepared, target);
    const keep = Array.from({ length: nSamples(table) }, (_, s) => s).filter((s) => !Number.isNaN(y[s]!));
    const x = new Float64Array(keep.length * p);
    keep.forEach((s, i) => x.set(dense.subarray(s * p, (s + 1) * p), i * p));
    const yKept = Float64Array.from(keep, (s) => y[s]!);
    const subjects = config.design.subject
      ? subjectLabels(prepared.metadata, config.design.subject, table.sampleIds)
      : undefined;
    const groups = subjects ? keep.map((s) => subjects[s] ?? `sample:${s}`) : undefined;
    return spec.models.map(
      (model): PredictionJob => ({
        target,
        model,
        samples: keep,
        input: {
          x,
          n: keep.length,
          p,
          featureNames: table.featureIds,
          y: yKept,
          task,
          target,
          ...(groups ? { groups } : {}),
        },
        options: {
          seed: rng.seed,
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
      }),
    );
  });
}

/** Response prediction for every configured target (see header). */
export function predictionStep(
  config: PredictionConfig,
  prepared: PreparedStudy,
  options: {
    onProgress?: (done: number, total: number) => void;
    signal?: AbortSignal;
    /** Per job of `predictionJobs`, its permutation statistics computed elsewhere (same values). */
    permutationStatistics?: readonly (readonly number[])[];
    /** The step's stream (default: the run's own stream of `config.seed`). */
    rng?: Rng;
  } = {},
): PredictionStepOutput {
  const spec = config.prediction!;
  const out: PredictionStepOutput = {
    result: { rows: [], importance: [], roc: [], predictedVsObserved: [] },
    models: [],
    warnings: [],
    methods: [
      ...spec.models.map((m) =>
        method(m, `Prediction of ${spec.targets.join(", ")} from CLR taxon profiles.`),
      ),
      method(
        "nested_cv",
        `${spec.repeats} x ${spec.folds}-fold nested cross-validation; ${spec.permutations} label permutations for the null; bootstrap CIs (the study seed's own random stream).`,
      ),
    ],
  };
  const table = prepared.collapsed;
  const jobs = predictionJobs(config, prepared, options.rng);
  let best: FittedModel | null = null;
  jobs.forEach((job, j) => {
    const { target, model, samples: keep } = job;
    const { task } = job.input;
    const firstOfTarget = j === 0 || jobs[j - 1]!.target !== target;
    if (firstOfTarget) best = null;
    if (firstOfTarget && keep.length < nSamples(table)) {
      out.warnings.push(
        `prediction of ${target}: ${nSamples(table) - keep.length} sample(s) without a value left out`,
      );
    }
    options.signal?.throwIfAborted();
    const given = options.permutationStatistics?.[j];
    const fitted = trainModel(
      job.input,
      given && given.length > 0 ? { ...job.options, permutationStatistics: given } : job.options,
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
      out.result.rows.push(row);
      const { observed, predicted } = fitted.cv.outOfFold;
      if (task === "binary") out.result.roc!.push({ target, model, points: rocCurve(observed, predicted) });
      out.result.predictedVsObserved!.push(
        ...keep.map((s, i) => ({
          target,
          model,
          sampleId: table.sampleIds[s]!,
          observed: observed[i]!,
          predicted: predicted[i]!,
        })),
      );
      const current: FittedModel | null = best;
      if (current === null || estimate.estimate > (current.cv[metric]?.estimate ?? Number.NEGATIVE_INFINITY))
        best = fitted;
    }
    out.result.importance.push(
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
    options.onProgress?.(j + 1, jobs.length);
    const lastOfTarget = j === jobs.length - 1 || jobs[j + 1]!.target !== target;
    if (lastOfTarget && best) out.models.push(best);
  });
  return out;
}
