/**
 * Row-major (per feature) view of a CSC FeatureTable, as BIOM's `observation/matrix` group and the
 * classic TSV (one line per feature) need it: a counting sort of the non-zeros by feature, O(nnz).
 */
import { type FeatureTable, nnz } from "../core/table/feature-table.js";

export function toCsr(t: FeatureTable): { indptr: Int32Array; indices: Int32Array; data: Float64Array } {
  const nF = t.featureIds.length;
  const total = nnz(t);
  const indptr = new Int32Array(nF + 1);
  for (let k = 0; k < total; k++) indptr[t.featureIndex[k]! + 1]!++;
  for (let f = 0; f < nF; f++) indptr[f + 1]! += indptr[f]!;
  const next = indptr.slice(0, nF);
  const indices = new Int32Array(total);
  const data = new Float64Array(total);
  for (let s = 0; s < t.sampleIds.length; s++) {
    for (let k = t.colPtr[s]!; k < t.colPtr[s + 1]!; k++) {
      const w = next[t.featureIndex[k]!]!++;
      indices[w] = s;
      data[w] = t.values[k]!;
    }
  }
  return { indptr, indices, data };
}
