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
export * from "./core/stats/formula.js";
export * from "./core/stats/design-matrix.js";
export * from "./core/stats/distributions/normal.js";
export * from "./core/stats/distributions/student-t.js";
export * from "./core/stats/distributions/f.js";
export * from "./core/stats/distributions/chi-square.js";
export * from "./core/stats/p-adjust.js";
export * from "./core/stats/storey-q-values.js";
export * from "./core/stats/alternative.js";
export * from "./core/stats/rank.js";
export * from "./core/stats/wilcoxon.js";
export * from "./core/stats/kruskal.js";
export * from "./core/stats/correlation.js";
export * from "./core/stats/qr.js";
export * from "./core/stats/ols.js";
export * from "./core/stats/glm-families.js";
export * from "./core/stats/glm.js";
export * from "./core/stats/glm-nb.js";
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
export type { DaMethodName, DaMethodResult, DaMethodSummary, DaRow } from "./core/da/types.js";
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
export type { AssociationMethod, AssociationResult, TaxonAssociationRow } from "./core/assoc/types.js";
