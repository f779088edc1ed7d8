/**
 * Typed reads of a metadata column for tests: the column's values when it exists with the expected
 * kind, else an Error naming the column (a test set-up mistake, not an input error).
 */
import { getColumn, type SampleMetadata } from "../../src/core/table/metadata.js";

/** A numeric column's values (NaN marks a missing value). */
export function numericValues(md: SampleMetadata, name: string): Float64Array {
  const column = getColumn(md, name);
  if (column?.kind !== "numeric") throw new Error(`no numeric column '${name}'`);
  return column.values;
}

/** A categorical column's values (null marks a missing value). */
export function categoricalValues(md: SampleMetadata, name: string): readonly (string | null)[] {
  const column = getColumn(md, name);
  if (column?.kind !== "categorical") throw new Error(`no categorical column '${name}'`);
  return column.values;
}
