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
