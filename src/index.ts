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
export * from "./core/community/permutations.js";
export * from "./core/community/permanova.js";
export * from "./core/community/permdisp.js";
export * from "./core/community/anosim.js";
export * from "./core/community/mantel.js";
export { gowerCentred } from "./core/community/gower.js";
export { spatialMedian } from "./core/community/spatial-median.js";
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
