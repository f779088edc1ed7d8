/**
 * Subsetting a FeatureTable by sample or feature, the primitive under every filter. Order follows
 * the given IDs (subsetSamples) or the table (subsetFeatures). An ID absent from the table is an
 * InputError naming the first few missing IDs and their count, never a silent drop.
 */
import { InputError, listIds } from "../errors.js";
import { createFeatureTable, type FeatureTable, nFeatures } from "./feature-table.js";
import { tableFromGroups } from "./group-features.js";

function missingError(missing: string[], what: "sample" | "feature"): InputError {
  return InputError.single({
    code: "id_mismatch",
    message: `${missing.length} ${what} ID(s) not in the table: ${listIds(missing)}`,
    hint: `check the ${what} IDs against the table (they are matched exactly, case-sensitively)`,
  });
}

/** Samples at the given column positions, in that order. */
export function selectSamples(t: FeatureTable, columns: ArrayLike<number>): FeatureTable {
  const n = columns.length;
  const colPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++)
    colPtr[i + 1] = colPtr[i]! + t.colPtr[columns[i]! + 1]! - t.colPtr[columns[i]!]!;
  const featureIndex = new Int32Array(colPtr[n]!);
  const values = new Float64Array(colPtr[n]!);
  for (let i = 0; i < n; i++) {
    const s = columns[i]!;
    featureIndex.set(t.featureIndex.subarray(t.colPtr[s]!, t.colPtr[s + 1]!), colPtr[i]!);
    values.set(t.values.subarray(t.colPtr[s]!, t.colPtr[s + 1]!), colPtr[i]!);
  }
  const sampleIds = Array.from(columns, (s) => t.sampleIds[s]!);
  return createFeatureTable({ sampleIds, featureIds: t.featureIds, colPtr, featureIndex, values });
}

/** Features where keep[f] is true, in table order. */
export function selectFeatures(t: FeatureTable, keep: ArrayLike<boolean>): FeatureTable {
  const m = nFeatures(t);
  const newIndex = new Int32Array(m).fill(-1);
  const featureIds: string[] = [];
  for (let f = 0; f < m; f++) {
    if (keep[f]) {
      newIndex[f] = featureIds.length;
      featureIds.push(t.featureIds[f]!);
    }
  }
  return tableFromGroups(t, newIndex, featureIds);
}

/**
 * The table restricted to the given sample IDs, in the order given.
 * @throws {InputError} `id_mismatch` naming the IDs the table lacks.
 */
export function subsetSamples(t: FeatureTable, ids: readonly string[]): FeatureTable {
  const pos = new Map(t.sampleIds.map((id, i) => [id, i]));
  const missing = ids.filter((id) => !pos.has(id));
  if (missing.length > 0) throw missingError(missing, "sample");
  return selectSamples(
    t,
    ids.map((id) => pos.get(id)!),
  );
}

/**
 * The table restricted to the given feature IDs, in table order.
 * @throws {InputError} `id_mismatch` naming the IDs the table lacks.
 */
export function subsetFeatures(t: FeatureTable, ids: readonly string[]): FeatureTable {
  const wanted = new Set(ids);
  const present = new Set(t.featureIds);
  const missing = ids.filter((id) => !present.has(id));
  if (missing.length > 0) throw missingError(missing, "feature");
  return selectFeatures(
    t,
    t.featureIds.map((id) => wanted.has(id)),
  );
}
