/**
 * The learners cross-validation, conformal intervals and trainModel fit: one place that turns a model
 * spec and a training set into a predictor plus per-feature weights.
 * - `elastic_net`: lambda (and alpha from `alphas`) tuned by inner CV on the training data only
 *   (elastic-net-tuning.ts); weights are the original-scale coefficients; predictions are
 *   probabilities (binary) or the linear predictor (continuous).
 * - `random_forest`: ranger-default forest (random-forest.ts), no tuning; weights are impurity
 *   importances; predictions are class-1 probabilities (binary) or means (continuous).
 */
import { DEFAULT_ALPHAS, type TunedElasticNet, tuneElasticNet } from "./elastic-net-tuning.js";
import { linearPredictor } from "./elastic-net.js";
import { predictForest, type RandomForest, randomForest } from "./random-forest.js";

/** What a model predicts: a 0/1 outcome (as a probability) or a continuous one. */
export type ModelTask = "binary" | "continuous";

/** A learner and its settings: an elastic net tuned by inner CV, or a random forest with ranger defaults. */
export type ModelSpec =
  | { type: "elastic_net"; alphas?: number[]; innerFolds?: number; nlambda?: number }
  | { type: "random_forest"; numTrees?: number; mtry?: number; minNodeSize?: number };

/** A learner fitted on one training set: a predictor, per-feature weights and the hyperparameters chosen. */
export interface FittedLearner {
  /** Predictions (probabilities for binary) for the m rows of row-major x with the training columns. */
  predict(x: Float64Array, m: number): Float64Array;
  /** Coefficient (elastic net) or impurity importance (forest) per training column. */
  weights: Float64Array;
  hyperparameters: Record<string, number>;
  elasticNet?: TunedElasticNet;
  forest?: RandomForest;
}

const logistic = (eta: number): number => 1 / (1 + Math.exp(-eta));

/**
 * Fits a learner on row-major x (n × p): the elastic net with alpha and lambda tuned by inner CV on
 * these data only, or a random forest (Breiman 2001, doi:10.1023/A:1010933404324).
 * @throws {InputError} as {@link tuneElasticNet} and {@link randomForest}.
 */
export function fitLearner(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  task: ModelTask,
  spec: ModelSpec,
  seed: number,
  groups?: readonly string[],
): FittedLearner {
  if (spec.type === "elastic_net") {
    const en = tuneElasticNet(x, y, n, p, {
      family: task === "binary" ? "binomial" : "gaussian",
      seed,
      alphas: spec.alphas ?? DEFAULT_ALPHAS,
      innerFolds: spec.innerFolds,
      nlambda: spec.nlambda,
      groups,
    });
    return {
      predict: (xt, m) => {
        const eta = linearPredictor(xt, m, p, en.intercept, en.beta);
        return task === "binary" ? eta.map(logistic) : eta;
      },
      weights: Float64Array.from(en.beta),
      hyperparameters: { alpha: en.alpha, lambda: en.lambda },
      elasticNet: en,
    };
  }
  const forest = randomForest(x, y, n, p, {
    task: task === "binary" ? "classification" : "regression",
    seed,
    numTrees: spec.numTrees,
    mtry: spec.mtry,
    minNodeSize: spec.minNodeSize,
    importance: "impurity",
  });
  return {
    predict: (xt, m) => predictForest(forest, xt, m),
    weights: Float64Array.from(forest.importance!),
    hyperparameters: { numTrees: forest.numTrees, mtry: forest.mtry, minNodeSize: forest.minNodeSize },
    forest,
  };
}
