/**
 * Sums features into groups: output feature g = sum of input features f with group[f] = g; features
 * with group -1 are dropped. Used by collapsing to a rank and by feature subsets; one dense accumulator per sample, reset after use (no per-element
 * allocation).
 */
import { createFeatureTable, type FeatureTable, nSamples } from "./feature-table.js";

/**
 * Sums input features into groups: output feature g is the sum of the features f with
 * `group[f] === g` (named `groupIds[g]`); group -1 drops a feature.
 */
export function tableFromGroups(
  t: FeatureTable,
  group: Int32Array,
  groupIds: readonly string[],
): FeatureTable {
  const g = groupIds.length;
  const acc = new Float64Array(g);
  const touched = new Int32Array(g);
  const n = nSamples(t);
  const colPtr = new Int32Array(n + 1);
  const featureIndex = new Int32Array(t.values.length);
  const values = new Float64Array(t.values.length);
  let w = 0;
  for (let s = 0; s < n; s++) {
    let nt = 0;
    for (let k = t.colPtr[s]!; k < t.colPtr[s + 1]!; k++) {
      const target = group[t.featureIndex[k]!]!;
      if (target < 0) continue;
      if (acc[target] === 0) touched[nt++] = target;
      acc[target]! += t.values[k]!;
    }
    const list = touched.subarray(0, nt).sort();
    for (let i = 0; i < nt; i++) {
      featureIndex[w] = list[i]!;
      values[w++] = acc[list[i]!]!;
      acc[list[i]!] = 0;
    }
    colPtr[s + 1] = w;
  }
  return createFeatureTable({ sampleIds: t.sampleIds, featureIds: groupIds, colPtr, featureIndex, values });
}
