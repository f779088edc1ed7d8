/**
 * FeatureTable: counts (or relative abundances) of features (ASVs, OTUs, taxa) in samples, stored
 * sparse in compressed sparse column (CSC) form with one column per sample.
 *
 *   sample s occupies entries colPtr[s] .. colPtr[s+1]-1 of
 *     featureIndex: Int32Array   feature row of each non-zero, ascending within a sample
 *     values:       Float64Array the non-zero value
 *
 *   colPtr  [0,      3,         5, ...]
 *            |------s0------|--s1--|
 *   featureIndex  [2, 7, 9,   0, 7, ...]
 *   values        [5, 1, 12,  3, 3, ...]
 *
 * Explicit zeros are never stored. Dense views are built on demand, per block of samples
 * (`denseBlock`). IDs are strings matched exactly. Tables are immutable values: operations return
 * new tables.
 */
import { InputError, type Issue, listIds } from "../errors.js";
import { duplicateIds } from "../ids.js";

/**
 * Feature values per sample in compressed sparse column form (one column per sample; see the module
 * header for the layout). Immutable: operations return new tables. Build one with
 * {@link createFeatureTable} or {@link fromDense}, which check the invariants.
 */
export interface FeatureTable {
  readonly sampleIds: readonly string[];
  readonly featureIds: readonly string[];
  /** Length nSamples + 1. */
  readonly colPtr: Int32Array;
  readonly featureIndex: Int32Array;
  readonly values: Float64Array;
}

/** Number of samples (columns). */
export function nSamples(t: FeatureTable): number {
  return t.sampleIds.length;
}

/** Number of features (rows). */
export function nFeatures(t: FeatureTable): number {
  return t.featureIds.length;
}

/** Number of stored (non-zero) values. */
export function nnz(t: FeatureTable): number {
  return t.colPtr[t.sampleIds.length]!;
}

/**
 * Builds a table from CSC arrays after checking its invariants (shape, ascending indices in range,
 * finite values, unique IDs). Explicit zeros are dropped.
 * @throws {InputError} `duplicate_id` (sample or feature IDs), `bad_value` (CSC arrays of the
 *   wrong length, decreasing `colPtr`, feature indices not ascending or out of range),
 *   `non_finite` (a value that is NaN or infinite, naming its sample).
 */
