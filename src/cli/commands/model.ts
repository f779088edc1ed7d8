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
import { type StudyConfig, studyConfigSchema } from "../../core/study/config.js";
import { predictionJobs, predictionStep } from "../../core/study/steps/prediction-step.js";
import { predictionPermutationsParallel } from "../../node/prediction-parallel.js";
import { prepareStudy } from "../../core/study/steps/prepare.js";
import { validateStudy } from "../../core/study/validate-study.js";
import { denseBlock, nFeatures, nSamples } from "../../core/table/feature-table.js";
import { loadStudy } from "../../node/study-loader.js";
import { intOption, parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { checkOutputFiles, OUT_FILE_ARGS, writeOutputFile } from "../output.js";

const MODELS = ["elastic_net", "random_forest"] as const;
type ModelName = (typeof MODELS)[number];

const HELP = `gutresponse model train --study STUDY.yaml --target COLUMN [--model elastic_net|random_forest] [--seed N] [--threads N] --out MODEL.json

Trains a model predicting one target (a metadata column: numeric -> regression, two levels ->
classification) from the study's taxa at its configured rank, with the study's prediction
settings (nested repeated cross-validation, bootstrap CI, label-permutation test of "better than
chance"). Writes one JSON model file, atomically, for 'gutresponse predict'.

  --study FILE   study.yaml (its table, metadata and taxonomy are loaded as 'run' does)
  --target COL   the column to predict (e.g. pain_relief, constipation)
  --model NAME   elastic_net or random_forest (default: both, the better one is kept)
  --seed N       overrides the study's seed
  --threads N    threads for the permutation test (default 1); results are identical for any N
  --out FILE     the model file to write
  --force        replace FILE if it exists (default: refuse)

Examples:
  gutresponse simulate --design kratom --n 65 --seed 1 --out cohort
  gutresponse model train --study cohort/study.yaml --target pain_relief --model elastic_net --out pain.model.json
  gutresponse predict --model pain.model.json --table cohort/table.biom --sample P001 --out profile/`;

function modelOption(value: string | undefined): ModelName | undefined {
  if (value === undefined) return undefined;
  if (!(MODELS as readonly string[]).includes(value)) {
    throw InputError.single({
      code: "bad_argument",
      message: `unknown --model '${value}'`,
      hint: `choose one of: ${MODELS.join(", ")}`,
    });
  }
  return value as ModelName;
}

/** The config with its prediction settings (schema defaults when absent) narrowed to one target. */
function forTarget(
  config: StudyConfig,
  target: string,
  model: ModelName | undefined,
  seed: number,
): StudyConfig {
  const base = config.prediction ?? studyConfigSchema.shape.prediction.unwrap().parse({});
  return {
    ...config,
    seed,
    prediction: { ...base, targets: [target], models: model ? [model] : base.models },
  };
}

export const model: Command = {
  name: "model",
  summary: "train a response-prediction model on a study (model train) for 'predict'",
  help: HELP,
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === "--help" || sub === "-h") {
      ctx.stdout(`${HELP}\n`);
      return sub === undefined ? 2 : 0;
    }
    if (sub !== "train") {
      throw InputError.single({
        code: "bad_argument",
        message: `unknown subcommand 'model ${sub}'`,
        hint: "use 'gutresponse model train'",
      });
    }
    const { values } = parseCommandArgs("model train", rest, {
      study: { type: "string" },
      target: { type: "string" },
      model: { type: "string" },
      seed: { type: "string" },
      threads: { type: "string" },
      ...OUT_FILE_ARGS,
    });
    if (values.help) {
      ctx.stdout(`${HELP}\n`);
      return 0;
    }
    const studyPath = requireOption("model train", values.study, "study");
    const target = requireOption("model train", values.target, "target");
    const out = requireOption("model train", values.out, "out");
    const learner = modelOption(values.model);
    await checkOutputFiles([out], values.force);
    const { config, data } = await loadStudy(studyPath);
    const seed = intOption("model train", values.seed, "seed", config.seed, 0);
    const { issues } = validateStudy(config, data);
    if (issues.length > 0) throw new InputError(issues);
    const study = forTarget(config, target, learner, seed);
    const prepared = prepareStudy(study, data);
    const threads = intOption("model train", values.threads, "threads", 1, 1);
    const permutationStatistics =
      threads > 1
        ? await predictionPermutationsParallel(predictionJobs(study, prepared), threads)
        : undefined;
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
  },
};
