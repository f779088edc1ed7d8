/**
 * The prediction models by name, alone, so the study config, the CLI's `model --help` and the app
 * can list them without loading the learners (elastic-net.ts, random-forest.ts).
 */

/** The prediction models study.yaml's `prediction.models` and `model train --model` accept. */
export const PREDICTION_MODELS = ["elastic_net", "random_forest"] as const;
/** One of {@link PREDICTION_MODELS}. */
export type PredictionModelName = (typeof PREDICTION_MODELS)[number];
