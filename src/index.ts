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
