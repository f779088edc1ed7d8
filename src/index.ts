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
export {
  DA_METHODS,
  type DifferentialAbundanceOptions,
  type DifferentialAbundanceResult,
  differentialAbundance,
} from "./core/da/differential-abundance.js";
export {
  type DaInput,
  type DaInputOptions,
  DEFAULT_MIN_PREVALENCE,
  prepareDaInput,
} from "./core/da/prepare.js";
export {
  CONSENSUS_COLUMNS,
  DA_ROW_COLUMNS,
  type DaMethodName,
  type DaMethodResult,
  type DaMethodSummary,
  type DaRow,
} from "./core/da/types.js";
export { type LindaOptions, type LindaZeroHandling, linda } from "./core/da/linda.js";
export { type AncombcOptions, type BiasEstimate, ancombc, estimateBiasEm } from "./core/da/ancombc.js";
export { type Aldex2Options, type Aldex2Result, aldex2 } from "./core/da/aldex2.js";
export { maaslin } from "./core/da/maaslin.js";
export { wilcoxonClr } from "./core/da/wilcoxon-clr.js";
export { type ConsensusDirection, type DaConsensusRow, consensus } from "./core/da/consensus.js";
export { kernelDensityMode } from "./core/da/kernel-mode.js";
export {
  type AssociationOptions,
  type AssociationsResult,
  associations,
  type OutcomeType,
} from "./core/assoc/associations.js";
export { type DoseResponseOptions, doseResponse } from "./core/assoc/dose-response.js";
export {
  ASSOCIATION_COLUMNS,
  type AssociationMethod,
  type AssociationResult,
  type TaxonAssociationRow,
} from "./core/assoc/types.js";
