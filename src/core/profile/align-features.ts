/**
 * Puts a table's samples into a model's feature order: model feature j takes the table feature of
 * the same name; model features the table lacks are 0 (named in `missing`, for a warning), table
 * features the model does not know are ignored (counted in `ignored`). Output: row-major
 * samples x model features.
 */
import { denseBlock, type FeatureTable, nFeatures, nSamples } from "../table/feature-table.js";

/**
 * A table's samples in a model's feature order (row-major samples × model features), model features the table
 * lacks, and how many table features were ignored.
 */
export interface AlignedFeatures {
  x: Float64Array;
  missing: string[];
  ignored: number;
}

/**
 * Puts a table's samples into a model's feature order by name: missing model features are 0 and listed,
 * unknown table features ignored.
 */
export function alignFeatures(table: FeatureTable, featureNames: readonly string[]): AlignedFeatures {
  const n = nSamples(table);
  const q = nFeatures(table);
  const p = featureNames.length;
  const columnOf = new Map(table.featureIds.map((id, f) => [id, f]));
  const source = Int32Array.from(featureNames, (name) => columnOf.get(name) ?? -1);
  const dense = denseBlock(table);
  const x = new Float64Array(n * p);
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < p; j++) {
      const f = source[j]!;
      if (f >= 0) x[s * p + j] = dense[s * q + f]!;
    }
  }
  const known = new Set(featureNames);
  return {
    x,
    missing: featureNames.filter((_, j) => source[j]! < 0),
    ignored: table.featureIds.filter((id) => !known.has(id)).length,
  };
}
