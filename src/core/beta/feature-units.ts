/**
 * Feature units: runs the pair kernel (pair-kernel.ts) with every feature as a unit of weight 1,
 * over per-cell values aligned with `table.values` (raw counts, presence, log-ratios...).
 *
 * The CSC table (one column per sample) is transposed once to CSR (one row per feature, listing
 * the samples where it is non-zero), O(nnz); cells whose transformed value is exactly 0 are left
 * out so that the kernel's "non-zero" lists stay exact.
 *
 *   featurePtr    [0, 2, 5, ...]          feature f owns entries featurePtr[f] .. featurePtr[f+1]-1
 *   sampleIndex   [0, 3,  1, 2, 3, ...]   samples (ascending) where feature f is non-zero
 *   value         [.., ..,  .., .., ..]   the transformed value in that sample
 */
import { type FeatureTable, nFeatures, nSamples } from "../table/feature-table.js";
import { accumulateUnit, type PairTerm } from "./pair-kernel.js";
import { createStripeBlock, type StripeBlock } from "./stripes.js";

/** Feature-major (CSR) copy of per-cell values aligned with `table.values`, without exact zeros. */
export function featureMajor(
  table: FeatureTable,
  cellValues: Float64Array,
): { featurePtr: Int32Array; sampleIndex: Int32Array; value: Float64Array } {
  const m = nFeatures(table);
  const featurePtr = new Int32Array(m + 1);
  for (let k = 0; k < cellValues.length; k++)
    if (cellValues[k] !== 0) featurePtr[table.featureIndex[k]! + 1]!++;
  for (let f = 0; f < m; f++) featurePtr[f + 1]! += featurePtr[f]!;
  const fill = featurePtr.slice(0, m);
  const sampleIndex = new Int32Array(featurePtr[m]!);
  const value = new Float64Array(featurePtr[m]!);
  for (let s = 0; s < nSamples(table); s++) {
    for (let k = table.colPtr[s]!; k < table.colPtr[s + 1]!; k++) {
      const x = cellValues[k]!;
      if (x === 0) continue;
      const at = fill[table.featureIndex[k]!]!++;
      sampleIndex[at] = s;
      value[at] = x;
    }
  }
  return { featurePtr, sampleIndex, value };
}

export function featureStripes(
  table: FeatureTable,
  cellValues: Float64Array,
  term: PairTerm,
  start: number,
  stop: number,
): StripeBlock {
  const n = nSamples(table);
  const { featurePtr, sampleIndex, value } = featureMajor(table, cellValues);
  const block = createStripeBlock(n, start, stop, false);
  const e = new Float64Array(n);
  for (let f = 0; f < nFeatures(table); f++) {
    const from = featurePtr[f]!;
    const z = featurePtr[f + 1]! - from;
    if (z === 0) continue;
    for (let a = from; a < from + z; a++) e[sampleIndex[a]!] = value[a]!;
    accumulateUnit(block, term, 0, 1, e, sampleIndex, from, z);
    for (let a = from; a < from + z; a++) e[sampleIndex[a]!] = 0;
  }
  return block;
}