export function createFeatureTable(parts: {
  sampleIds: readonly string[];
  featureIds: readonly string[];
  colPtr: Int32Array;
  featureIndex: Int32Array;
  values: Float64Array;
}): FeatureTable {
  const { sampleIds, featureIds, colPtr, featureIndex, values } = parts;
  const issues: Issue[] = [];
  for (const [what, ids] of [
    ["sample", sampleIds],
    ["feature", featureIds],
  ] as const) {
    const dup = duplicateIds(ids);
    if (dup.length > 0) {
      issues.push({
        code: "duplicate_id",
        message: `duplicate ${what} IDs: ${listIds(dup)}`,
        hint: `make every ${what} ID unique`,
      });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  if (colPtr.length !== sampleIds.length + 1 || colPtr[0] !== 0) {
    throw badCsc(`colPtr must have length nSamples + 1 = ${sampleIds.length + 1} and start at 0`);
  }
  const total = colPtr[sampleIds.length]!;
  if (featureIndex.length < total || values.length < total) {
    throw badCsc("featureIndex and values must hold colPtr[nSamples] entries");
  }
  let hasZero = false;
  for (let s = 0; s < sampleIds.length; s++) {
    const start = colPtr[s]!;
    const stop = colPtr[s + 1]!;
    if (stop < start) throw badCsc(`colPtr must be non-decreasing (sample '${sampleIds[s]}')`);
    let prev = -1;
    for (let k = start; k < stop; k++) {
      const f = featureIndex[k]!;
      if (f <= prev || f >= featureIds.length) {
        throw badCsc(
          `feature indices of sample '${sampleIds[s]}' must be ascending and < ${featureIds.length}`,
        );
      }
      prev = f;
      const v = values[k]!;
      if (!Number.isFinite(v)) {
        throw InputError.single({
          code: "non_finite",
          message: `non-finite value ${v} in sample '${sampleIds[s]}'`,
          sampleId: sampleIds[s],
          featureId: featureIds[f],
          hint: "every count must be a finite number",
        });
      }
      if (v === 0) hasZero = true;
    }
  }
  const table: FeatureTable = {
    sampleIds: [...sampleIds],
    featureIds: [...featureIds],
    colPtr,
    featureIndex: featureIndex.length === total ? featureIndex : featureIndex.slice(0, total),
    values: values.length === total ? values : values.slice(0, total),
  };
  return hasZero ? dropExplicitZeros(table) : table;
}

/** A CSC array that breaks the table's layout (a caller's bug, reported as bad input to the library). */
function badCsc(message: string): InputError {
  return InputError.single({
    code: "bad_value",
    message: `feature table: ${message}`,
    hint: "build the CSC arrays as FeatureTable documents them (colPtr, featureIndex, values)",
  });
}

function dropExplicitZeros(t: FeatureTable): FeatureTable {
  const n = nSamples(t);
  const colPtr = new Int32Array(n + 1);
  const idx = new Int32Array(nnz(t));
  const val = new Float64Array(nnz(t));
  let w = 0;
  for (let s = 0; s < n; s++) {
    for (let k = t.colPtr[s]!; k < t.colPtr[s + 1]!; k++) {
      if (t.values[k] !== 0) {
        idx[w] = t.featureIndex[k]!;
        val[w] = t.values[k]!;
        w++;
      }
    }
    colPtr[s + 1] = w;
  }
  return { ...t, colPtr, featureIndex: idx.slice(0, w), values: val.slice(0, w) };
}

/** Builds a table from a dense samples x features matrix (row-major, one row per sample). */
export function fromDense(
  sampleIds: readonly string[],
  featureIds: readonly string[],
  dense: ArrayLike<number>,
): FeatureTable {
  const n = sampleIds.length;
  const m = featureIds.length;
  if (dense.length !== n * m) throw new RangeError(`dense matrix must have ${n} x ${m} entries`);
  let count = 0;
  for (let i = 0; i < dense.length; i++) if (dense[i] !== 0) count++;
  const colPtr = new Int32Array(n + 1);
  const featureIndex = new Int32Array(count);
  const values = new Float64Array(count);
  let w = 0;
  for (let s = 0; s < n; s++) {
    for (let f = 0; f < m; f++) {
      const v = dense[s * m + f]!;
      if (v !== 0) {
        featureIndex[w] = f;
        values[w] = v;
        w++;
      }
    }
    colPtr[s + 1] = w;
  }
  return createFeatureTable({ sampleIds, featureIds, colPtr, featureIndex, values });
}

/**
 * Dense block of samples [start, stop) as a row-major (stop - start) x nFeatures Float64Array.
 * `out` is reused when given (no allocation in loops).
 */
export function denseBlock(t: FeatureTable, start = 0, stop = nSamples(t), out?: Float64Array): Float64Array {
  const m = nFeatures(t);
  const size = (stop - start) * m;
  const block = out && out.length >= size ? out : new Float64Array(size);
  block.fill(0, 0, size);
  for (let s = start; s < stop; s++) {
    const row = (s - start) * m;
    for (let k = t.colPtr[s]!; k < t.colPtr[s + 1]!; k++) block[row + t.featureIndex[k]!] = t.values[k]!;
  }
  return block;
}

/** Total of each sample (sequencing depth for count tables). */
export function sampleTotals(t: FeatureTable): Float64Array {
  const n = nSamples(t);
  const out = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let sum = 0;
    for (let k = t.colPtr[s]!; k < t.colPtr[s + 1]!; k++) sum += t.values[k]!;
    out[s] = sum;
  }
  return out;
}

/** Total of each feature across samples. */
export function featureTotals(t: FeatureTable): Float64Array {
  const out = new Float64Array(nFeatures(t));
  const total = nnz(t);
  for (let k = 0; k < total; k++) out[t.featureIndex[k]!]! += t.values[k]!;
  return out;
}

/** Number of samples in which each feature is non-zero. */
export function featurePrevalenceCounts(t: FeatureTable): Int32Array {
  const out = new Int32Array(nFeatures(t));
  const total = nnz(t);
  for (let k = 0; k < total; k++) out[t.featureIndex[k]!]!++;
  return out;
}

/** True when every value is a non-negative integer (a count table). */
export function isIntegral(t: FeatureTable): boolean {
  for (let k = 0; k < t.values.length; k++) {
    const v = t.values[k]!;
    if (v < 0 || !Number.isInteger(v)) return false;
  }
  return true;
}
