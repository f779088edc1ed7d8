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
export { sampleBinomial } from "./core/simulate/binomial.js";
export {
  type DataDictionaryEntry,
  type KratomColumn,
  kratomDataDictionary,
} from "./core/simulate/data-dictionary.js";
export type {
  AbundanceShift,
  BinaryCovariate,
  CohortDesign,
  CovariateEffect,
  CovariateModel,
  CovariateName,
  NumericCovariate,
  OutcomeModel,
  PrevalenceShift,
  SequencingModel,
  TaxonLink,
} from "./core/simulate/design.js";
export { KRATOM_DEFAULT_N, kratomDesign, nullDesign } from "./core/simulate/kratom-design.js";
export { sampleMultinomial } from "./core/simulate/multinomial.js";
export {
  type SimulatedCohort,
  type SimulateOptions,
  simulateCohort,
} from "./core/simulate/simulate-cohort.js";
export { type SimulatedStudyFiles, simulatedStudyConfig } from "./core/simulate/study-config.js";
export { createTemplate, excludeTemplateTaxa, gutTemplate, type Template } from "./core/simulate/template.js";
export type * from "./core/simulate/truth.js";
