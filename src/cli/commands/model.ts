/**
 * `gutresponse model train`: trains one target's prediction model on a study folder and writes it
 * as a model file (src/core/profile/saved-model.ts) for `gutresponse predict`. The study is loaded
 * and prepared exactly as `run` does (study-loader.ts, prepareStudy: the analysis table at the
 * study's rank), and trained by the study's prediction step with the config's settings (folds,
 * repeats, permutations; CLR; prevalence filter), restricted to the one target and, with --model,
 * to one learner (otherwise the better of the configured learners is kept).
 */
import { InputError } from "../../core/errors.js";
import { cohortAlpha } from "../../core/profile/cohort-alpha.js";
import { SAVED_MODEL_KIND, type SavedModel } from "../../core/profile/saved-model.js";
import type { PredictionModelName } from "../../core/models/model-names.js";
import { type StudyConfig, studyConfigSchema } from "../../core/study/config.js";
import { predictionJobs, predictionStep } from "../../core/study/steps/prediction-step.js";
import { predictionPermutationsParallel } from "../../node/prediction-parallel.js";
import { prepareStudy } from "../../core/study/steps/prepare.js";
import { validateStudy } from "../../core/study/validate-study.js";
import { denseBlock, nFeatures, nSamples } from "../../core/table/feature-table.js";
import { loadStudy } from "../../node/study-loader.js";
import { implement } from "../command.js";
import { checkOutputFiles, writeOutputFile } from "../output.js";
import { spec } from "../specs/model.js";

/** The config with its prediction settings (schema defaults when absent) narrowed to one target. */
function forTarget(
  config: StudyConfig,
  target: string,
  model: PredictionModelName | undefined,
  seed: number,
): StudyConfig {
  const base = config.prediction ?? studyConfigSchema.shape.prediction.unwrap().parse({});
  return {
    ...config,
    seed,
    prediction: { ...base, targets: [target], models: model ? [model] : base.models },
  };
}

/** `gutresponse model`, run with its arguments checked against specs/model.ts. */
export const model = implement(spec, async ({ checked }, ctx) => {
  const { study: studyPath, target, out, force, model: learner, threads, seed: givenSeed } = checked();
  await checkOutputFiles([out], force);
  const { config, data } = await loadStudy(studyPath);
  const seed = givenSeed ?? config.seed;
  const { issues } = validateStudy(config, data);
  if (issues.length > 0) throw new InputError(issues);
  const study = forTarget(config, target, learner, seed);
  const prepared = prepareStudy(study, data);
  const permutationStatistics =
    threads > 1 ? await predictionPermutationsParallel(predictionJobs(study, prepared), threads) : undefined;
  const step = predictionStep(study, prepared, {
    ...(permutationStatistics ? { permutationStatistics } : {}),
    onProgress: (done, total) => ctx.stderr(`training ${target}: ${done}/${total} model(s)\n`),
  });
  const fitted = step.models[0];
  if (!fitted) {
    throw InputError.single({
      code: "too_few_samples",
      message: `no model could be trained for '${target}'`,
    });
  }
  const table = prepared.collapsed;
  const saved: SavedModel = {
    ...fitted,
    kind: SAVED_MODEL_KIND,
    featureLevel: prepared.level,
    cohortAlpha: cohortAlpha(denseBlock(table), nSamples(table), nFeatures(table)),
    study: config.name,
    warnings: [...prepared.warnings, ...step.warnings],
  };
  await writeOutputFile(ctx, "model train", out, `${JSON.stringify(saved)}\n`);
  const metric = saved.task === "binary" ? "auroc" : "r2";
  const m = saved.cv[metric];
  ctx.stdout(
    `${target} (${saved.modelType}, ${saved.training.n} samples, ${nFeatures(table)} ${prepared.level} features): ` +
      `CV ${metric} ${m ? `${m.estimate.toFixed(3)} [${m.ci_low.toFixed(3)}, ${m.ci_high.toFixed(3)}]` : "n/a"}, ` +
      `permutation p ${saved.cv.null_p ?? "not run"}; top: ${saved.topFeatures
        .slice(0, 5)
        .map((f) => f.name)
        .join(", ")} -> ${out}\n`,
  );
  for (const w of saved.warnings) ctx.stderr(`warning: ${w}\n`);
  return 0;
});
