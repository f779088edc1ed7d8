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
export type * from "./core/study/results.js";
export { buildReportModel } from "./report/build-model.js";
export type * from "./report/model.js";
export { renderReportHtml } from "./report/render-html.js";
export * from "./io/newick.js";
export * from "./io/biom-json.js";
export * from "./io/biom-tsv.js";
export * from "./io/biom-hdf5.js";
export * from "./io/metadata.js";
export * from "./io/taxonomy.js";
export * from "./io/lsmat.js";
export * from "./io/table.js";
export * from "./io/limits.js";
export * from "./io/qza.js";
export * from "./io/metaphlan.js";
export * from "./core/table/subset.js";
export * from "./core/table/filter-samples.js";
export * from "./core/table/filter-features.js";
export * from "./core/table/require-counts.js";
export * from "./core/table/rarefy.js";
export * from "./core/table/collapse.js";
export * from "./core/table/group-features.js";
export * from "./core/table/relative-abundance.js";
export * from "./core/table/clr.js";
export * from "./core/table/align.js";
export * from "./core/stats/formula.js";
export * from "./core/stats/design-matrix.js";
export * from "./core/stats/model-frame.js";
export { pNormalUpper, pNormalTwoSided, qNormal } from "./core/stats/distributions/normal.js";
export { pStudentTTwoSided, pStudentTUpper, qStudentT } from "./core/stats/distributions/student-t.js";
export { pFUpper } from "./core/stats/distributions/f.js";
export { pChiSquareUpper } from "./core/stats/distributions/chi-square.js";
export { adjustPValues, type PAdjustMethod } from "./core/stats/p-adjust.js";
export { type StoreyResult, storeyQValues } from "./core/stats/storey-q-values.js";
export type { Alternative } from "./core/stats/alternative.js";
export { type Ranking, rankAverage, tieCorrection } from "./core/stats/rank.js";
export { type WilcoxonOptions, type WilcoxonResult, wilcoxonRankSum } from "./core/stats/wilcoxon.js";
export { type KruskalResult, kruskalWallis } from "./core/stats/kruskal.js";
export {
  type CorrelationOptions,
  type CorrelationResult,
  pearson,
  spearman,
} from "./core/stats/correlation.js";
export {
  compareNestedOls,
  dropTerm,
  type FTest,
  type OlsFit,
  ols,
  olsTermFTest,
  type RegressionDesign,
} from "./core/stats/ols.js";
export { type GlmFit, type GlmOptions, glm } from "./core/stats/glm.js";
export { type GlmNbFit, glmNegativeBinomial } from "./core/stats/glm-nb.js";
export { type LmmFit, lmmAtTheta, lmmRandomIntercept, lmmRemlCriterion } from "./core/stats/lmm.js";
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
