/**
 * gutresponse as a library (Node and browsers): the pure core and the browser-safe readers.
 * Node-only adapters live under src/node and are not exported here.
 */
export * from "./core/errors.js";
export * from "./core/random/rng.js";
export * from "./core/table/feature-table.js";
export * from "./core/table/taxonomy.js";
export * from "./core/table/metadata.js";
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
export * from "./core/stats/table-summary.js";
export * from "./core/phylo/tree.js";
export { featureTipNodes } from "./core/phylo/feature-tips.js";
export * from "./core/alpha/alpha-diversity.js";
export { chao1 } from "./core/alpha/chao1.js";
export { faithPd } from "./core/alpha/faith-pd.js";
export { goodsCoverage } from "./core/alpha/goods-coverage.js";
export { inverseSimpson } from "./core/alpha/inverse-simpson.js";
export { observedFeatures } from "./core/alpha/observed-features.js";
export { pielouE } from "./core/alpha/pielou-e.js";
export { type ShannonOptions, shannon } from "./core/alpha/shannon.js";
export { simpson } from "./core/alpha/simpson.js";
export * from "./core/beta/distance-matrix.js";
export * from "./core/beta/beta-diversity.js";
export type { BetaOptions, PairwiseMetric } from "./core/beta/pairwise-metric.js";
export { nStripes, type StripeBlock, stripeRanges } from "./core/beta/stripes.js";
export * from "./core/ordination/pcoa.js";
export { type SymmetricEigen, symmetricEigen } from "./core/stats/symmetric-eigen.js";
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
  type CorrelationTest,
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
export { type AnovaRow, type AnovaTable, olsAnova } from "./core/stats/ols-anova.js";
export { type GlmFit, type GlmOptions, glm } from "./core/stats/glm.js";
export { type GlmNbFit, glmNegativeBinomial } from "./core/stats/glm-nb.js";
export {
  type LmmFit,
  type LmmFitter,
  lmmAtTheta,
  lmmRandomIntercept,
  lmmRemlCriterion,
} from "./core/stats/lmm.js";
export { type ProportionInterval, wilsonInterval, Z_95 } from "./core/stats/wilson-interval.js";
export * from "./core/community/permutations.js";
export * from "./core/community/permanova.js";
export * from "./core/community/permdisp.js";
export * from "./core/community/anosim.js";
export * from "./core/community/mantel.js";
export { gowerCentred } from "./core/ordination/gower.js";
export { spatialMedian } from "./core/community/spatial-median.js";
export {
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
  DA_METHODS,
  DA_ROW_COLUMNS,
  type DaMethodName,
  type DaMethodResult,
  type DaMethodSummary,
  type DaRow,
} from "./core/da/types.js";
export { type LindaOptions, type LindaZeroHandling, linda } from "./core/da/linda.js";
export { type AncombcOptions, type BiasEstimate, ancombc, estimateBiasEm } from "./core/da/ancombc.js";
export {
  type Aldex2CacheContents,
  Aldex2InstanceCache,
  type Aldex2Options,
  type Aldex2Result,
  aldex2,
} from "./core/da/aldex2.js";
export { maaslin } from "./core/da/maaslin.js";
export { wilcoxonClr } from "./core/da/wilcoxon-clr.js";
export { type ConsensusDirection, type DaConsensusRow, consensus } from "./core/da/consensus.js";
export { globalKernelMode, meanShiftMode } from "./core/da/kernel-mode.js";
export {
  ASSOCIATION_MODELS,
  type AssociationModel,
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
  CALIBRATED_ASSOCIATION_METHODS,
  type TaxonAssociationRow,
} from "./core/assoc/types.js";
export * from "./core/models/model-names.js";
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
export { sampleBinomial } from "./core/simulate/binomial.js";
export { type DataDictionaryEntry, dictionaryRows } from "./core/simulate/data-dictionary.js";
export {
  type AbundanceShift,
  type BinaryCovariate,
  type BinaryOutcome,
  type CohortDesign,
  type ContinuousOutcome,
  type CovariateEffect,
  type CovariateModel,
  type CovariateName,
  type DesignColumns,
  type DesignHypothesis,
  type DoseModel,
  type LinkedOutcome,
  linkedOutcomes,
  type NumericCovariate,
  type OutcomeModel,
  type PrevalenceShift,
  type SequencingModel,
  type SideEffectOutcome,
  studyOutcomes,
  type TaxonLink,
} from "./core/simulate/design.js";
export {
  designNames,
  REFERENCE_DESIGNS,
  type ReferenceDesign,
  referenceDesign,
} from "./core/simulate/designs/index.js";
export {
  KRATOM_DEFAULT_N,
  type KratomColumn,
  kratomDataDictionary,
  kratomDesign,
  nullDesign,
} from "./core/simulate/designs/kratom.js";
export { metforminDataDictionary, metforminDesign } from "./core/simulate/designs/metformin.js";
export { sampleMultinomial } from "./core/simulate/multinomial.js";
export {
  type SimulatedCohort,
  type SimulateOptions,
  simulateCohort,
} from "./core/simulate/simulate-cohort.js";
export { type SimulatedStudyFiles, simulatedStudyConfig } from "./core/simulate/study-config.js";
export { createTemplate, excludeTemplateTaxa, gutTemplate, type Template } from "./core/simulate/template.js";
export type * from "./core/simulate/truth.js";
export {
  DEFAULT_POWER_METHODS,
  FDP_ROW_COLUMNS,
  type FdpRow,
  POWER_ROW_COLUMNS,
  type PowerOptions,
  type PowerResult,
  type PowerRow,
  powerAnalysis,
  powerTasks,
  summarisePower,
} from "./core/simulate/power.js";
export {
  type PlantedEffect,
  type PlantedKind,
  type PowerConfig,
  type PowerTask,
  plantedEffects,
  type ReplicateCalls,
  type ReplicateResult,
  runPowerReplicate,
  scaleDesignEffects,
} from "./core/simulate/power-replicate.js";
export type * from "./core/study/results.js";
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
export { buildReportModel } from "./report/build-model.js";
export type * from "./report/model.js";
export { renderReportHtml } from "./report/render-html.js";
export { renderProfileHtml } from "./report/profile-html.js";
export { VERSION } from "./core/version.js";
export * from "./core/profile/percentile.js";
export * from "./core/profile/cohort-alpha.js";
export * from "./core/profile/template-shannon.js";
export * from "./core/profile/align-features.js";
export * from "./core/profile/saved-model.js";
export * from "./core/profile/personal-profile.js";
// Meta-analysis of several cohorts' results (gutresponse meta; docs/META.md)
export * from "./core/meta/random-effects.js";
export * from "./core/meta/cohorts.js";
export * from "./core/meta/pool-cohorts.js";
export * from "./io/results-folder.js";
export * from "./io/meta-files.js";
export { renderMetaHtml } from "./report/meta-html.js";
// Types the exports above name in their signatures, so that the API reference (npm run docs) can
// document and link them.
export { OUTCOME_TYPES } from "./core/assoc/associations.js";
export type { PairDistance } from "./core/beta/stripes.js";
export type { PointSet } from "./core/community/spatial-median.js";
export type { MaaslinOptions } from "./core/da/maaslin.js";
export type { Performance } from "./core/profile/profile-wording.js";
export type { VisitModel } from "./core/simulate/design.js";
export type { DataDictionary, DictionaryEntry } from "./core/study/dictionary.js";
export type { HypothesisDirection, HypothesisResults, HypothesisRow } from "./core/study/hypotheses.js";
export type { ResultFile } from "./io/study-files.js";
export type { TextInput } from "./io/text.js";
export type { Cell, DataFile } from "./report/data-file.js";
export type { MetaReportMeta, MetaReportOptions } from "./report/meta-html.js";
