/**
 * gutresponse as a library (Node and browsers): the pure core and the browser-safe readers.
 * Node-only adapters live under src/node and are not exported here.
 */
export * from "./core/errors.js";
export * from "./core/random/rng.js";
export * from "./core/table/feature-table.js";
export * from "./core/table/taxonomy.js";
export * from "./core/table/metadata.js";
export * from "./core/phylo/tree.js";
export * from "./core/beta/distance-matrix.js";
export { VERSION } from "./version.js";
export * from "./core/models/elastic-net.js";
export * from "./core/models/elastic-net-tuning.js";
export * from "./core/models/random-forest.js";
export * from "./core/models/classification-metrics.js";
export * from "./core/models/regression-metrics.js";
export * from "./core/models/calibration.js";
export * from "./core/models/task-metrics.js";
export * from "./core/models/cv-folds.js";
export * from "./core/models/feature-filter.js";
export * from "./core/models/feature-transform.js";
export * from "./core/models/learner.js";
export * from "./core/models/cross-validation.js";
export * from "./core/models/bootstrap-ci.js";
export * from "./core/models/permutation-null.js";
export * from "./core/models/conformal.js";
export * from "./core/models/venn-abers.js";
export * from "./core/models/train-model.js";
export * from "./core/models/predict-one.js";
