/**
 * SampleMetadata: the participant questionnaire, one row per sample, with typed columns following
 * QIIME 2 metadata semantics: the first column holds sample IDs; a column is `categorical` or
 * `numeric` (declared by `#q2:types` or inferred: numeric when every non-empty cell parses as a
 * number); missing values are empty cells (NaN for numeric, null for categorical).
 *
 * A categorical column's levels are sorted as R's `factor()` sorts them (level-order.ts), never
 * in order of first appearance, so the reference level of a contrast and a binary outcome's
 * positive level do not depend on the order of the metadata rows.
 */
import { InputError } from "../errors.js";
import { positionsOf } from "../ids.js";
import { sortLevels } from "./level-order.js";

/** A metadata column of text levels; `null` marks a missing value. */
export interface CategoricalColumn {
  readonly kind: "categorical";
  readonly name: string;
  readonly values: readonly (string | null)[];
  /** Distinct non-missing values, sorted as R's `factor()` (level-order.ts) unless declared. */
  readonly levels: readonly string[];
}

/** A metadata column of numbers; NaN marks a missing value. */
export interface NumericColumn {
  readonly kind: "numeric";
  readonly name: string;
  /** NaN marks a missing value. */
  readonly values: Float64Array;
}

/** A typed metadata column (QIIME 2 semantics: `categorical` or `numeric`). */
export type MetadataColumn = CategoricalColumn | NumericColumn;

/** Sample metadata: one row per sample ID, typed columns in file order. */
export interface SampleMetadata {
  /** Header of the ID column as written (`sample-id`, `#SampleID`, `id`, ...). */
  readonly idHeader: string;
  readonly ids: readonly string[];
  readonly columns: readonly MetadataColumn[];
}

/** The column with this exact name, or `undefined` when there is none. */
export function getColumn(md: SampleMetadata, name: string): MetadataColumn | undefined {
  return md.columns.find((c) => c.name === name);
}

/**
 * The metadata column `name`, which must be of `kind` (e.g. a dose must be numeric).
 * @throws {InputError} `missing_column` when there is no such column, `bad_argument` when it is of
 *   the other kind; the message names it by `role` ("dose column 'g' is not numeric").
 */
export function columnOfKind<K extends MetadataColumn["kind"]>(
  md: SampleMetadata,
  name: string,
  kind: K,
  role: string,
): Extract<MetadataColumn, { kind: K }> {
  const column = getColumn(md, name);
  if (column === undefined || column.kind !== kind) {
    throw InputError.single({
      code: column === undefined ? "missing_column" : "bad_argument",
      message: `${role} column '${name}' ${column === undefined ? "is not in the metadata" : `is not ${kind}`}`,
      column: name,
    });
  }
  return column as Extract<MetadataColumn, { kind: K }>;
}

/**
 * Builds a categorical column. Levels default to the distinct non-missing values sorted as R's
 * `factor()` does (level-order.ts); pass `levels` to fix the order (the first is the reference).
 */
export function categorical(
  name: string,
  values: readonly (string | null)[],
  levels?: readonly string[],
): CategoricalColumn {
  const ordered = levels ? [...levels] : sortLevels(values.filter((v): v is string => v !== null));
  return { kind: "categorical", name, values, levels: ordered };
}

/** Builds a numeric column (copied into a Float64Array; NaN = missing). */
export function numeric(name: string, values: ArrayLike<number>): NumericColumn {
  return { kind: "numeric", name, values: Float64Array.from(values) };
}

/** Missing-value test for either column kind. */
export function isMissing(col: MetadataColumn, i: number): boolean {
  return col.kind === "numeric" ? Number.isNaN(col.values[i]!) : col.values[i] === null;
}

/**
 * Reorders (and subsets) metadata rows to the given IDs; every ID must be present.
 * @throws InputError `id_mismatch` listing the IDs the metadata lacks.
 */
export function selectRows(md: SampleMetadata, ids: readonly string[]): SampleMetadata {
  const rows = positionsOf(
    md.ids,
    ids,
    "metadata",
    "add a metadata row for each sample, or drop those samples from the table",
  );
  const columns = md.columns.map(
    (c): MetadataColumn =>
      c.kind === "numeric"
        ? { ...c, values: Float64Array.from(rows, (i) => c.values[i]!) }
        : { ...c, values: rows.map((i) => c.values[i]!) },
  );
  return { idHeader: md.idHeader, ids: [...ids], columns };
}
