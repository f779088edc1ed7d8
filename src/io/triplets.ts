/**
 * Builds a CSC FeatureTable from (feature, sample, value) triplets in any order, as BIOM JSON
 * (`[row, col, value]`) and row-oriented TSV give them: a stable counting sort by sample, then a
 * sort within a sample only when its feature indices are not already ascending. A repeated
 * (feature, sample) pair is a corrupt file, reported with both IDs.
 */
import { ParseError } from "../core/errors.js";
import { createFeatureTable, type FeatureTable } from "../core/table/feature-table.js";

export interface Triplets {
  feature: Int32Array;
  sample: Int32Array;
  value: Float64Array;
  /** Number of triplets used (the arrays may be longer). */
  count: number;
}

export function tableFromTriplets(
  sampleIds: readonly string[],
  featureIds: readonly string[],
  t: Triplets,
  source: string,
): FeatureTable {
  const n = sampleIds.length;
  const colPtr = new Int32Array(n + 1);
  for (let k = 0; k < t.count; k++) colPtr[t.sample[k]! + 1]!++;
  for (let s = 0; s < n; s++) colPtr[s + 1]! += colPtr[s]!;
  const next = colPtr.slice(0, n);
  const featureIndex = new Int32Array(t.count);
  const values = new Float64Array(t.count);
  for (let k = 0; k < t.count; k++) {
    const w = next[t.sample[k]!]!++;
    featureIndex[w] = t.feature[k]!;
    values[w] = t.value[k]!;
  }
  for (let s = 0; s < n; s++) {
    const start = colPtr[s]!;
    const stop = colPtr[s + 1]!;
    let sorted = true;
    for (let k = start + 1; k < stop && sorted; k++) sorted = featureIndex[k - 1]! < featureIndex[k]!;
    if (!sorted) sortSample(featureIndex, values, start, stop);
    for (let k = start + 1; k < stop; k++) {
      if (featureIndex[k - 1] === featureIndex[k]) {
        throw ParseError.single({
          code: "corrupt_file",
          file: source,
          sampleId: sampleIds[s]!,
          featureId: featureIds[featureIndex[k]!]!,
          message: "the same (feature, sample) entry is given twice",
          hint: "the file is damaged or was edited by hand; re-export it",
        });
      }
    }
  }
  return createFeatureTable({ sampleIds, featureIds, colPtr, featureIndex, values });
}

function sortSample(idx: Int32Array, val: Float64Array, start: number, stop: number): void {
  const order = Array.from({ length: stop - start }, (_, i) => start + i).sort((a, b) => idx[a]! - idx[b]!);
  const i2 = Int32Array.from(order, (k) => idx[k]!);
  const v2 = Float64Array.from(order, (k) => val[k]!);
  idx.set(i2, start);
  val.set(v2, start);
}
